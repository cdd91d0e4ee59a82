"""The service reports agree with the records they summarise, and move when work is done."""

from __future__ import annotations

from datetime import date, timedelta

from branchdesk.models import Channel, Outcome, Purpose
from branchdesk.models.service_api import QuickLog
from branchdesk.service import reports
from branchdesk.tasks import TaskBook

from .conftest import LAO_LI, WANG

ON = date(2026, 11, 25)
CADENCE = {"core": 30, "important": 90, "general": 180, "institution": 30}


def test_coverage_counts_each_book_within_its_tier_cadence(demo_store) -> None:
    report = reports.coverage(demo_store, ON)
    clients = [
        d for d in demo_store.table("clients")._read_table().values() if d["status"] != "lost"
    ]
    a03 = [d for d in clients if d.get("advisor_id") == "A03"]
    within = [
        d
        for d in a03
        if d.get("last_contact_date")
        and d["last_contact_date"] >= (ON - timedelta(days=CADENCE[d["tier"]])).isoformat()
    ]
    row = next(r for r in report.rows if r.advisor_id == "A03")
    assert (row.clients, row.contacted) == (len(a03), len(within))
    assert row.name == "张建华" and abs(row.share - len(within) / len(a03)) < 1e-9
    assert report.clients == len(clients)
    # A call that reaches 老李 (A03, core, last contacted long ago) raises A03's coverage.
    TaskBook(demo_store).log(
        QuickLog(
            account_id=LAO_LI,
            channel=Channel.PHONE,
            purpose=Purpose.RETENTION,
            outcome=Outcome.REACHED,
        ),
        actor="a03",
    )
    after = next(r for r in reports.coverage(demo_store, ON).rows if r.advisor_id == "A03")
    assert after.contacted == row.contacted + (
        0 if LAO_LI in {d["account_id"] for d in within} else 1
    )


def test_overdue_lists_planned_tasks_past_their_day_per_assignee(demo_store) -> None:
    book = TaskBook(demo_store)
    base = {"account_id": WANG, "channel": "phone", "purpose": "relationship"}
    old = book.create({**base, "due_date": "2026-11-02"}, actor="a02")
    book.create({**base, "due_date": "2026-11-20"}, actor="a02")
    book.create({**base, "due_date": "2026-11-25"}, actor="a02")  # due today: not overdue
    done = book.create({**base, "due_date": "2026-11-10"}, actor="a02")
    book.complete(done.id, outcome=Outcome.REACHED, actor="a02", expected_version=1)
    report = reports.overdue(demo_store, ON)
    row = next(r for r in report.rows if r.assignee == "A02")
    a02_late = [
        d
        for d in demo_store.table("tasks")._read_table().values()
        if d["status"] == "planned" and d["assignee"] == "A02" and d["due_date"] < ON.isoformat()
    ]
    assert row.tasks == len(a02_late) >= 2 and row.oldest <= date(2026, 11, 2)
    assert report.items[0].due_date <= old.due_date
    assert all(t.due_date < ON for t in report.items)
    only = reports.overdue(demo_store, ON, assignee="A02")
    assert only.total == row.tasks and {r.assignee for r in only.rows} == {"A02"}


def test_channel_mix_and_cost_add_up(demo_store) -> None:
    since, until = date(2025, 11, 26), ON
    report = reports.channels(demo_store, since, until)
    done = [
        d
        for d in demo_store.table("tasks")._read_table().values()
        if d["status"] == "done"
        and since.isoformat() <= (d.get("done_at") or d["due_date"])[:10] <= ON.isoformat()
    ]
    assert report.tasks == len(done)
    assert abs(report.cost - sum(d["cost"] for d in done)) < 0.01
    visits = next(r for r in report.rows if r.channel is Channel.VISIT)
    assert visits.cost == visits.tasks * 200.0 and visits.kind.value == "onsite"
    assert abs(sum(r.share for r in report.rows) - 1) < 1e-9
    assert report.by_kind["onsite"][0] + report.by_kind["remote"][0] == report.tasks
