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

The tasks table keeps each queue's planned tasks in due-date order (a
:class:`~branchdesk.service.queue_index.QueueIndex`), so a list is a bisect and a slice,
never a pass over every task."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import date, timedelta

import msgspec

from ..errors import Invalid
from ..models import Purpose, Role, Staff, Task, TaskStatus
from ..models.service_api import TaskPage
from ..store import Store
from ..tasks import CALLBACK_QUEUE, TECH_QUEUE
from .bulk import without_gc
from .queue_index import QueueIndex

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


def _index(store: Store) -> QueueIndex:
    return store.table("tasks").index("queue_due")  # type: ignore[return-value]


def _window(scope: str, on: date) -> tuple[str | None, str | None]:
    """[low, high) of due dates, as ISO text (None: open-ended)."""
    day = on.isoformat()
    if scope == "today":
        return day, (on + timedelta(days=1)).isoformat()
    if scope == "overdue":
        return None, day
    if scope == "week":
        return day, (on + timedelta(days=7)).isoformat()
    if scope == "open":
        return None, None
    raise Invalid(f"one of {', '.join(SCOPES)}", field="scope")


def queue_ids(store: Store, queues: list[str], scope: str, on: date) -> list[str]:
    """Ids of the planned tasks of ``queues`` in ``scope``, oldest due first."""
    low, high = _window(scope, on)
    index = _index(store)
    per_queue = [index.ids(q, low, high) for q in dict.fromkeys(queues)]
    if len(per_queue) == 1:
        return per_queue[0]  # already in order
    docs = store.table("tasks")._read_table()
    merged = [i for ids in per_queue for i in ids]
    merged.sort(key=lambda i: (docs[i]["due_date"], i))
    return merged


def queue_docs(store: Store, queues: list[str], scope: str, on: date) -> list[dict]:
    """Planned task documents of ``queues`` in ``scope``, oldest due first."""
    docs = store.table("tasks")._read_table()
    return [docs[i] for i in queue_ids(store, queues, scope, on)]


def queue_page(
    store: Store, queues: list[str], scope: str, on: date, *, offset: int = 0, limit: int = 100
) -> TaskPage:
    """One page of the queues' tasks: only the page is read and turned into Tasks."""
    if offset < 0 or not 1 <= limit <= 1000:
        raise Invalid("offset must be ≥ 0 and limit 1–1000", field="limit")
    ids = queue_ids(store, queues, scope, on)
    docs = store.table("tasks")._read_table()
    items = msgspec.convert([docs[i] for i in ids[offset : offset + limit]], list[Task])
    return TaskPage(items=items, total=len(ids), offset=offset, limit=limit)


def my_tasks(store: Store, staff: Staff, on: date, *, scope: str = "today") -> list[Task]:
    """All of ``staff``'s planned tasks due ``on`` (scope ``today``), before it
    (``overdue``), in the 7 days from it (``week``) or every one (``open``)."""
    return msgspec.convert(queue_docs(store, queues_of(staff), scope, on), list[Task])


def my_task_page(
    store: Store,
    staff: Staff,
    on: date,
    *,
    scope: str = "today",
    offset: int = 0,
    limit: int = 100,
) -> TaskPage:
    """A page of :func:`my_tasks` (oldest due first) and how many there are in all."""
    return queue_page(store, queues_of(staff), scope, on, offset=offset, limit=limit)


def counts_for(store: Store, staff: Staff, on: date) -> tuple[int, int]:
    """(due today, overdue) for the dashboard."""
    index = _index(store)
    low, high = _window("today", on)
    queues = dict.fromkeys(queues_of(staff))
    due_today = sum(index.count(q, low, high) for q in queues)
    overdue = sum(index.count(q, None, low) for q in queues)
    return due_today, overdue


@without_gc
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
    ids: Iterable[str] | None
    if account_id is not None:
        ids = table.index("account").get(account_id)
    elif campaign_id is not None:
        ids = table.index("campaign").get(campaign_id)
    elif assignee is not None and status is TaskStatus.PLANNED:
        ids = _index(store).ids(assignee, low, _after(high))
    elif assignee is not None:
        ids = table.index("assignee").get(assignee)
    elif status is TaskStatus.PLANNED:
        end = (due_to + timedelta(days=1)).isoformat() if due_to else None
        ids = [i for _, i in table.index("planned_due").range(low, end)]  # type: ignore[union-attr]
    else:
        ids = None
    ids = list(table._read_table()) if ids is None else [i for i in ids if i in table]
    wanted = {
        "assignee": assignee,
        "account_id": account_id,
        "status": status.value if status else None,
        "purpose": purpose.value if purpose else None,
        "campaign_id": campaign_id,
    }
    checks = [(k, v) for k, v in wanted.items() if v is not None]
    # Filter and sort on a few columns; only the page is read whole (the store copies a
    # document on every read, and an unfiltered list may pass over 500,000 of them).
    fields = [k for k, _ in checks]
    columns = table.columns(ids, "due_date", *fields)
    values = [v for _, v in checks]
    hits = [
        (due, task_id)
        for task_id, due, *row in zip(ids, *columns, strict=True)
        if row == values and (low is None or due >= low) and (high is None or due <= high)
    ]
    # A page near the front needs the first offset + limit, not the whole list in order.
    wanted = offset + limit
    first = heapq.nsmallest(wanted, hits) if wanted * 8 < len(hits) else sorted(hits)
    docs = table._read_table()
    page = [docs[task_id] for _, task_id in first[offset:wanted]]
    items = msgspec.convert(page, list[Task])
    return TaskPage(items=items, total=len(hits), offset=offset, limit=limit)


def _after(day: str | None) -> str | None:
    """The bound just past ``day``, for a range that includes it."""
    return None if day is None else day + "~"
