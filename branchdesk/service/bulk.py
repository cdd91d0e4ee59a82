"""Making many tasks at once (care runs, campaigns, callback plans) without one audit
entry and one validation pass per task: each run is one transaction with one summary
entry in the audit trail, and every task still carries who made it and why.

Two things keep 50,000 tasks well inside a second or two: documents are stamped from a
template the model itself produced (so no field can be forgotten) instead of being built
and converted one Struct at a time, and the cyclic garbage collector is paused while they
are made — they hold no cycles, and a full collection over a branch's worth of objects
would otherwise run several times in the middle of the work."""

from __future__ import annotations

import functools
import gc
import itertools
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

import msgspec

from .. import audit
from ..models import Channel, Direction, Purpose, Task, TaskStatus, new_id
from ..store import Store

#: every field of a stored task with its default, as the model writes it
_TEMPLATE: dict[str, Any] = msgspec.to_builtins(
    Task(
        id="",
        account_id="0000",
        channel=Channel.PHONE,
        purpose=Purpose.RELATIONSHIP,
        direction=Direction.OUTBOUND,
        due_date=date(2000, 1, 1),
        version=1,
    )
)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def task_doc(
    *,
    account_id: str,
    channel: Channel,
    purpose: Purpose,
    due: date,
    assignee: str | None,
    actor: str,
    stamp: str,
    cost: float,
    **extra: Any,
) -> dict:
    """A stored task document from trusted values (the caller checked them); ``stamp``
    is the ISO time of the run. Unknown ``extra`` fields are refused."""
    return stamper(actor=actor, stamp=stamp, purpose=purpose, **extra)(
        account_id=account_id,
        channel=channel.value,
        due_date=due.isoformat(),
        cost=cost,
        assignee=assignee,
    )


def stamper(*, actor: str, stamp: str, **constant: Any) -> Callable[..., dict]:
    """A maker of task documents that share ``constant`` fields (purpose, status …) and
    differ in the few passed to it as plain values: the fast path for a run of thousands."""
    base = dict(_TEMPLATE)
    base.update(created_by=actor, created_at=stamp, status=TaskStatus.PLANNED.value)
    for key, value in constant.items():
        if key not in base:
            raise TypeError(f"Task has no field {key!r}")
        base[key] = _plain(value)
    ids = _ids()

    def make(**fields: Any) -> dict:
        doc = base.copy()
        doc["id"] = next(ids)
        doc.update(fields)
        return doc

    return make


def _ids() -> Iterator[str]:
    """Ids shaped like :func:`new_id` (11 hex digits of ms, 9 more) that still sort by
    creation time: a random start, then counting, instead of 9 random digits each."""
    ms = new_id()[:11]
    start = secrets.randbits(36)
    for n in itertools.count():
        yield f"{ms}{(start + n) % (1 << 36):09x}"


F = TypeVar("F", bound=Callable[..., Any])


def without_gc(fn: F) -> F:
    """Run ``fn`` with the collector paused (see the module doc)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        with gc_paused():
            return fn(*args, **kwargs)

    return run  # type: ignore[return-value]


_pauses = 0
_was_enabled = False
_pause_lock = threading.Lock()


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection while a run makes its documents (see the module doc).

    Counted, so runs that overlap (a report in a worker thread while a greetings batch
    runs on the event loop) pause it once and the last one out turns it back on."""
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


def insert_tasks(
    store: Store, docs: Iterable[dict], *, actor: str, action: str, entity_id: str, detail: str
) -> int:
    """Insert the tasks and one audit entry, all in one transaction; returns how many."""
    table = store.table("tasks")
    with gc_paused(), store.transaction():
        n = len(table.insert_multiple(docs))  # indexed as one batch
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


def check_doc(doc: dict) -> Task:
    """The model's own reading of a document (tests use it to hold ``task_doc`` honest)."""
    return msgspec.convert(doc, Task)
