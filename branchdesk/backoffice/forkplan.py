"""Planning a big clients file on both cores: a forked child plans the second half of
the rows while this process plans the first, and sends its part back through a pipe.

Checking and deriving each client (convert, tier, pinyin keys) is pure per-row Python,
a third of a 100,000-row CLI import, and the GIL keeps a thread from helping; a fork
needs no pickling of the rows or the reading, because the child has them already. The
child plans its rows with the whole file's first lines (duplicates are found across
the halves) and the import's one time stamp, so the merged plan is the plan of one
process: the same documents in the same order, the same counts and errors.

Only the CLI working on its own data folder uses this (``commit_here``): the server is
multi-threaded (a fork there could inherit locks other threads hold) and keeps planning
in its worker thread. If the child fails for any reason, this process plans its half
too: slower, never different."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import msgspec

from ..models import now
from ..models.backoffice import ImportRow, RowError
from .forked import Forked
from .kinds import Kind
from .plan import Plan, Reading, first_lines, make_plan
from .planners import _DONE, plan_client_rows

#: below this many rows a fork (a few ms, plus copying the pages both touch) is not worth it
MIN_ROWS = 20_000


class _Part(msgspec.Struct, array_like=True):
    """What the child's half of the plan adds to the parent's."""

    docs: list[dict[str, Any]]
    created: list[str]
    updated: int
    unchanged: int
    errors: list[RowError]


def plan_rows(kind: Kind, rows: Sequence[ImportRow], reading: Reading, actor: str) -> Plan:
    """``make_plan(..., consume=True)``, in two processes when that pays."""
    if kind.name != "clients" or len(rows) < MIN_ROWS or not hasattr(os, "fork"):
        return make_plan(kind, rows, reading, actor, consume=True)
    first = first_lines(rows, lambda r: r.fields.get("account_id"))
    stamp = now().isoformat()
    half = len(rows) // 2
    child = Forked(lambda: _plan_part(kind, rows[half:], reading, first, stamp))
    try:
        plan = Plan(kind, rows=len(rows), consume=True)
        plan_client_rows(plan, rows[:half], reading, first, stamp)
        data = child.result()
    finally:
        child.cancel()  # if this process's half failed
    if data is None:  # the child failed: plan its half here
        plan_client_rows(plan, rows[half:], reading, first, stamp)
    else:
        for row in rows[half:]:  # planned by the child: let go of them before its
            row.fields = _DONE  # documents arrive (memory, as consume does)
        part = msgspec.msgpack.decode(data, type=_Part)
        del data
        _merge(plan, part)
    plan.errors.sort(key=lambda e: e.line)
    return plan


def _plan_part(
    kind: Kind,
    rows: Sequence[ImportRow],
    reading: Reading,
    first: dict[Any, int],
    stamp: str,
) -> bytes:
    """In the child: its half of the plan, encoded."""
    plan = Plan(kind, rows=len(rows), consume=True)
    plan_client_rows(plan, rows, reading, first, stamp)
    part = _Part(
        plan.puts.get("clients", []), plan.created, plan.updated, plan.unchanged, plan.errors
    )
    return msgspec.msgpack.encode(part)


def _merge(plan: Plan, part: _Part) -> None:
    """The child's rows come after this process's: append in order."""
    if part.docs:
        plan.puts.setdefault("clients", []).extend(part.docs)
    plan.created += part.created
    plan.updated += part.updated
    plan.unchanged += part.unchanged
    plan.errors += part.errors
