"""Making many tasks at once (care runs, campaigns, callback plans) without one audit
entry and one validation pass per task: each run is one transaction with one summary
entry in the audit trail, and every task still carries who made it and why."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import msgspec

from .. import audit
from ..models import Channel, Direction, Purpose, Task, TaskStatus, new_id
from ..store import Store


def task_doc(
    *,
    account_id: str,
    channel: Channel,
    purpose: Purpose,
    due: date,
    assignee: str | None,
    actor: str,
    stamp: datetime,
    cost: float,
    **extra: Any,
) -> dict:
    """A stored task document built from trusted values (the caller checked them)."""
    task = Task(
        id=new_id(),
        account_id=account_id,
        channel=channel,
        purpose=purpose,
        direction=Direction.OUTBOUND,
        due_date=due,
        status=extra.pop("status", TaskStatus.PLANNED),
        cost=cost,
        assignee=assignee,
        created_by=actor,
        created_at=stamp,
        version=1,
        **extra,
    )
    return msgspec.to_builtins(task)


def insert_tasks(
    store: Store, docs: Iterable[dict], *, actor: str, action: str, entity_id: str, detail: str
) -> int:
    """Insert the tasks and one audit entry, all in one transaction; returns how many."""
    table = store.table("tasks")
    n = 0
    with store.transaction():
        for doc in docs:
            table.insert(doc)
            n += 1
        if n:
            audit.record(
                store,
                actor=actor,
                action=action,
                entity="tasks",
                entity_id=entity_id,
                detail=detail,
            )
    return n
