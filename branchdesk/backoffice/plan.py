"""Planning an import: which records each row creates, updates or leaves unchanged, and
which rows cannot be imported and why — before anything is written.

Planning reads the store once (:func:`take_reading`, quick, on the server's event
loop) and then works on what it read, touching no store (:func:`make_plan`, the bulk of
the work: the server runs it in a worker thread). Before writing, :func:`still_holds`
checks that nobody changed those records in between."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import msgspec

from ..assignment.eligibility import away_reason
from ..models import Advisor, ChannelCosts, TierRules, today
from ..models.backoffice import ImportRow, RowError
from ..rules import get_rules
from ..store import Store
from .kinds import KINDS, Kind


@dataclass
class Reading:
    """What a plan read from the store, kept to tell later whether it still holds."""

    docs: dict[str, Any]  # table → {key: document or None}, or a live view (.get)
    advisors: frozenset[str]
    tier_rules: TierRules
    costs: dict
    on: date
    seq: int
    #: advisors who take no clients today (departed, or on a leave that covers today)
    away: frozenset[str] = frozenset()
    #: account → the advisor the branch's last applied plan moved them away from
    moved_from: dict[str, str] = field(default_factory=dict)


@dataclass
class Plan:
    kind: Kind
    rows: int
    puts: dict[str, list[dict]] = field(default_factory=dict)  # table → documents
    created: list[str] = field(default_factory=list)  # keys of new records
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    #: let go of each row's fields once planned (memory, for a plan that is made once)
    consume: bool = False

    def put(self, table: str, doc: dict) -> None:
        self.puts.setdefault(table, []).append(doc)

    def reject(self, line: int, name: str, reason: str) -> None:
        self.errors.append(RowError(line=line, field=name, reason=reason))

    @property
    def rejected(self) -> int:
        return len({e.line for e in self.errors})


_TABLES = {
    "clients": ("clients",),
    "activity": ("clients", "activity"),
    "advisors": ("advisors",),
    "tasks": ("clients", "tasks"),
}


def _keys(kind: Kind, rows: Sequence[ImportRow]) -> dict[str, set[str]]:
    from .planners import task_id

    accounts = {str(r.fields.get("account_id", "")) for r in rows}
    if kind.name == "clients":
        return {"clients": accounts}
    if kind.name == "activity":
        return {"clients": accounts, "activity": accounts}
    if kind.name == "advisors":
        return {"advisors": {str(r.fields.get("id", "")) for r in rows}}
    return {"clients": accounts, "tasks": {task_id(r.fields) for r in rows}}


class _Live:
    """Documents read from the table as the plan asks for them (no copy of the keys)."""

    def __init__(self, table: Any) -> None:
        self.get = table.doc


def take_reading(
    store: Store, kind: Kind, rows: Sequence[ImportRow], *, live: bool = False
) -> Reading:
    """What the plan needs from the store. ``live``: read documents as the plan goes,
    for a plan made in the thread that owns the store (the CLI without a server)."""
    if live:
        docs: dict[str, Any] = {t: _Live(store.table(t)) for t in _TABLES[kind.name]}
    else:
        docs = {}
        for table, keys in _keys(kind, rows).items():
            get = store.table(table).doc
            docs[table] = {k: get(k) for k in keys}
    advisor_docs = store.table("advisors").all()
    on = today()
    return Reading(
        docs=docs,
        advisors=frozenset(d["id"] for d in advisor_docs),
        tier_rules=get_rules(store, TierRules),
        costs=dict(get_rules(store, ChannelCosts).costs),
        on=on,
        seq=store.seq,
        away=frozenset(
            d["id"] for d in advisor_docs if away_reason(msgspec.convert(d, Advisor), on)
        ),
        moved_from=_moved_from(store) if kind.name == "clients" else {},
    )


def _moved_from(store: Store) -> dict[str, str]:
    """Per client, the advisor the latest applied plan (rebalance, departure, leave, or an
    import's placement of new clients) moved them away from."""
    plans = [p for p in store.table("plans").all() if p.get("status") == "applied"]
    plans.sort(key=lambda p: p.get("applied_at") or "")
    out: dict[str, str] = {}
    for plan in plans:
        for move in plan.get("moves") or ():
            if move.get("from_id"):
                out[move["account_id"]] = move["from_id"]
    return out


def still_holds(store: Store, reading: Reading) -> bool:
    """Nothing the plan read has changed since (checked record by record, because the
    server commits other small changes all the time)."""
    if store.seq == reading.seq:
        return True
    for table, docs in reading.docs.items():
        t = store.table(table)
        if any(t.doc(k) != doc for k, doc in docs.items()):
            return False
    known = frozenset(d["id"] for d in store.table("advisors").all())
    return known == reading.advisors


Planner = Callable[[Plan, Sequence[ImportRow], Reading, str], None]


def make_plan(
    kind: Kind, rows: Sequence[ImportRow], reading: Reading, actor: str, *, consume: bool = False
) -> Plan:
    """What importing ``rows`` would do. Pure: reads only ``reading``. ``consume``: the
    rows are not needed again (no second plan), so big ones may be emptied as planned."""
    from .planners import PLANNERS

    plan = Plan(kind, rows=len(rows), consume=consume)
    PLANNERS[kind.name](plan, rows, reading, actor)
    plan.errors.sort(key=lambda e: e.line)
    return plan


def plan_now(store: Store, kind_name: str, rows: Sequence[ImportRow], actor: str) -> Plan:
    """Read and plan in one go (the CLI without a server, and tests)."""
    kind = KINDS[kind_name]
    return make_plan(kind, rows, take_reading(store, kind, rows), actor)


def first_lines(rows: Iterable[ImportRow], key: Callable[[ImportRow], Any]) -> dict[Any, int]:
    """The line each key is first seen on (a repeat of it in the same file is an error)."""
    seen: dict[Any, int] = {}
    for row in rows:
        seen.setdefault(key(row), row.line)
    return seen
