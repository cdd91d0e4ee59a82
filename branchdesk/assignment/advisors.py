"""Advisors' profiles: skills, level, capacity, status, leave and backup — read, added and
changed with version checks, every change audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import msgspec

from .. import audit
from ..errors import Conflict, FieldError, Invalid, NotFound
from ..models import Advisor, now, today
from ..models.assignment import AdvisorLoad
from ..store import Store
from ..validate import parse
from .planner import book_loads
from .snapshot import take

TABLE = "advisors"
_SERVER_FIELDS = ("version", "updated_at")


def list_advisors(store: Store) -> list[Advisor]:
    docs = sorted(store.table(TABLE)._read_table().values(), key=lambda d: d["id"])
    return [msgspec.convert(d, Advisor) for d in docs]


def get_advisor(store: Store, advisor_id: str) -> Advisor:
    doc = store.table(TABLE).doc(advisor_id)
    if doc is None:
        raise NotFound("advisor", advisor_id)
    return msgspec.convert(doc, Advisor)


def create_advisor(
    store: Store, fields: Mapping[str, Any], *, actor: str, strict: bool = True
) -> Advisor:
    """Add an advisor; ``strict=False`` accepts strings for numbers and dates (CLI)."""
    refused = [FieldError(k, "set by the server") for k in _SERVER_FIELDS if k in fields]
    if refused:
        raise Invalid(refused)
    advisor = parse(Advisor, dict(fields), strict=strict)
    if store.table(TABLE).doc(advisor.id) is not None:
        raise Conflict(f"advisor {advisor.id} exists; change it with PATCH /advisors/{advisor.id}")
    _check_backup(store, advisor)
    doc = msgspec.to_builtins(advisor)
    doc["version"], doc["updated_at"] = 1, now().isoformat()
    with store.transaction():
        store.table(TABLE).insert(doc)
        audit.record(
            store,
            actor=actor,
            action="advisor.create",
            entity=TABLE,
            entity_id=advisor.id,
            after=doc,
        )
    return msgspec.convert(doc, Advisor)


def update_advisor(
    store: Store,
    advisor_id: str,
    changes: Mapping[str, Any],
    *,
    actor: str,
    expected_version: int | None,
    strict: bool = True,
) -> Advisor:
    """Change some fields. ``expected_version`` is the version the change is based on
    (409 if someone changed the advisor since); None skips the check (internal use)."""
    current = store.table(TABLE).doc(advisor_id)
    if current is None:
        raise NotFound("advisor", advisor_id)
    if expected_version is not None and current["version"] != expected_version:
        raise Conflict(
            f"advisor {advisor_id} is at version {current['version']}, not {expected_version}; "
            "reload and apply your change again",
            current_version=current["version"],
        )
    refused = [FieldError(k, "cannot be changed") for k in ("id", *_SERVER_FIELDS) if k in changes]
    if refused:
        raise Invalid(refused)
    advisor = parse(Advisor, {**current, **changes}, strict=strict)  # skills: replaced whole
    _check_backup(store, advisor)
    doc = msgspec.to_builtins(advisor)
    doc["version"], doc["updated_at"] = current["version"], current.get("updated_at")
    if doc == current:
        return advisor
    doc["version"], doc["updated_at"] = current["version"] + 1, now().isoformat()
    with store.transaction():
        store.table(TABLE).put(doc)
        audit.record(
            store,
            actor=actor,
            action="advisor.update",
            entity=TABLE,
            entity_id=advisor_id,
            before=current,
            after=doc,
        )
    return msgspec.convert(doc, Advisor)


def current_loads(store: Store, on: date | None = None) -> list[AdvisorLoad]:
    """Each advisor's book against their target and band today."""
    return book_loads(take(store, on or today()))


def _check_backup(store: Store, advisor: Advisor) -> None:
    if advisor.backup_id is not None and store.table(TABLE).doc(advisor.backup_id) is None:
        raise Invalid(f"no advisor {advisor.backup_id!r}", field="backup_id")
