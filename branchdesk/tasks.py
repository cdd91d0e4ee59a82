"""Service tasks: the shared core every capability uses to create and read them.

Churn alerts create follow-up tasks here, campaigns and system-sent care create theirs;
the service desk builds completing, rescheduling and the rest on top."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from . import audit
from .errors import Invalid, NotFound
from .models import ChannelCosts, Task, new_id, now
from .rules import get_rules
from .store import Store
from .validate import parse


class TaskBook:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = store.table("tasks")

    def get(self, task_id: str) -> Task:
        doc = self.table.doc(task_id)
        if doc is None:
            raise NotFound("task", task_id)
        return msgspec.convert(doc, Task)

    def for_client(self, account_id: str) -> list[Task]:
        """The client's tasks, newest due date first."""
        docs = (self.table.doc(i) for i in self.table.index("account").get(account_id))
        tasks = [msgspec.convert(d, Task) for d in docs if d is not None]
        return sorted(tasks, key=lambda t: (t.due_date, t.id), reverse=True)

    def create(self, fields: Mapping[str, Any], *, actor: str, audited: bool = True) -> Task:
        """Create a task from plain fields. The id, creator and time are set here; the
        cost defaults to the channel's unit cost; the assignee to the client's advisor."""
        client = self.store.table("clients").doc(str(fields.get("account_id", "")))
        if client is None:
            raise Invalid(f"no client {fields.get('account_id')!r}", field="account_id")
        data = {
            "id": new_id(),
            "created_by": actor,
            "created_at": now().isoformat(),
            "assignee": client.get("advisor_id"),
            "version": 1,
            **fields,
        }
        task = parse(Task, data)
        if "cost" not in fields:
            costs = get_rules(self.store, ChannelCosts).costs
            task = msgspec.structs.replace(task, cost=costs[task.channel])
        doc = msgspec.to_builtins(task)
        with self.store.transaction():
            self.table.insert(doc)
            if audited:
                audit.record(
                    self.store,
                    actor=actor,
                    action="task.create",
                    entity="tasks",
                    entity_id=task.id,
                    after=doc,
                )
        return task
