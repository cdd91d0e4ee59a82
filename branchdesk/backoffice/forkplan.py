"""Planning a big clients file on both cores: a forked child plans the second half of
the rows while this process plans the first, and sends its part back through a pipe.

Checking and deriving each client (convert, tier, pinyin keys) is pure per-row Python,
a third of a 100,000-row CLI import, and the GIL keeps a thread from helping; a fork
needs no pickling of the rows or the reading, because the child has them already. The
child plans its rows with the whole file's first lines (duplicates are found across
the halves) and the import's one time stamp, so the merged plan is the plan of one
process: the same documents in the same order, the same counts and errors.

Only the CLI working on its own data folder uses this (``commit_here``): the server is
multi-threaded and keeps planning in its worker thread. If the child fails for any
reason, this process plans its half too: slower, never different."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import msgspec

from ..models import now
from ..models.backoffice import ImportRow, RowError
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
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: plan the second half, send it, and leave without cleanup
        os.close(read_end)
        _child(kind, rows[half:], reading, first, stamp, write_end)
    os.close(write_end)
    plan = Plan(kind, rows=len(rows), consume=True)
    plan_client_rows(plan, rows[:half], reading, first, stamp)
    data = _receive(read_end, pid)
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


def _child(
    kind: Kind,
    rows: Sequence[ImportRow],
    reading: Reading,
    first: dict[Any, int],
    stamp: str,
    out: int,
) -> None:
    # Every inherited descriptor but the pipe is closed first: the data folder's lock
    # (if the parent is killed, the folder must be free at once, not when this child
    # ends) and the parent's stdout (whoever reads it to its end waits for the parent
    # alone). os._exit: no atexit handlers, no flushing of the parent's buffered output,
    # no store closing — the parent owns all of that.
    code = 1
    try:
        os.closerange(0, out)
        os.closerange(out + 1, os.sysconf("SC_OPEN_MAX"))
        plan = Plan(kind, rows=len(rows), consume=True)
        plan_client_rows(plan, rows, reading, first, stamp)
        part = _Part(
            plan.puts.get("clients", []), plan.created, plan.updated, plan.unchanged, plan.errors
        )
        with os.fdopen(out, "wb") as pipe:
            pipe.write(msgspec.msgpack.encode(part))
        code = 0
    finally:
        os._exit(code)


def _receive(read_end: int, pid: int) -> bytes | None:
    """The child's encoded part, or None when it did not finish (its exit status)."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    return data if os.waitstatus_to_exitcode(status) == 0 else None


def _merge(plan: Plan, part: _Part) -> None:
    """The child's rows come after this process's: append in order."""
    if part.docs:
        plan.puts.setdefault("clients", []).extend(part.docs)
    plan.created += part.created
    plan.updated += part.updated
    plan.unchanged += part.unchanged
    plan.errors += part.errors
