"""Service tasks: the shared core every capability uses to create, read and work them.

Churn alerts create follow-up tasks here, campaigns and system-sent care create theirs.
Every change checks the version it was based on, is audited in the same transaction,
and keeps the client's last contact date up to date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import msgspec

from . import audit
from .errors import Conflict, Invalid, NotFound
from .models import (
    CareRules,
    Channel,
    ChannelCosts,
    Client,
    Direction,
    Outcome,
    Purpose,
    Role,
    Staff,
    Task,
    TaskStatus,
    new_id,
    now,
    today,
)
from .models.client import clients_from_store
from .models.service_api import QuickLog
from .rules import get_rules
from .service import contacts, suitability
from .store import Store
from .validate import parse

#: the shared queues a task may be routed to instead of one advisor
TECH_QUEUE = "tech"  # the technical-support hotline's requests
CALLBACK_QUEUE = "callbacks"  # regulatory callbacks, made by the front desk, not the advisor
#: a task in one of these states can still be worked
OPEN_STATES = (TaskStatus.PLANNED, TaskStatus.MISSED)
#: fields a task edit may change
EDITABLE = ("notes", "cost", "satisfaction", "channel", "assignee")


class TaskBook:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = store.table("tasks")

    # -- reading ------------------------------------------------------------------------
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

    # -- creating -----------------------------------------------------------------------
    def create(self, fields: Mapping[str, Any], *, actor: str, audited: bool = True) -> Task:
        """Create a task from plain fields. The id, creator and time are set here; the
        cost defaults to the channel's unit cost; the assignee to the client's advisor
        (the tech queue for the tech-support hotline). A product-information task must
        pass the suitability rules; a task created as done needs an outcome."""
        if "cost" in fields and fields["cost"] is None:
            fields = {k: v for k, v in fields.items() if k != "cost"}  # None: the default
        client = self._client(fields.get("account_id"))
        data = {
            "id": new_id(),
            "created_by": actor,
            "created_at": now().isoformat(),
            "assignee": route(client, fields.get("direction")),
            "version": 1,
            **fields,
        }
        task = parse(Task, data)
        if "cost" not in fields:
            costs = get_rules(self.store, ChannelCosts).costs
            task = msgspec.structs.replace(task, cost=costs[task.channel])
        suitability.check(client, task.purpose, task.product_risk, today())
        if task.status is TaskStatus.DONE:
            if task.outcome is None:
                raise Invalid("required: say how it went when the task is done", "outcome")
            task = msgspec.structs.replace(
                task, done_by=task.done_by or actor, done_at=task.done_at or _stamp(task.due_date)
            )
        elif task.outcome is not None and task.status is TaskStatus.PLANNED:
            raise Invalid("a planned task gets its outcome when it is completed", "outcome")
        doc = msgspec.to_builtins(task)
        with self.store.transaction():
            self.table.insert(doc)
            if audited:
                self._audit(actor, "task.create", task.id, None, doc)
            if contacts.is_contact(doc):
                contacts.touch(self.store, task.account_id, _done_day(task))
        return task

    def log(self, entry: QuickLog, *, actor: str) -> Task:
        """Log a contact that already happened (a walk-in, a call) as done, in one step."""
        day = entry.on or today()
        if day > today():
            raise Invalid("a contact that already happened cannot be in the future", "on")
        fields = {
            k: v
            for k, v in msgspec.to_builtins(entry).items()
            if k != "on" and (v is not None or k == "cost")
        }
        fields.update(
            due_date=day.isoformat(),
            status=TaskStatus.DONE.value,
            done_by=actor,
            done_at=_stamp(day).isoformat(),
        )
        return self.create(fields, actor=actor)

    # -- working a task -----------------------------------------------------------------
    def complete(
        self,
        task_id: str,
        *,
        outcome: Outcome | None,
        actor: str,
        expected_version: int | None = None,
        notes: str | None = None,
        satisfaction: int | None = None,
        cost: float | None = None,
    ) -> Task:
        """Mark a task done with how it went. An outcome is required. A regulatory
        callback that does not reach the client is tried again on the next working day,
        up to the care rules' attempts; then it is closed as not reached and flagged."""
        task = self._open(task_id, expected_version)
        if outcome is None:
            raise Invalid("required: say how it went (reached, not reached …)", "outcome")
        try:
            outcome = Outcome(outcome)
        except ValueError:
            choices = ", ".join(o.value for o in Outcome)
            raise Invalid(f"one of {choices}", "outcome") from None
        if satisfaction is not None and not 1 <= satisfaction <= 5:
            raise Invalid("a score from 1 to 5", "satisfaction")
        if cost is not None and cost < 0:
            raise Invalid("never negative", "cost")
        client = self._client(task.account_id)
        suitability.check(client, task.purpose, task.product_risk, today())
        changes: dict[str, Any] = {"notes": _noted(task.notes, notes)}
        if satisfaction is not None:
            changes["satisfaction"] = satisfaction
        if cost is not None:
            changes["cost"] = cost
        if task.purpose is Purpose.CALLBACK and outcome is Outcome.NOT_REACHED:
            changes.update(self._failed_callback(task))
        else:
            changes.update(
                status=TaskStatus.DONE.value,
                outcome=outcome.value,
                attempts=task.attempts + 1,
                done_by=actor,
                done_at=now().isoformat(),
            )
        return self._change(task, changes, actor, "task.complete")

    def _failed_callback(self, task: Task) -> dict[str, Any]:
        from .service.calendar import WorkCalendar

        limit = get_rules(self.store, CareRules).callback_max_attempts
        attempts = task.attempts + 1
        if attempts < limit:
            retry = WorkCalendar(self.store).next_workday(today(), include=False)
            return {
                "attempts": attempts,
                "status": TaskStatus.PLANNED.value,
                "due_date": retry.isoformat(),
                "notes": _noted(task.notes, f"attempt {attempts} of {limit}: not reached"),
            }
        return {
            "attempts": attempts,
            "status": TaskStatus.MISSED.value,
            "outcome": Outcome.NOT_REACHED.value,
            "flagged": True,
            "notes": _noted(task.notes, f"closed: not reached after {attempts} attempts"),
        }

    def reschedule(
        self,
        task_id: str,
        due_date: date,
        *,
        actor: str,
        expected_version: int | None = None,
        notes: str | None = None,
    ) -> Task:
        """Move an open task to another day (today or later); a missed one is planned again."""
        task = self._open(task_id, expected_version)
        if due_date < today():
            raise Invalid(f"{due_date} is in the past; pick today or a later day", "due_date")
        changes = {
            "due_date": due_date.isoformat(),
            "status": TaskStatus.PLANNED.value,
            "notes": _noted(task.notes, notes),
        }
        return self._change(task, changes, actor, "task.reschedule")

    def cancel(
        self, task_id: str, *, actor: str, expected_version: int | None = None, reason: str = ""
    ) -> Task:
        task = self._open(task_id, expected_version)
        changes = {
            "status": TaskStatus.CANCELLED.value,
            "notes": _noted(task.notes, f"cancelled: {reason}" if reason else "cancelled"),
            "done_by": actor,
            "done_at": now().isoformat(),
        }
        return self._change(task, changes, actor, "task.cancel")

    def edit(
        self,
        task_id: str,
        changes: Mapping[str, Any],
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> Task:
        """Change notes, cost, satisfaction; and channel or assignee while it is open.
        A new channel brings its unit cost unless a cost is given too."""
        task = self.get(task_id)
        _check_version(task, expected_version)
        wanted = {k: v for k, v in changes.items() if v is not None}
        unknown = sorted(set(wanted) - set(EDITABLE))
        if unknown:
            raise Invalid(f"cannot be changed here: {', '.join(unknown)}", unknown[0])
        is_open = task.status in OPEN_STATES
        for name in ("channel", "assignee"):
            if name in wanted and not is_open:
                raise Invalid(f"only an open task changes its {name}", name)
        if "channel" in wanted and "cost" not in wanted:
            costs = get_rules(self.store, ChannelCosts).costs
            if task.cost == costs[task.channel]:  # it was the default: follow the channel
                wanted["cost"] = costs[Channel(wanted["channel"])]
        before = self.table.doc(task_id) or {}
        merged = parse(Task, {**before, **msgspec.to_builtins(wanted)})
        fields = {k: msgspec.to_builtins(getattr(merged, k)) for k in wanted}
        return self._change(task, fields, actor, "task.update")

    # -- plumbing -----------------------------------------------------------------------
    def _client(self, account_id: object) -> Client:
        doc = self.store.table("clients").doc(str(account_id or ""))
        if doc is None:
            raise Invalid(f"no client {account_id!r}", field="account_id")
        return clients_from_store([doc])[0]  # checked when saved: not again per task

    def _open(self, task_id: str, expected_version: int | None) -> Task:
        task = self.get(task_id)
        _check_version(task, expected_version)
        if task.status not in OPEN_STATES:
            raise Conflict(
                f"task {task_id} is already {task.status}; only a planned or missed task "
                "can be worked",
                current_version=task.version,
            )
        return task

    def _change(self, task: Task, changes: Mapping[str, Any], actor: str, action: str) -> Task:
        before = self.table.doc(task.id)
        assert before is not None
        after = {**before, **changes, "version": task.version + 1}
        parse(Task, after)  # a change never stores a record the model would refuse
        with self.store.transaction():
            self.table.put(after)
            self._audit(actor, action, task.id, before, after)
            if contacts.is_contact(after):
                contacts.touch(self.store, task.account_id, today())
        return msgspec.convert(after, Task)

    def _audit(self, actor: str, action: str, task_id: str, before: Any, after: Any) -> None:
        audit.record(
            self.store,
            actor=actor,
            action=action,
            entity="tasks",
            entity_id=task_id,
            before=before,
            after=after,
        )


def route(client: Client, direction: object) -> str | None:
    """Who a new task goes to: the tech queue for the tech hotline, else the advisor."""
    if direction is not None and str(direction) == Direction.INBOUND_TECH.value:
        return TECH_QUEUE
    return client.advisor_id


def may_work(staff: Staff, task: Task) -> bool:
    """The front desk and managers work any task; an advisor theirs (or ones they made)."""
    if staff.role in (Role.FRONTDESK, Role.MANAGER):
        return True
    if staff.role is Role.ADVISOR:
        return task.assignee == staff.advisor_id or task.created_by == staff.username
    return False


def _check_version(task: Task, expected: int | None) -> None:
    if expected is not None and expected != task.version:
        raise Conflict(
            f"task {task.id} is at version {task.version}, not {expected}; reload it and "
            "apply your change again",
            current_version=task.version,
        )


def _noted(notes: str, more: str | None) -> str:
    if not more:
        return notes
    return f"{notes}\n{more}" if notes else more


def _stamp(day: date) -> datetime:
    """When a contact on ``day`` was done: now if today, else that day at this hour
    (a contact recorded afterwards keeps its own day, so its last-contact date is right)."""
    moment = now()
    return moment if day >= moment.date() else datetime.combine(day, moment.timetz())


def _done_day(task: Task) -> date:
    return task.done_at.date() if task.done_at else task.due_date
