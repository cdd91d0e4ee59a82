"""What a manager relies on in a plan: a second run moves no one, nobody lands with an
advisor who may not serve them, clients nobody may take are listed with the reason, and
every move says why in words."""

from __future__ import annotations

import dataclasses

import msgspec
import pytest

from branchdesk.assignment.planner import compute
from branchdesk.assignment.reasons import reason_text
from branchdesk.models import Advisor, AdvisorStatus, Skill
from branchdesk.models.assignment import ReasonCode

from .instances import ON, active, make_instance, may_serve, placeable


def applied(inst, plan):
    """The snapshot as it is once ``plan`` has been applied."""
    owners = list(inst.snap.advisor_ids)
    since = list(inst.snap.since)
    row = {c: i for i, c in enumerate(inst.snap.ids)}
    for m in plan.moves:
        owners[row[m.account_id]] = m.to_id
        since[row[m.account_id]] = ON.toordinal()
    return dataclasses.replace(
        inst, snap=dataclasses.replace(inst.snap, advisor_ids=owners, since=since)
    )


@pytest.mark.parametrize("balance", ["count", "weighted"])
@pytest.mark.parametrize("seed", range(15))
def test_a_second_run_on_the_plans_output_moves_no_one(seed: int, balance: str) -> None:
    inst = make_instance(500 + seed, clients=80, advisors=5, tolerance=0.1, balance=balance)
    first = compute(inst.snap)
    assert first.moves, "the random book should need some moves"
    second = compute(applied(inst, first).snap)
    if balance == "count" or first.totals.spread_after <= inst.rules.tolerance:
        assert second.moves == []


@pytest.mark.parametrize("seed", range(15))
def test_no_client_ends_with_an_advisor_who_may_not_serve_them(seed: int) -> None:
    inst = make_instance(700 + seed, clients=80, advisors=5, tolerance=0.0, min_skill={"funds": 3})
    plan = compute(inst.snap)
    after = applied(inst, plan)
    by_id = {a.id: a for a in active(inst)}
    for i in placeable(inst):
        owner = after.snap.advisor_ids[i]
        assert owner in by_id and may_serve(inst, by_id[owner], i)
    assert plan.totals.eligible_after == 1.0


def test_clients_nobody_may_take_stay_and_are_listed_with_the_reason() -> None:
    inst = make_instance(42, clients=30, advisors=4, tolerance=0.05)
    # nobody active has the options skill any more
    people = [
        msgspec.structs.replace(a, skills={s: n for s, n in a.skills.items() if s != "options"})
        for a in inst.advisors
    ]
    prefs = list(inst.snap.preferences)
    prefs[0] = ("stocks", "options")
    snap = dataclasses.replace(inst.snap, advisors=people, preferences=prefs)
    plan = compute(snap)
    listed = {u.account_id: u for u in plan.unplaceable}
    assert inst.snap.ids[0] in listed
    assert inst.snap.ids[0] not in {m.account_id for m in plan.moves}
    reason = listed[inst.snap.ids[0]].reason
    assert reason.code is ReasonCode.NO_ELIGIBLE and "options>=1" in reason.needs
    assert "no active advisor has options level 1+" in reason_text(reason, "en")
    assert "期权1级以上" in reason_text(reason, "zh")
    assert plan.totals.unplaceable == len(plan.unplaceable)


def test_a_departing_advisors_client_goes_to_the_backup_and_the_reason_says_so() -> None:
    wang = Advisor(id="A05", name="王芳", status=AdvisorStatus.DEPARTED, backup_id="A06",
                   level="senior", skills={Skill.FUNDS: 3})  # fmt: skip
    li = Advisor(id="A06", name="李娜", level="certified", skills={Skill.FUNDS: 4}, backup_id="A07")
    yang = Advisor(id="A07", name="杨帆", level="senior", skills={Skill.FUNDS: 5})
    inst = make_instance(1, clients=0, advisors=1, tolerance=0.5)
    snap = dataclasses.replace(
        inst.snap,
        advisors=[msgspec.convert(msgspec.to_builtins(a), Advisor) for a in (wang, li, yang)],
        ids=["C1", "C2", "C3"],
        advisor_ids=["A05", "A06", "A07"],
        tiers=["general"] * 3,
        preferences=[("funds",)] * 3,
        assets=[300_000.0] * 3,
        since=[ON.toordinal() - 5 * 365] * 3,
    )
    plan = compute(snap)
    (move,) = plan.moves
    assert (move.account_id, move.from_id, move.to_id) == ("C1", "A05", "A06")
    assert move.reason.backup and move.cost == pytest.approx(10 + (1 + 0.2 * 5) * 0.5)
    assert reason_text(move.reason, "en") == (
        "王芳 is departing; backup 李娜 has funds level 4; load 1 → 2"
    )
    assert reason_text(move.reason, "zh") == "王芳离职；由备岗李娜接手，基金4级；负荷 1 → 2"


def test_an_empty_book_and_a_branch_with_nobody_active_plan_nothing() -> None:
    empty = make_instance(3, clients=0, advisors=3, tolerance=0.05)
    assert compute(empty.snap).moves == []
    inst = make_instance(4, clients=20, advisors=3, tolerance=0.05)
    gone = [msgspec.structs.replace(a, status=AdvisorStatus.DEPARTED) for a in inst.advisors]
    plan = compute(dataclasses.replace(inst.snap, advisors=gone))
    assert plan.moves == [] and len(plan.unplaceable) == 20
    assert all(u.reason.code is ReasonCode.NO_ELIGIBLE for u in plan.unplaceable)
    plain = next(u for u in plan.unplaceable if not u.reason.needs)
    assert reason_text(plain.reason, "en") == "no advisor is taking clients"
