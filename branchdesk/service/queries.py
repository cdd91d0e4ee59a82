"""Task lists: my tasks today, overdue, and filtered pages — answered from indexes.

"My tasks" are the planned tasks of the queues a person works:

- an advisor: tasks assigned to their advisor id;
- the front desk: tasks assigned to them by name, the tech-support queue (they route
  the tech hotline's requests) and the regulatory-callback queue (callbacks are made by
  someone other than the client's own advisor, since they ask whether staff traded for
  the client);
- a manager: tasks assigned to them by name and the unassigned ones (clients without an
  advisor) — everyone else's lists are one filter away (``GET /tasks?assignee=…``);
- anyone else: tasks assigned to them by name.

The tasks table keeps a sorted index of (queue, due date) over planned tasks, so each
list is a few range scans, never a pass over every task."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import msgspec

from ..errors import Invalid
from ..models import Purpose, Role, Staff, Task, TaskStatus
from ..models.service_api import TaskPage
from ..store import Store
from ..tasks import CALLBACK_QUEUE, TECH_QUEUE

SCOPES = ("today", "overdue", "open", "week")
UNASSIGNED = ""


def queues_of(staff: Staff) -> list[str]:
    """The queues whose planned tasks are ``staff``'s own (see the module's docstring)."""
    if staff.role is Role.ADVISOR and staff.advisor_id:
        return [staff.advisor_id]
    if staff.role is Role.FRONTDESK:
        return [staff.username, TECH_QUEUE, CALLBACK_QUEUE]
    if staff.role is Role.MANAGER:
        return [staff.username, UNASSIGNED]
    return [staff.username]


def _range(store: Store, queue: str, low: date | None, high: date | None) -> Iterator[str]:
    """Ids of ``queue``'s planned tasks due in [low, high)."""
    index = store.table("tasks").index("queue_due")
    lo = (queue, low.isoformat() if low else "")
    hi = (queue, high.isoformat()) if high else (queue, "\uffff")
    for _, task_id in index.range(lo, hi):  # type: ignore[union-attr]
        yield task_id


def _window(scope: str, on: date) -> tuple[date | None, date | None]:
    if scope == "today":
        return on, on + timedelta(days=1)
    if scope == "overdue":
        return None, on
    if scope == "week":
        return on, on + timedelta(days=7)
    if scope == "open":
        return None, None
    raise Invalid(f"one of {', '.join(SCOPES)}", field="scope")


def queue_tasks(store: Store, queues: list[str], scope: str, on: date) -> list[Task]:
    """Planned tasks of ``queues`` in ``scope``, oldest due first."""
    low, high = _window(scope, on)
    table = store.table("tasks")
    docs = [table.doc(i) for q in dict.fromkeys(queues) for i in _range(store, q, low, high)]
    docs.sort(key=lambda d: (d["due_date"], d["id"]))
    return [msgspec.convert(d, Task) for d in docs]


def my_tasks(store: Store, staff: Staff, on: date, *, scope: str = "today") -> list[Task]:
    """``staff``'s planned tasks due ``on`` (scope ``today``), before it (``overdue``),
    in the 7 days from it (``week``) or all of them (``open``)."""
    return queue_tasks(store, queues_of(staff), scope, on)


def counts_for(store: Store, staff: Staff, on: date) -> tuple[int, int]:
    """(due today, overdue) for the dashboard."""
    queues = list(dict.fromkeys(queues_of(staff)))
    today_low, today_high = _window("today", on)
    due_today = sum(1 for q in queues for _ in _range(store, q, today_low, today_high))
    overdue = sum(1 for q in queues for _ in _range(store, q, None, on))
    return due_today, overdue


def list_tasks(
    store: Store,
    *,
    assignee: str | None = None,
    account_id: str | None = None,
    status: TaskStatus | None = None,
    purpose: Purpose | None = None,
    campaign_id: str | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    offset: int = 0,
    limit: int = 50,
) -> TaskPage:
    """One page of tasks matching every filter given, by due date (oldest first).
    ``due_to`` is included. The narrowest index available picks the candidates."""
    if offset < 0 or not 1 <= limit <= 1000:
        raise Invalid("offset must be ≥ 0 and limit 1–1000", field="limit")
    status = TaskStatus(status) if status else None
    purpose = Purpose(purpose) if purpose else None
    if due_from and due_to and due_to < due_from:
        raise Invalid("before due_from", field="due_to")
    table = store.table("tasks")
    low = due_from.isoformat() if due_from else None
    high = due_to.isoformat() if due_to else None
    ids: Any
    if account_id is not None:
        ids = table.index("account").get(account_id)
    elif campaign_id is not None:
        ids = table.index("campaign").get(campaign_id)
    elif assignee is not None and status is TaskStatus.PLANNED:
        end = (due_to + timedelta(days=1)) if due_to else None
        ids = list(_range(store, assignee, due_from, end))
    elif assignee is not None:
        ids = table.index("assignee").get(assignee)
    elif status is TaskStatus.PLANNED:
        end = (due_to + timedelta(days=1)).isoformat() if due_to else None
        ids = [i for _, i in table.index("planned_due").range(low, end)]  # type: ignore[union-attr]
    else:
        ids = None
    docs = table._read_table()
    candidates = docs.values() if ids is None else (docs[i] for i in ids if i in docs)
    wanted = {
        "assignee": assignee,
        "account_id": account_id,
        "status": status.value if status else None,
        "purpose": purpose.value if purpose else None,
        "campaign_id": campaign_id,
    }
    checks = [(k, v) for k, v in wanted.items() if v is not None]
    hits = [
        d
        for d in candidates
        if all(d.get(k) == v for k, v in checks)
        and (low is None or d["due_date"] >= low)
        and (high is None or d["due_date"] <= high)
    ]
    hits.sort(key=lambda d: (d["due_date"], d["id"]))
    items = [msgspec.convert(d, Task) for d in hits[offset : offset + limit]]
    return TaskPage(items=items, total=len(hits), offset=offset, limit=limit)
