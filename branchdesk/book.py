"""The client book (客户档案): save, fetch, list and search clients.

Tier and status are derived here from the tier rules, and the pinyin keys from the name,
so every path that saves a client (API, import, demo) classifies it the same way."""

from __future__ import annotations

import copy
import heapq
import weakref
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import msgspec

from . import audit
from .errors import Conflict, Invalid, NotFound
from .models import AccountType, Client, ClientStatus, Tier, TierRules, now, today
from .models.client import clients_from_store
from .pinyin import is_pinyin_query, name_keys
from .rules import get_rules
from .store import Store
from .validate import parse

NAME_MAX = 80  # the longest name a Client may have (models.common.Name)
#: answers remembered per clients table, while its ``generation`` (bumped on every
#: write) stays the same: search as you type asks the same prefixes again and again
#: ("w", "wn", "wns" at every desk), and the book changes far less often than that
SEARCH_MEMORY = 20_000
_SEARCHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

#: how a list may be sorted: name → (the field it reads, its sort key from the value)
SORTS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "assets": ("total_assets", lambda v: v or 0.0),
    "last_trade": ("last_trade_date", lambda v: v or ""),
    "tier": ("tier", lambda v: _TIER_ORDER.get(v or "general", 9)),
    "name": ("name_pinyin", lambda v: v or ""),
    "account": ("account_id", lambda v: v),
    "opened": ("open_date", lambda v: v or ""),
}
_TIER_ORDER = {"core": 0, "institution": 1, "important": 2, "general": 3}


class ClientPage(msgspec.Struct, kw_only=True):
    items: list[Client]
    total: int
    offset: int
    limit: int


def classify(client: Client, rules: TierRules, on: date) -> tuple[Tier, ClientStatus]:
    """The client's tier (by assets unless an institution) and status on ``on``."""
    if client.account_type is AccountType.INSTITUTION:
        tier = Tier.INSTITUTION
    elif client.total_assets >= rules.core_min_assets:
        tier = Tier.CORE
    elif client.total_assets >= rules.important_min_assets:
        tier = Tier.IMPORTANT
    else:
        tier = Tier.GENERAL
    if client.closed_date is not None and client.closed_date <= on:
        status = ClientStatus.LOST
    elif client.total_assets < 1 and client.peak_assets_12m >= 10_000:
        status = ClientStatus.LOST  # everything moved out
    else:
        since = client.last_trade_date or client.open_date
        idle = since is None or (on - since).days >= rules.dormant_days
        if not idle:
            status = ClientStatus.ACTIVE
        elif client.status is ClientStatus.REACTIVATION:
            status = ClientStatus.REACTIVATION  # a campaign is working on them
        else:
            status = ClientStatus.DORMANT
    return tier, status


class ClientBook:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = store.table("clients")

    # -- reading ------------------------------------------------------------------------
    def get(self, account_id: str) -> Client:
        doc = self.table.doc(account_id)
        if doc is None:
            raise NotFound("client", account_id)
        return clients_from_store([doc])[0]

    def find(self, account_id: str) -> Client | None:
        doc = self.table.doc(account_id)
        return None if doc is None else clients_from_store([doc])[0]

    def __len__(self) -> int:
        return len(self.table)

    def list(
        self,
        *,
        advisor_id: str | None = None,
        tier: Tier | None = None,
        status: ClientStatus | None = None,
        sort: str = "-assets",
        offset: int = 0,
        limit: int = 50,
    ) -> ClientPage:
        """One page of clients, filtered through the indexes and sorted."""
        key_name = sort.lstrip("-")
        if key_name not in SORTS:
            raise Invalid(f"unknown sort {sort!r}; one of {', '.join(SORTS)}", field="sort")
        if offset < 0 or not 1 <= limit <= 1000:
            raise Invalid("offset must be ≥ 0 and limit 1–1000", field="limit")
        ids = self._filter_ids(advisor_id=advisor_id, tier=tier, status=status)
        candidates = list(self.table._read_table() if ids is None else ids)
        field, key = SORTS[key_name]
        # Sort on one column rather than on whole documents: only the page is unpacked.
        (values,) = self.table.columns(candidates, field)
        keyed = zip(map(key, values), candidates, strict=True)
        wanted = offset + limit
        top = (heapq.nlargest if sort.startswith("-") else heapq.nsmallest)(wanted, keyed)
        items = clients_from_store([self.table.doc(i) for _, i in top[offset:]])
        return ClientPage(items=items, total=len(candidates), offset=offset, limit=limit)

    def _filter_ids(
        self, *, advisor_id: str | None, tier: Tier | None, status: ClientStatus | None
    ) -> set[str] | None:
        sets = []
        if advisor_id is not None:
            sets.append(self.table.index("advisor").get(advisor_id))
        if tier is not None:
            sets.append(self.table.index("tier").get(str(tier)))
        if status is not None:
            sets.append(self.table.index("status").get(str(status)))
        if not sets:
            return None
        sets.sort(key=len)
        return set(sets[0]).intersection(*sets[1:])

    def search(self, text: str, *, limit: int = 20) -> list[Client]:
        """Clients matching what a person typed: account id, phone (full or the last
        digits), part of the name, or pinyin (full or initials). Best matches first."""
        return clients_from_store(self.table.doc(i) for i in self.search_ids(text, limit))

    def search_ids(self, text: str, limit: int = 20) -> list[str]:
        """The account ids :meth:`search` finds, best first (remembered until the next
        change to the book)."""
        q = "".join(text.split())
        if not q:
            return []
        generation, answers = _SEARCHES.get(self.table, (None, None))
        if generation != self.table.generation or answers is None:
            answers = {}
            _SEARCHES[self.table] = (self.table.generation, answers)
        found = answers.get((q, limit))
        if found is None:
            if len(answers) >= SEARCH_MEMORY:
                answers.clear()
            # a tuple of strings: the collector stops tracking it, so thousands of
            # remembered answers do not lengthen the server's full collections
            found = answers[(q, limit)] = tuple(self._search_ids(q, limit))
        return list(found)

    def _search_ids(self, q: str, limit: int) -> list[str]:
        found: dict[str, None] = {}

        def take(ids: Iterable[str]) -> bool:
            for i in ids:
                found.setdefault(i, None)
                if len(found) >= limit:
                    return True
            return False

        value = self.table.value  # one field of a stored client, without copying the rest
        if q.isdigit() or q.replace("-", "").isdigit():
            if q in self.table and take([q]):
                return list(found)
            digits = q.replace("-", "")
            if take(self.table.index("phone").get(q)):
                return list(found)
            if len(digits) >= 4:
                tail = self.table.index("phone_tail").get(digits[-4:])
                matches = [
                    i for i in tail if value(i, "phone", "").replace("-", "").endswith(digits)
                ]
                if take(sorted(matches, key=lambda i: -value(i, "total_assets", 0))):
                    return list(found)
            if len(q) >= 3:
                take(self.table.index("account").prefix(q))
            return list(found)
        if is_pinyin_query(q):
            ids = self.table.index("pinyin").prefix(q.lower())
            take(self._best_first(ids, limit * 4)[:limit])
            return list(found)
        return self._search_name(q, limit)

    def _best_first(self, ids: Iterable[str], cap: int) -> list[str]:
        """Prefix hits, deduplicated, larger clients first (they are the ones asked about)."""
        seen: dict[str, None] = {}
        for i in ids:
            seen.setdefault(i, None)
            if len(seen) >= cap:
                break
        hits = list(seen)
        (assets,) = self.table.columns(hits, "total_assets")  # one batch, not a lookup each
        ranked = sorted(zip(hits, assets, strict=True), key=lambda hit: -(hit[1] or 0))
        return [i for i, _ in ranked]

    def _search_name(self, q: str, limit: int) -> list[str]:
        """Names holding ``q``: shortest names first (the closest match), then the
        richest. The index is keyed by (character, name length), so only the shortest
        lengths that hold every character are ranked; a common character matches
        thousands of clients."""
        index, found = self.table.index("name_chars"), []
        for size in range(len(q), NAME_MAX + 1):
            if (q[0], size) not in index:
                continue  # most lengths hold no name with q's first character: skip fast
            buckets = [index.get((ch, size)) for ch in set(q)]
            if not all(buckets):
                continue
            buckets.sort(key=len)
            ids = list(buckets[0].intersection(*buckets[1:]))
            names, assets = self.table.columns(ids, "name", "total_assets")
            richest = [
                (-(a or 0), i)
                for i, a, name in zip(ids, assets, names, strict=True)
                if len(q) == 1 or q in name
            ]
            found += [i for _, i in heapq.nsmallest(limit - len(found), richest)]
            if len(found) >= limit:
                break
        return found

    # -- writing ------------------------------------------------------------------------
    def save(
        self,
        client: Client,
        *,
        actor: str,
        expected_version: int | None = None,
        rules: TierRules | None = None,
        on: date | None = None,
        audited: bool = True,
    ) -> tuple[Client, bool]:
        """Create or replace a client; returns (stored client, changed?).

        Saving what is already stored changes nothing (no new version, no audit entry),
        which makes imports idempotent. ``expected_version`` guards against overwriting
        a newer version someone else saved (→ :class:`Conflict`). Bulk work (imports, the
        demo) passes ``audited=False`` and writes one summary entry of its own."""
        if client.masked:
            raise Invalid("a masked copy cannot be saved", field="masked")
        current = self.table.doc(client.account_id)
        if expected_version is not None:
            have = current["version"] if current else 0
            if have != expected_version:
                raise Conflict(
                    f"client {client.account_id} is at version {have}, not {expected_version}; "
                    "reload it and apply your change again",
                    current_version=have,
                )
        rules = rules or get_rules(self.store, TierRules)
        doc = prepared(client, current, rules=rules, on=on or today())
        if doc is None:
            return msgspec.convert(current, Client), False
        with self.store.transaction():
            self.table.put(doc)
            if audited:
                audit.record(
                    self.store,
                    actor=actor,
                    action="client.update" if current else "client.create",
                    entity="clients",
                    entity_id=client.account_id,
                    before=current,
                    after=doc,
                )
        return msgspec.convert(doc, Client), True

    def update(
        self,
        account_id: str,
        changes: Mapping[str, Any],
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> Client:
        """Apply a partial change (validated as a whole client) and save it."""
        current = self.table.doc(account_id)
        if current is None:
            raise NotFound("client", account_id)
        if "account_id" in changes and changes["account_id"] != account_id:
            raise Invalid("the account id of a client cannot change", field="account_id")
        client = parse(Client, {**current, **changes})
        return self.save(client, actor=actor, expected_version=expected_version)[0]

    def derive(
        self, client: Client, *, rules: TierRules | None = None, on: date | None = None
    ) -> Client:
        """Fill in tier, status and pinyin keys."""
        return derived(client, rules or get_rules(self.store, TierRules), on or today())


def derived_fields(client: Client, rules: TierRules, on: date) -> dict[str, Any]:
    """Tier, status and pinyin keys of ``client``, by field name."""
    tier, status = classify(client, rules, on)
    full, initials = name_keys(client.name)
    return {"tier": tier, "status": status, "name_pinyin": full, "name_initials": initials}


def derived(client: Client, rules: TierRules, on: date) -> Client:
    """``client`` with tier, status and pinyin keys filled in."""
    # A copy with the derived fields set. structs.replace would run the phone and ID
    # checks again for fields they never look at: a third of a big import's time.
    out = copy.copy(client)
    for name, value in derived_fields(client, rules, on).items():
        setattr(out, name, value)
    return out


def prepared(
    client: Client,
    current: Mapping[str, Any] | None,
    *,
    rules: TierRules,
    on: date,
    stamp: str | None = None,
) -> dict | None:
    """The document :meth:`ClientBook.save` stores for ``client`` over the stored
    ``current``, or None when that would change nothing. Touches no store, so imports
    plan (and dry-run) with it, and the server runs it off its event loop. ``stamp``:
    the time to record as the change's (a bulk change passes one for all)."""
    doc = msgspec.to_builtins(client)
    # derived_fields, straight into the document (no copy of the client, no dict between)
    tier, status = classify(client, rules, on)
    doc["tier"], doc["status"] = str(tier), str(status)
    doc["name_pinyin"], doc["name_initials"] = name_keys(client.name)
    if current is not None:
        doc["version"] = current["version"]
        doc["created_at"] = current.get("created_at")
        doc["updated_at"] = current.get("updated_at")
        if doc == current:
            return None
    stamp = stamp or now().isoformat()
    doc["version"] = (current["version"] if current else 0) + 1
    doc["created_at"] = doc["created_at"] or stamp
    doc["updated_at"] = stamp
    return doc
