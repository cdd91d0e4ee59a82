"""Cadence scheduling spreads care over advisors' working days; "my tasks" and overdue
lists show each person their own queues."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from branchdesk.models import Role, Staff
from branchdesk.service import queries
from branchdesk.service.cadence import plan_cadence
from branchdesk.service.calendar import WorkCalendar
from branchdesk.tasks import CALLBACK_QUEUE, TECH_QUEUE, TaskBook

from .conftest import WANG

ON = date(2026, 11, 25)


def staff(role: Role, username: str, advisor_id: str | None = None) -> Staff:
    return Staff(
        id=username, username=username, display_name=username, role=role, advisor_id=advisor_id
    )


def planned_per_day(store) -> Counter:
    tasks = store.table("tasks")._read_table().values()
    return Counter((d["assignee"], d["due_date"]) for d in tasks if d["status"] == "planned")


def test_cadence_spreads_due_clients_within_the_daily_limit(demo_store, add_client) -> None:
    never = add_client(advisor_id="A07")  # never contacted: due
    refused = add_client(advisor_id="A07", contact_consent=False)
    plan = plan_cadence(demo_store, on=ON, actor="system", horizon_days=10, daily_limit=6)
    assert plan.scheduled > 0 and plan.due_clients == plan.scheduled + plan.waiting
    days = plan.days
    assert len(days) == 10 and days[0] == date(2026, 11, 26)
    assert all(WorkCalendar().is_workday(d) for d in days)
    load = planned_per_day(demo_store)
    window = {d.isoformat() for d in days}
    added = Counter(
        (d["assignee"], d["due_date"])
        for d in demo_store.table("tasks")._read_table().values()
        if (d.get("notes") or "").startswith("contact cadence")
    )
    assert sum(added.values()) == plan.scheduled
    for advisor, day in added:
        assert day in window
        # Counting what was already planned, no day the plan added to is past the limit.
        assert load[(advisor, day)] <= 6
    # Spread, not piled up: the plan used every day of the window.
    assert {day for _, day in added} == window
    tasks = TaskBook(demo_store)
    assert [t.purpose.value for t in tasks.for_client(never.account_id)] == ["relationship"]
    assert tasks.for_client(refused.account_id) == []
    again = plan_cadence(demo_store, on=ON, actor="system", horizon_days=10, daily_limit=6)
    assert again.due_clients == plan.waiting  # those planned now are no longer due


def test_an_advisor_on_leave_for_the_window_hands_over_to_the_backup(
    demo_store, add_client
) -> None:
    # A09 is on leave from 10 days ago to 40 days ahead; their backup is A10.
    client = add_client(advisor_id="A09")
    plan_cadence(demo_store, on=ON, actor="system", horizon_days=5, daily_limit=50)
    task = TaskBook(demo_store).for_client(client.account_id)[0]
    assert task.assignee == "A10"


def test_my_tasks_for_each_role(demo_store) -> None:
    book = TaskBook(demo_store)
    base = {"account_id": WANG, "channel": "phone", "purpose": "relationship"}
    mine = book.create({**base, "due_date": ON.isoformat()}, actor="a02")
    late = book.create({**base, "due_date": (ON - timedelta(days=3)).isoformat()}, actor="a02")
    tech = book.create(
        {
            **base,
            "due_date": ON.isoformat(),
            "purpose": "tech_support",
            "direction": "inbound_tech",
        },
        actor="frontdesk",
    )
    callback = book.create(
        {**base, "due_date": ON.isoformat(), "purpose": "callback", "assignee": CALLBACK_QUEUE},
        actor="manager",
    )
    advisor = staff(Role.ADVISOR, "a02", "A02")
    today_ids = {t.id for t in queries.my_tasks(demo_store, advisor, ON)}
    assert mine.id in today_ids and late.id not in today_ids and tech.id not in today_ids
    overdue = queries.my_tasks(demo_store, advisor, ON, scope="overdue")
    assert late.id in {t.id for t in overdue}
    assert all(t.due_date < ON and t.assignee == "A02" for t in overdue)
    front = {t.id for t in queries.my_tasks(demo_store, staff(Role.FRONTDESK, "frontdesk"), ON)}
    assert {tech.id, callback.id} <= front and mine.id not in front
    assert tech.assignee == TECH_QUEUE
    due, behind = queries.counts_for(demo_store, advisor, ON)
    assert due == len(today_ids) and behind == len(overdue)
    book.complete(mine.id, outcome="reached", actor="a02", expected_version=1)
    assert queries.counts_for(demo_store, advisor, ON) == (due - 1, behind)


def test_a_filtered_page_of_tasks(demo_store) -> None:
    page = queries.list_tasks(demo_store, assignee="A02", status="planned", limit=5)
    assert page.total >= len(page.items) and len(page.items) <= 5
    assert all(t.assignee == "A02" and t.status.value == "planned" for t in page.items)
    dues = [t.due_date for t in page.items]
    assert dues == sorted(dues)
    client_page = queries.list_tasks(demo_store, account_id=WANG, purpose="complaint")
    assert [t.id for t in client_page.items] == ["t-seed-wang-complaint"]


def test_the_queue_index_follows_every_change_and_a_reopen(demo_store) -> None:
    book = TaskBook(demo_store)
    advisor = staff(Role.ADVISOR, "a02", "A02")
    base = {"account_id": WANG, "channel": "phone", "purpose": "relationship"}
    before = queries.counts_for(demo_store, advisor, ON)
    late = [book.create({**base, "due_date": f"2026-11-{d:02d}"}, actor="a02") for d in (9, 3, 6)]
    page = queries.my_task_page(demo_store, advisor, ON, scope="overdue", limit=1000)
    dues = [t.due_date for t in page.items]
    assert dues == sorted(dues) and page.total == before[1] + 3
    book.reschedule(late[0].id, ON, actor="a02", expected_version=1)  # now due today
    book.cancel(late[1].id, actor="a02", expected_version=1)
    assert queries.counts_for(demo_store, advisor, ON) == (before[0] + 1, before[1] + 1)
    oldest = queries.my_task_page(demo_store, advisor, ON, scope="overdue", limit=1).items[0]
    assert oldest.id != late[1].id  # the cancelled one left the list
    folder = demo_store.folder
    demo_store.close(compact=False)
    from branchdesk.schema import open_store

    reopened = open_store(folder)
    try:
        assert queries.counts_for(reopened, advisor, ON) == (before[0] + 1, before[1] + 1)
        first = queries.my_task_page(reopened, advisor, ON, scope="overdue", limit=1).items[0]
        assert first.id == oldest.id
    finally:
        reopened.close(compact=False)


def test_pages_of_a_list_follow_on_from_each_other(demo_store) -> None:
    whole = queries.list_tasks(demo_store, status="done", limit=1000)
    pages = [
        queries.list_tasks(demo_store, status="done", offset=offset, limit=250).items
        for offset in range(0, 1000, 250)
    ]
    assert [t.id for page in pages for t in page] == [t.id for t in whole.items]
    assert whole.total > 1000 and all(t.status.value == "done" for t in whole.items)
    deep = queries.list_tasks(demo_store, status="done", offset=whole.total - 3, limit=10)
    assert len(deep.items) <= 3
