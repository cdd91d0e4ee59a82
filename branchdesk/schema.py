"""The tables of a BranchDesk data folder, their keys and in-memory indexes, the schema
version and its migrations. ``open_store`` is how everything opens a data folder."""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterable
from typing import Any

from .store import HashIndex, SortedIndex, Store, TableSpec

# -- service desk --
# isort: split
from .service.queue_index import QueueIndex

SCHEMA_VERSION = 1


def _phone_tail(doc: dict) -> str | None:
    phone = doc.get("phone")
    return phone[-4:] if phone else None


def _name_chars(doc: dict) -> Iterable[Hashable]:
    return doc.get("name", "")


def _pinyin_keys(doc: dict) -> Iterable[Hashable]:
    return f"{doc.get('name_pinyin', '')} {doc.get('name_initials', '')}".split()


def _open_alert_key(doc: dict) -> Hashable | None:
    if doc.get("status") == "resolved":
        return None
    return (doc["account_id"], doc["rule"])


def _planned_due(doc: dict) -> Any:
    return doc.get("due_date") if doc.get("status") == "planned" else None


def _queue_due(doc: dict) -> Any:
    """(queue, due date) of a planned task; "" is the queue of unassigned tasks."""
    if doc.get("status") != "planned":
        return None
    return (doc.get("assignee") or "", doc.get("due_date"))


TABLES: dict[str, TableSpec] = {
    "clients": TableSpec(
        key_field="account_id",
        indexes=lambda: [
            SortedIndex("account", lambda d: d["account_id"]),
            HashIndex("advisor", lambda d: d.get("advisor_id")),
            HashIndex("tier", lambda d: d.get("tier")),
            HashIndex("status", lambda d: d.get("status")),
            HashIndex("phone", lambda d: d.get("phone")),
            HashIndex("phone_tail", _phone_tail),
            HashIndex("name_chars", _name_chars, multi=True),
            SortedIndex("pinyin", _pinyin_keys, multi=True),
        ],
    ),
    "activity": TableSpec(key_field="account_id"),
    "advisors": TableSpec(),
    "staff": TableSpec(indexes=lambda: [HashIndex("username", lambda d: d.get("username"))]),
    "sessions": TableSpec(),
    "alerts": TableSpec(
        indexes=lambda: [
            HashIndex("account", lambda d: d.get("account_id")),
            HashIndex("status", lambda d: d.get("status")),
            HashIndex("open_by_client_rule", _open_alert_key),
        ]
    ),
    "tasks": TableSpec(
        indexes=lambda: [
            HashIndex("account", lambda d: d.get("account_id")),
            HashIndex("assignee", lambda d: d.get("assignee")),
            HashIndex("occasion", lambda d: d.get("occasion")),
            HashIndex("campaign", lambda d: d.get("campaign_id")),
            SortedIndex("planned_due", _planned_due),
            # -- service desk: "my tasks" and overdue lists, by queue in due-date order --
            QueueIndex("queue_due", _queue_due),
        ]
    ),
    "campaigns": TableSpec(),
    "rules": TableSpec(key_field="name"),
    "audit": TableSpec(indexes=lambda: [HashIndex("entity_id", lambda d: d.get("entity_id"))]),
    # -- service desk --
    "calendar": TableSpec(key_field="year"),  # loaded official holiday schedules
}

#: schema version N → function that upgrades the raw tables to N + 1
MIGRATIONS: dict = {}


def data_folder(path: str | os.PathLike | None = None) -> str:
    """The data folder: the argument, else ``BRANCHDESK_DATA``, else ``./data``."""
    return str(path or os.environ.get("BRANCHDESK_DATA") or "data")


def open_store(
    path: str | os.PathLike | None = None,
    *,
    readonly: bool = False,
    create: bool = False,
    purpose: str = "a BranchDesk command",
) -> Store:
    return Store.open(
        data_folder(path),
        specs=TABLES,
        schema=SCHEMA_VERSION,
        migrations=MIGRATIONS,
        readonly=readonly,
        create=create,
        purpose=purpose,
    )
