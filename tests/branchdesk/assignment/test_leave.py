"""Leave with an end date: the clients go to the backup and come back after it (time is
driven by ``on=`` dates, never by sleeping); a departure is for good."""

from __future__ import annotations

from datetime import date, timedelta

from branchdesk import assignment
from branchdesk.assignment.eligibility import Eligibility
from branchdesk.assignment.rules import AssignmentRules
from branchdesk.book import ClientBook
from branchdesk.models import AdvisorStatus
from branchdesk.rules import get_rules
from branchdesk.tasks import TaskBook

ACTOR = "manager"
START, END = date(2026, 11, 25), date(2026, 12, 10)


def book_of(store, advisor_id: str) -> set[str]:
    """The advisor's clients on the book (closed accounts are never moved)."""
    table = store.table("clients")
    ids = table.index("advisor").get(advisor_id)
    return {i for i in ids if table.doc(i).get("status") != "lost"}


def version(store, advisor_id: str) -> int:
    return assignment.get_advisor(store, advisor_id).version


def test_clients_go_to_the_backup_and_come_back_after_the_leave(demo_store) -> None:
    zhang = assignment.get_advisor(demo_store, "A03")  # backup: A04 赵敏
    mine = book_of(demo_store, "A03")
    job = assignment.start_leave(
        demo_store, "A03", START, END, actor=ACTOR, expected_version=zhang.version
    )
    plan = assignment.save_preview(demo_store, job.run(), actor=ACTOR)
    assert plan.kind == "leave" and plan.until == END
    assert {m.account_id for m in plan.moves} == mine  # everyone on the leave moves
    assert all(m.until == END and m.reason.code == "on_leave" for m in plan.moves)
    # the backup takes every client they may serve; the others go by the rules
    rules = get_rules(demo_store, AssignmentRules)
    elig = Eligibility(assignment.list_advisors(demo_store), rules, START)
    zhao = elig.by_id["A04"]
    book = ClientBook(demo_store)
    for m in plan.moves:
        client = book.get(m.account_id)
        fits = elig.meets(zhao, rules.requirements(client.tier, tuple(client.preferences)))
        assert (m.to_id == "A04") == fits
        assert m.reason.backup == fits
    assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    assert book_of(demo_store, "A03") == set()

    # the last day of leave: nothing comes back yet
    assert assignment.end_leaves(demo_store, on=END) == []
    assert book_of(demo_store, "A03") == set()

    (back,) = assignment.end_leaves(demo_store, on=END + timedelta(days=1))
    assert back.kind == "return" and back.source_plan == plan.id
    assert book_of(demo_store, "A03") == mine
    assert assignment.get_advisor(demo_store, "A03").status is AdvisorStatus.ACTIVE
    assert assignment.get_plan(demo_store, plan.id).returns == {"A03": back.id}
    handover = TaskBook(demo_store).get(back.moves[0].task_id)
    assert handover.assignee == "A03" and handover.purpose == "handover"
    # running the check again changes nothing
    assert assignment.end_leaves(demo_store, on=END + timedelta(days=2)) == []


def test_a_client_reassigned_during_the_leave_stays_where_the_manager_put_them(demo_store) -> None:
    job = assignment.start_leave(
        demo_store, "A03", START, END, actor=ACTOR, expected_version=version(demo_store, "A03")
    )
    plan = assignment.save_preview(demo_store, job.run(), actor=ACTOR)
    assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    moved = plan.moves[0]
    book = ClientBook(demo_store)
    other = "A01" if moved.to_id != "A01" else "A02"
    book.update(
        moved.account_id,
        {"advisor_id": other},
        actor=ACTOR,
        expected_version=book.get(moved.account_id).version,
    )
    (back,) = assignment.end_leaves(demo_store, on=END + timedelta(days=1))
    assert [u.account_id for u in back.not_restored] == [moved.account_id]
    assert book.get(moved.account_id).advisor_id == other
    assert len(back.moves) == len(plan.moves) - 1


def test_an_extended_leave_keeps_the_clients_away(demo_store) -> None:
    job = assignment.start_leave(
        demo_store, "A03", START, END, actor=ACTOR, expected_version=version(demo_store, "A03")
    )
    plan = assignment.save_preview(demo_store, job.run(), actor=ACTOR)
    assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    later = END + timedelta(days=14)
    assignment.update_advisor(
        demo_store,
        "A03",
        {"leave_to": later.isoformat()},
        actor=ACTOR,
        expected_version=version(demo_store, "A03"),
    )
    assert assignment.end_leaves(demo_store, on=END + timedelta(days=1)) == []
    assert len(assignment.end_leaves(demo_store, on=later + timedelta(days=1))) == 1


def test_coming_back_early_brings_the_clients_back_at_once(demo_store) -> None:
    mine = book_of(demo_store, "A03")
    job = assignment.start_leave(
        demo_store, "A03", START, END, actor=ACTOR, expected_version=version(demo_store, "A03")
    )
    plan = assignment.save_preview(demo_store, job.run(), actor=ACTOR)
    assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    (back,) = assignment.back_to_work(demo_store, "A03", actor=ACTOR)
    assert back.kind == "return" and book_of(demo_store, "A03") == mine


def test_a_departure_is_permanent(demo_store) -> None:
    # 王芳 (A05) left; her backup 李娜 (A06) is strong in funds.
    mine = book_of(demo_store, "A05")
    job = assignment.job_for(demo_store)  # whole book; A05 is already departed in the demo
    plan = assignment.save_preview(demo_store, job.run(), actor=ACTOR)
    from_wang = [m for m in plan.moves if m.from_id == "A05"]
    assert {m.account_id for m in from_wang} == mine
    assert all(m.until is None and m.reason.code == "departed" for m in from_wang)
    assert any(m.to_id == "A06" and m.reason.backup for m in from_wang)
    assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    assignment.end_leaves(demo_store, on=date(2027, 6, 1))
    assert book_of(demo_store, "A05") == set()


def test_departing_makes_a_plan_for_that_book_only(demo_store) -> None:
    others = {k: d["advisor_id"] for k, d in demo_store.table("clients")._read_table().items()}
    mine = book_of(demo_store, "A07")
    job = assignment.start_departure(
        demo_store, "A07", actor=ACTOR, expected_version=version(demo_store, "A07")
    )
    plan = assignment.save_preview(demo_store, job.run(), actor=ACTOR)
    assert plan.kind == "departure" and {m.account_id for m in plan.moves} == mine
    assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    after = {k: d["advisor_id"] for k, d in demo_store.table("clients")._read_table().items()}
    assert {k for k in after if after[k] != others[k]} == mine
