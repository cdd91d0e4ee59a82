"""The morning's system-sent care: it does what is missing, once, when it is due."""

from __future__ import annotations

from datetime import date, datetime

from branchdesk.activity import Activity
from branchdesk.models import CST, ActivitySnapshot, CareRules
from branchdesk.rules import set_rules
from branchdesk.service.daily import daily_care, due_now
from server import create_app
from tests.server.conftest import TEST_SETTINGS

ON = date(2026, 11, 25)


def test_the_morning_run_adds_what_is_missing_and_nothing_twice(demo_store, add_client) -> None:
    client = add_client()
    Activity(demo_store).record(
        [
            ActivitySnapshot(
                account_id=client.account_id,
                period=date(2026, 11, 20),
                total_assets=400_000,
                transfer_in=300_000,
            )
        ],
        actor="import",
    )
    first = daily_care(demo_store, on=ON)
    assert first.thank_yous >= 1 and first.callbacks > 0 and first.care_tasks > 0
    tasks = len(demo_store.table("tasks"))
    second = daily_care(demo_store, on=ON)
    assert second.thank_yous == 0 and second.callbacks == 0
    assert second.care_tasks <= first.care_tasks  # only those who did not fit before
    assert len(demo_store.table("tasks")) == tasks + second.care_tasks


def test_it_is_due_once_a_day_after_its_time_unless_switched_off() -> None:
    rules = CareRules()
    morning = datetime(2026, 11, 25, 7, 44, tzinfo=CST)
    later = datetime(2026, 11, 25, 7, 45, tzinfo=CST)
    assert not due_now(rules, morning, None)
    assert due_now(rules, later, None)
    assert not due_now(rules, later, date(2026, 11, 25))
    assert due_now(rules, later, date(2026, 11, 24))
    assert not due_now(CareRules(daily_care=False), later, None)


def test_the_server_schedules_it(demo_store) -> None:
    set_rules(demo_store, CareRules, {"daily_care_time": "00:00"}, actor="manager")
    app = create_app(demo_store, TEST_SETTINGS)
    job = next(p for p in app.state.background.jobs if p.name == "service-daily-care")
    before = len(demo_store.table("tasks"))
    job.job()
    made = len(demo_store.table("tasks")) - before
    assert made > 0
    job.job()  # the same day: nothing more
    assert len(demo_store.table("tasks")) - before == made
