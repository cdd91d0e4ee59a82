"""Regulatory callbacks (回访): 10% of the right clients, the same sample every time, spread
over the months; new accounts within a month; the compliance report."""

from __future__ import annotations

import math
import shutil
from datetime import date, timedelta
from pathlib import Path

from branchdesk.activity import Activity
from branchdesk.models import ClientStatus, Outcome, TaskStatus
from branchdesk.schema import open_store
from branchdesk.service.callback_report import callback_report
from branchdesk.service.callbacks import plan_callbacks
from branchdesk.tasks import CALLBACK_QUEUE, TaskBook

from .conftest import LAO_LI

YEAR_END = date(2025, 12, 31)


def annual_accounts(store, year: int) -> list[str]:
    prefix = f"callback:annual:{year}:"
    return sorted(
        d["account_id"]
        for d in store.table("tasks")._read_table().values()
        if (d.get("occasion") or "").startswith(prefix)
    )


def active_at_year_end(store, doc: dict) -> bool:
    """Straight from the definition: on the book on 31 Dec 2025, not lost, and a trade in
    the 180 days up to then according to the back office's snapshots."""
    if doc.get("open_date") and doc["open_date"] > YEAR_END.isoformat():
        return False
    if doc.get("status") == ClientStatus.LOST.value:
        return False
    snaps = [
        s for s in Activity(store).history(doc["account_id"]).snapshots() if s.period <= YEAR_END
    ]
    trades = [s.last_trade_date or s.period for s in snaps if s.trade_count or s.last_trade_date]
    trades = [d for d in trades if d <= YEAR_END]
    last = max(trades) if trades else None
    if last is None and doc.get("last_trade_date") and doc["last_trade_date"] <= "2025-12-31":
        last = date.fromisoformat(doc["last_trade_date"])
    if last is None and doc.get("open_date"):
        last = date.fromisoformat(doc["open_date"])
    return last is not None and (YEAR_END - last).days < 180


def test_the_sample_is_ten_percent_of_the_right_clients(demo_store, add_client) -> None:
    idle = add_client(open_date=date(2019, 3, 1))  # no trade since opening: dormant
    newcomer = add_client(open_date=date(2026, 3, 1))  # not on the book at the year end
    plan = plan_callbacks(demo_store, 2026, actor="manager")
    clients = demo_store.table("clients")._read_table()
    eligible = {a for a, d in clients.items() if active_at_year_end(demo_store, d)}
    assert plan.population == len(eligible) > 500
    assert plan.population_as_of == YEAR_END
    sampled = annual_accounts(demo_store, 2026)
    assert len(sampled) == plan.required == math.ceil(0.10 * len(eligible))
    assert set(sampled) <= eligible
    assert idle.account_id not in eligible and newcomer.account_id not in eligible
    # 老李 is dormant today, but his last trade (Oct 2025) was recent at the year end.
    assert LAO_LI in eligible
    tasks = TaskBook(demo_store)
    for task in (tasks.for_client(a)[0] for a in sampled[:20]):
        assert task.assignee == CALLBACK_QUEUE and task.status is TaskStatus.PLANNED
        assert task.due_date > date(2026, 11, 25)  # never planned in the past


def test_the_sample_is_reproducible_and_planning_again_adds_nothing(
    demo_store, demo_template: Path, tmp_path: Path
) -> None:
    plan_callbacks(demo_store, 2026, actor="manager")
    first = annual_accounts(demo_store, 2026)
    tasks_after = len(demo_store.table("tasks"))
    again = plan_callbacks(demo_store, 2026, actor="manager")
    assert again.added_annual == 0 and again.added_new_accounts == 0
    assert len(demo_store.table("tasks")) == tasks_after
    other = tmp_path / "other-copy"
    shutil.copytree(demo_template, other, ignore=shutil.ignore_patterns("lock"))
    store = open_store(other)
    try:
        plan_callbacks(store, 2026, actor="someone else")
        assert annual_accounts(store, 2026) == first
    finally:
        store.close(compact=False)


def test_a_future_year_is_spread_over_all_twelve_months(demo_store) -> None:
    plan = plan_callbacks(demo_store, 2027, actor="manager")
    assert sorted(plan.by_month) == list(range(1, 13))
    counts = list(plan.by_month.values())
    assert max(counts) - min(counts) <= 1 and sum(counts) == plan.required
    assert any("2027" in w and "Monday–Friday" in w for w in plan.warnings)
    due = [
        d["due_date"]
        for d in demo_store.table("tasks")._read_table().values()
        if (d.get("occasion") or "").startswith("callback:annual:2027:")
    ]
    assert all(date.fromisoformat(d).weekday() < 5 for d in due)


def test_new_accounts_get_a_callback_within_a_month(demo_store, add_client) -> None:
    fresh = add_client(open_date=date(2026, 11, 20))
    plan = plan_callbacks(demo_store, 2026, actor="manager")
    assert plan.added_new_accounts >= 1
    task = next(
        t
        for t in TaskBook(demo_store).for_client(fresh.account_id)
        if t.occasion == f"callback:new:{fresh.account_id}"
    )
    assert task.due_date <= date(2026, 11, 20) + timedelta(days=30)
    assert task.assignee == CALLBACK_QUEUE


def test_the_report_lists_each_callback_with_attempts_and_flags(demo_store, add_client) -> None:
    fresh = add_client(open_date=date(2026, 11, 20))
    plan_callbacks(demo_store, 2026, actor="manager")
    book = TaskBook(demo_store)
    new_call = next(t for t in book.for_client(fresh.account_id) if t.purpose.value == "callback")
    book.complete(new_call.id, outcome=Outcome.REACHED, actor="frontdesk", expected_version=1)
    sampled = annual_accounts(demo_store, 2026)[0]
    annual = next(t for t in book.for_client(sampled) if (t.occasion or "").startswith("callback:"))
    for version in (1, 2, 3):
        book.complete(
            annual.id, outcome=Outcome.NOT_REACHED, actor="frontdesk", expected_version=version
        )
    report = callback_report(demo_store, 2026)
    assert report.required == math.ceil(0.1 * report.population)
    rows = {r.task_id: r for r in report.rows}
    assert rows[new_call.id].kind == "new_account" and rows[new_call.id].on_time is True
    flagged = rows[annual.id]
    assert flagged.kind == "annual" and flagged.flagged and flagged.attempts == 3
    assert flagged.outcome == "not_reached" and flagged.status == "missed"
    assert report.flagged >= 1 and report.annual == report.required
