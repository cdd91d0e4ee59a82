"""What a plan is computed from, copied out of the store in one quick pass.

The server takes the snapshot on its event loop (the only thread that touches TinyDB),
hands it to a worker thread for the CPU-heavy planning, and writes the result back on the
loop. The *basis* fingerprint says which book the plan was made for; applying a plan
whose basis no longer matches the store is refused (409).

Clients are kept as columns (one list per field) rather than one object each: at 50,000
clients, building objects would cost more than the whole solve."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import itemgetter

import msgspec

from ..models import Advisor, ClientStatus
from ..rules import get_rules
from ..store import Store
from .eligibility import away_reason
from .rules import AssignmentRules


@dataclass(frozen=True)
class Snapshot:
    on: date
    rules: AssignmentRules
    advisors: list[Advisor]  # by id
    # one entry per client on the book (closed/lost accounts left out), in store order
    ids: list[str]
    advisor_ids: list[str | None]
    tiers: list[str]
    preferences: list[tuple[str, ...]]
    assets: list[float]
    since: list[int]  # day ordinal with the current advisor since (or opened); -1 unknown
    basis: str

    def __len__(self) -> int:
        return len(self.ids)


def take(
    store: Store, on: date, rules: AssignmentRules | None = None, *, pending: Sequence[dict] = ()
) -> Snapshot:
    """Copy the planner's inputs out of the store (fast; run it on the store's thread).

    ``pending``: client documents about to be written (an import's). The snapshot is then
    of the book as it will be once they are: each replaces the stored client with its key,
    the others come after the stored ones in their order, as ``put_many`` adds them. An
    import places its new clients on that book before writing them, instead of writing
    them and then moving them (which wrote every placed client twice)."""
    rules = rules or get_rules(store, AssignmentRules)
    advisors = sorted(
        (msgspec.convert(d, Advisor) for d in store.table("advisors")._read_table().values()),
        key=lambda a: a.id,
    )
    lost = ClientStatus.LOST.value
    with quiet_gc():
        # Column reads, not documents: unpacking 100,000 whole clients cost ~150 MB and
        # most of the time; the planner needs eight fields.
        table = store.table("clients")
        every = list(table._read_table())
        cols = table.columns(every, *_FIELDS)
        if pending:
            _overlay(every, cols, pending, table.key_field)
        keep = [status != lost for status in cols[0]]
        ids = list(compress(every, keep))
        advisor_ids, tiers, prefs, assets, since_day, opened = (
            list(compress(column, keep)) for column in cols[1:]
        )
        tiers = [t or "general" for t in tiers]
        prefs = [tuple(p or ()) for p in prefs]
        assets = [a or 0.0 for a in assets]
        days = [s or o for s, o in zip(since_day, opened, strict=True)]
        ordinal = {day: date.fromisoformat(day).toordinal() for day in set(days) if day}
        since = [ordinal[day] if day else -1 for day in days]
        basis = fingerprint(ids, advisor_ids, tiers, prefs, advisors, rules, on)
    return Snapshot(on, rules, advisors, ids, advisor_ids, tiers, prefs, assets, since, basis)


#: the client fields a snapshot reads, status first (it decides who is left out)
_FIELDS = (
    "status",
    "advisor_id",
    "tier",
    "preferences",
    "total_assets",
    "advisor_since",
    "open_date",
)


def _overlay(ids: list[str], cols: list[list], docs: Sequence[dict], key: str) -> None:
    """``ids`` and ``cols`` as they will be once ``docs`` are written (see ``take``)."""
    where = {account: i for i, account in enumerate(ids)}
    keys = list(map(itemgetter(key), docs))
    if where.keys().isdisjoint(keys):
        new = docs  # only new clients (a first import): nothing to look up one by one
    else:
        new = []
        for doc, account in zip(docs, keys, strict=True):
            i = where.get(account)
            if i is None:
                new.append(doc)
            else:
                for column, name in zip(cols, _FIELDS, strict=True):
                    column[i] = doc.get(name)
    # New clients (most of a big import) a column at a time, in C.
    ids.extend(keys if new is docs else map(itemgetter(key), new))
    for column, name in zip(cols, _FIELDS, strict=True):
        column.extend(map(dict.get, new, repeat(name)))


def fingerprint(
    ids: list[str],
    advisor_ids: list[str | None],
    tiers: list[str],
    prefs: list[tuple[str, ...]],
    advisors: list[Advisor],
    rules: AssignmentRules,
    on: date,
) -> str:
    """Everything that decides who may and should serve whom: each client's advisor, tier
    and preferences; each advisor's record and whether they are away on ``on``; the rules.

    Assets and dates are left out on purpose: the daily back-office import changes them
    for most clients, and that must not invalidate a preview the manager is reading."""
    h = hashlib.blake2b(digest_size=16)
    for column in (ids, advisor_ids, tiers, prefs):
        h.update(msgspec.msgpack.encode(column))
    h.update(msgspec.msgpack.encode([(a, away_reason(a, on)) for a in advisors]))
    h.update(msgspec.msgpack.encode(rules))
    return h.hexdigest()


@contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection for the duration. A full collection walks every
    document of the in-memory store (millions of objects, ~0.5 s at 50,000 clients) and
    the tens of thousands of small objects a plan creates would trigger several; the
    planner makes no reference cycles, so nothing is lost by waiting."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
