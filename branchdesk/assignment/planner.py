"""From a snapshot to a plan: group the clients, solve, and explain every move.

Pure computation on the snapshot (no store access), so the server can run it in a worker
thread. :mod:`.plans` stores, applies and undoes what comes out of here."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from ..models import Skill
from ..models.assignment import (
    AdvisorLoad,
    Move,
    Plan,
    PlanKind,
    PlanTotals,
    Reason,
    ReasonCode,
    Unplaceable,
)
from .band import bounds
from .eligibility import Eligibility
from .groups import Grouping, group_clients
from .rules import COST_SCALE, NEED_ORDER, describe_needs, main_need
from .snapshot import Snapshot, quiet_gc
from .solver import solve

#: row → (new advisor, move cost in hundredths, to the old advisor's backup?)
Assignment = dict[int, tuple[str, int, bool]]


@dataclass(frozen=True)
class Scope:
    """What may move: everyone (None), or only some clients (a departing advisor's
    book, new clients). ``to_backup``: clients go to their advisor's backup whenever the
    backup may take them (a leave), the rest are placed by the solver."""

    movable: frozenset[str] | None = None
    to_backup: bool = False


EVERYONE = Scope()


def compute(
    snap: Snapshot,
    *,
    kind: PlanKind = PlanKind.REBALANCE,
    scope: Scope = EVERYONE,
    advisor_id: str | None = None,
    until: date | None = None,
) -> Plan:
    """A preview plan (no id yet) for ``snap``."""
    started = time.perf_counter()
    with quiet_gc():
        elig = Eligibility(snap.advisors, snap.rules, snap.on)
        direct = _to_backups(snap, elig, scope) if scope.to_backup else {}
        movable = scope.movable
        if direct:
            movable = frozenset(movable or ()) - {snap.ids[i] for i in direct}
        grouping = group_clients(snap, elig, movable)
        for i, (to_id, _, _) in direct.items():
            grouping.fixed[elig.index[to_id]] += grouping.weight_of[i]
        refine = scope.movable is not None or bool(direct)
        assignment = {**direct, **_solve(snap, elig, grouping, refine)}
        loads = _loads(snap, elig, grouping.weight_of, assignment)
        plan = Plan(
            id="",
            kind=kind,
            on=snap.on,
            balance=snap.rules.balance,
            tolerance=snap.rules.tolerance,
            advisor_id=advisor_id,
            until=until,
            basis=snap.basis,
            rules_version=snap.rules.version,
            loads=loads,
            moves=_moves(snap, elig, grouping, assignment, loads),
            unplaceable=[
                Unplaceable(
                    account_id=snap.ids[i],
                    advisor_id=snap.advisor_ids[i],
                    reason=Reason(
                        code=ReasonCode.NO_ELIGIBLE, needs=elig.unmet(grouping.requirements[i])
                    ),
                )
                for i in grouping.unplaced
            ],
            totals=_totals(snap, elig, grouping, assignment, loads),
        )
    plan.totals.solve_seconds = round(time.perf_counter() - started, 4)
    return plan


def _solve(snap: Snapshot, elig: Eligibility, grouping: Grouping, refine: bool) -> Assignment:
    receivers = elig.receivers
    n = len(receivers)
    total = sum(grouping.fixed) + sum(g.weight * len(g.members) for g in grouping.groups)
    capacity = sum(a.capacity for a in receivers)
    targets = [total * a.capacity / capacity for a in receivers] if n else []
    skill = [[5 - a.skills.get(need, 0) for a in receivers] for need in NEED_ORDER]
    skill.append([0] * n)  # no preferences: every advisor matches equally
    solution = solve(
        grouping.groups,
        grouping.weights,
        targets,
        grouping.fixed,
        snap.rules.tolerance,
        skill,
        refine=refine,
    )
    out: Assignment = {}
    for g, stay, moves in zip(grouping.groups, solution.stay, solution.moves, strict=True):
        movers = iter(g.members[stay:])  # interchangeable: the first ones stay
        for r, count in moves:
            backup = r == g.backup
            cost = g.backup_cost if backup else g.cost
            for _ in range(count):
                out[next(movers)] = (receivers[r].id, cost, backup)
    return out


def _to_backups(snap: Snapshot, elig: Eligibility, scope: Scope) -> Assignment:
    """Rows that go straight to their away advisor's backup (leave plans)."""
    out: Assignment = {}
    masks: dict[tuple, int] = {}
    rules, today = snap.rules, snap.on.toordinal()
    for i, advisor_id in enumerate(snap.advisor_ids):
        if advisor_id not in elig.away:
            continue
        if scope.movable is not None and snap.ids[i] not in scope.movable:
            continue
        backup = elig.backup_for(advisor_id)
        if backup is None:
            continue
        key = (snap.tiers[i], snap.preferences[i])
        if key not in masks:
            masks[key] = elig.mask(rules.requirements(*key))
        if masks[key] >> elig.index[backup] & 1:
            cost = rules.move_cost(snap.assets[i], snap.since[i], today)
            out[i] = (backup, rules.backup_cost(cost), True)
    return out


def book_loads(snap: Snapshot, moves: dict[int, str] | None = None) -> list[AdvisorLoad]:
    """Each advisor's load now, or after ``moves`` (row → new advisor). Targets share out
    every client an active advisor may take — including those still on an away advisor's
    book, who a rebalance would place."""
    elig = Eligibility(snap.advisors, snap.rules, snap.on)
    rules = snap.rules
    profiles: dict[tuple, tuple[int, int]] = {}
    weight, total = [], 0
    for advisor_id, tier, prefs in zip(snap.advisor_ids, snap.tiers, snap.preferences, strict=True):
        found = profiles.get((tier, prefs))
        if found is None:
            found = (rules.weight(tier), elig.mask(rules.requirements(tier, prefs)))
            profiles[(tier, prefs)] = found
        weight.append(found[0])
        if found[1] or advisor_id in elig.index:
            total += found[0]
    assignment = {i: (to_id, 0, False) for i, to_id in (moves or {}).items()}
    return _loads(snap, elig, weight, assignment, total)


def _loads(
    snap: Snapshot,
    elig: Eligibility,
    weight: list[int],
    assignment: Assignment,
    total: int | None = None,
) -> list[AdvisorLoad]:
    """Loads before and after; targets share ``total`` (default: what the active advisors
    hold after the plan — the solver's own targets) in proportion to capacity."""
    before: dict[str | None, int] = {}
    count_before: dict[str | None, int] = {}
    for advisor_id, w in zip(snap.advisor_ids, weight, strict=True):
        before[advisor_id] = before.get(advisor_id, 0) + w
        count_before[advisor_id] = count_before.get(advisor_id, 0) + 1
    after, count_after = dict(before), dict(count_before)
    for i, (to_id, _, _) in assignment.items():
        old = snap.advisor_ids[i]
        after[old] -= weight[i]
        count_after[old] -= 1
        after[to_id] = after.get(to_id, 0) + weight[i]
        count_after[to_id] = count_after.get(to_id, 0) + 1
    receivers = elig.receivers
    if total is None:
        total = sum(after.get(a.id, 0) for a in receivers)
    capacity = sum(a.capacity for a in receivers)
    targets = [total * a.capacity / capacity for a in receivers] if receivers else []
    low, high = bounds(targets, [snap.rules.tolerance] * len(targets))
    out = []
    for a in snap.advisors:
        r = elig.index.get(a.id)
        load = AdvisorLoad(
            advisor_id=a.id,
            name=a.name,
            status=a.status,
            away=r is None,
            capacity=a.capacity,
            clients_before=count_before.get(a.id, 0),
            clients_after=count_after.get(a.id, 0),
            before=before.get(a.id, 0),
            after=after.get(a.id, 0),
        )
        if r is not None and targets[r] > 0:
            t = targets[r]
            load.target = round(t, 2)
            load.band_low, load.band_high = low[r], high[r]
            load.deviation_before = round((load.before - t) / t, 4)
            load.deviation_after = round((load.after - t) / t, 4)
        out.append(load)
    return out


def _moves(
    snap: Snapshot,
    elig: Eligibility,
    grouping: Grouping,
    assignment: Assignment,
    loads: list[AdvisorLoad],
) -> list[Move]:
    by_id = {load.advisor_id: load for load in loads}
    out = []
    for i in sorted(assignment, key=snap.ids.__getitem__):
        to_id, cost, backup = assignment[i]
        raw_from = snap.advisor_ids[i]
        from_id = raw_from if raw_from in elig.by_id else None
        to = elig.by_id[to_id]
        need = main_need(snap.preferences[i])
        reason = Reason(
            code=ReasonCode.UNASSIGNED,
            to_name=to.name,
            backup=backup,
            skill=Skill(need) if need else None,
            level=to.skills.get(need, 0) if need else None,
            load_before=by_id[to_id].before,
            load_after=by_id[to_id].after,
        )
        until = None
        if from_id is not None:
            old = elig.by_id[from_id]
            reason.from_name = old.name
            if from_id in elig.away:
                reason.code = elig.away[from_id]
                if reason.code is ReasonCode.ON_LEAVE:
                    until = reason.until = old.leave_to
            elif not grouping.masks[i] >> elig.index[from_id] & 1:
                reason.code = ReasonCode.INELIGIBLE
                reason.needs = describe_needs(_unmet_by(elig, old, grouping.requirements[i]))
            else:
                reason.code = ReasonCode.BALANCE
                reason.from_load = by_id[from_id].before
                reason.band_high = by_id[from_id].band_high
        out.append(
            Move(
                account_id=snap.ids[i],
                from_id=raw_from,
                to_id=to_id,
                cost=cost / COST_SCALE,
                until=until,
                reason=reason,
            )
        )
    return out


def _unmet_by(elig: Eligibility, advisor, requirements: tuple) -> tuple:
    senior, skills = requirements
    return (
        senior and not elig.meets(advisor, (True, ())),
        tuple(s for s in skills if not elig.meets(advisor, (False, (s,)))),
    )


def _totals(
    snap: Snapshot,
    elig: Eligibility,
    grouping: Grouping,
    assignment: Assignment,
    loads: list[AdvisorLoad],
) -> PlanTotals:
    placeable = ok_before = ok_after = 0
    index = elig.index
    for i, (advisor_id, mask) in enumerate(zip(snap.advisor_ids, grouping.masks, strict=True)):
        if not mask:
            continue
        placeable += 1
        r = index.get(advisor_id)  # type: ignore[arg-type]
        ok = r is not None and mask >> r & 1
        ok_before += ok
        moved = assignment.get(i)
        if moved is not None:
            ok = mask >> index[moved[0]] & 1
        ok_after += ok
    dev_before = [abs(x.deviation_before) for x in loads if x.deviation_before is not None]
    dev_after = [abs(x.deviation_after) for x in loads if x.deviation_after is not None]
    return PlanTotals(
        clients=len(snap),
        moves=len(assignment),
        cost=round(sum(c for _, c, _ in assignment.values()) / COST_SCALE, 2),
        spread_before=max(dev_before, default=0.0),
        spread_after=max(dev_after, default=0.0),
        eligible_before=round(ok_before / placeable, 6) if placeable else 1.0,
        eligible_after=round(ok_after / placeable, 6) if placeable else 1.0,
        unplaceable=len(grouping.unplaced),
    )
