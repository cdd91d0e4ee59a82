"""The audit trail: who changed what, when, from what to what; and who saw what in full.

Entries are written inside the same transaction as the change they describe, so the
trail and the data can never disagree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import msgspec

from .models import CST, AuditEvent, new_id, now
from .store import Store

#: fields that change on every write and say nothing about what was changed
_NOISE = frozenset({"version", "updated_at"})
#: never copied into the trail
_SECRET = frozenset({"password_hash"})


def diff(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> tuple[dict, dict]:
    """The fields that differ, as (before, after) dicts. A record that is created (or
    deleted) shows only its non-empty fields on the side where it exists."""
    if before is None or after is None:
        present = after if before is None else before
        shown = {
            k: _show(k, v)
            for k, v in (present or {}).items()
            if k not in _NOISE and v not in _EMPTY
        }
        return ({}, shown) if before is None else (shown, {})
    keys = [k for k in {**before, **after} if k not in _NOISE]
    old = {k: _show(k, before.get(k)) for k in keys if before.get(k) != after.get(k)}
    new = {k: _show(k, after.get(k)) for k in old}
    return old, new


_EMPTY: tuple = (None, "", [], {}, False)


def _show(key: str, value: Any) -> Any:
    return "(secret)" if key in _SECRET and value else value


def record(
    store: Store,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> AuditEvent:
    event = _event(actor, action, entity, entity_id, before, after, detail, at)
    store.table("audit").insert(msgspec.to_builtins(event))
    return event


def record_view(
    store: Store, *, actor: str, action: str, entity: str, entity_id: str, detail: str
) -> AuditEvent:
    """Record that ``actor`` saw a record in full: like :func:`record`, but written with
    the server's next group commit, in one journal record with the other views made
    meanwhile (``Store.insert_later``). The server answers the view only once that
    record is on disk, so no view goes unrecorded; outside the server it is written
    at once."""
    event = _event(actor, action, entity, entity_id, None, None, detail, None)
    store.insert_later("audit", msgspec.to_builtins(event))
    return event


def _event(
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    detail: str,
    at: datetime | None,
) -> AuditEvent:
    old, new = diff(before, after)
    return AuditEvent(
        id=new_id(),
        at=at or now(),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=old or None,
        after=new or None,
        detail=detail,
    )


def query(
    store: Store,
    *,
    actor: str | None = None,
    action: str | None = None,
    entity: str | None = None,
    entity_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    offset: int = 0,
    limit: int = 100,
) -> tuple[list[AuditEvent], int]:
    """Newest first, filtered; returns (page, total matching)."""
    table = store.table("audit")
    docs: Iterable[dict]
    if entity_id:
        docs = (table.doc(i) for i in table.index("entity_id").get(entity_id))
    else:
        docs = table._read_table().values()
    # Stored times are all CST, so their ISO text sorts like the times themselves.
    since_s = since.astimezone(CST).isoformat() if since else None
    until_s = until.astimezone(CST).isoformat() if until else None
    hits = [
        d
        for d in docs
        if d is not None
        and (actor is None or d["actor"] == actor)
        and (action is None or d["action"].startswith(action))
        and (entity is None or d["entity"] == entity)
        and (since_s is None or d["at"] >= since_s)
        and (until_s is None or d["at"] < until_s)
    ]
    hits.sort(key=lambda d: d["id"], reverse=True)
    page = [msgspec.convert(d, AuditEvent) for d in hits[offset : offset + limit]]
    return page, len(hits)
