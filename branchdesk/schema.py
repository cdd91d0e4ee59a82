"""The tables of a BranchDesk data folder, their keys and in-memory indexes, the schema
version and its migrations. ``open_store`` is how everything opens a data folder."""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterable
from typing import Any

from .churn.severity import band
from .store import HashIndex, SortedIndex, Store, TableSpec

# -- service desk --
# isort: split
from .service.queue_index import QueueIndex

SCHEMA_VERSION = 1


def _phone_tail(phone: str | None) -> str | None:
    return phone[-4:] if phone else None


def _name_chars(name: str | None) -> Iterable[Hashable]:
    # Keyed by length too: search ranks shorter names first, so a query for a common
    # character (华: 4,000 clients) ranks only the shortest names that hold it.
    if not name:
        return ()
    size = len(name)
    return {(ch, size) for ch in name}  # a set: the index takes it as it is


def _pinyin_keys(full: str | None, initials: str | None) -> Iterable[Hashable]:
    return f"{full or ''} {initials or ''}".split()


def _month(day: str | None) -> str | None:
    return day[:7] if day else None  # "2026-11-05" → "2026-11"


def _open_alert_key(status: str | None, account_id: str, rule: str) -> Hashable | None:
    return None if status == "resolved" else (account_id, rule)


# -- churn alerts (terminal UI dashboard): open alerts per severity band, lost per month,
# so GET /dashboard counts them without reading every alert (36,000 open on a big book).
def _open_band(status: str | None, severity: int | None) -> str | None:
    return None if status == "resolved" or severity is None else band(severity)


def _lost_month(resolution: str | None, resolved_at: str | None) -> str | None:
    return resolved_at[:7] if resolution == "lost" and resolved_at else None


def _planned_due(status: str | None, due_date: str | None) -> Any:
    return due_date if status == "planned" else None


def _queue_due(status: str | None, assignee: str | None, due_date: str | None) -> Any:
    """(queue, due date) of a planned task; "" is the queue of unassigned tasks."""
    return (assignee or "", due_date) if status == "planned" else None


# Each index names the fields it reads (``on``), so a table can build it from columns.
TABLES: dict[str, TableSpec] = {
    "clients": TableSpec(
        key_field="account_id",
        indexes=lambda: [
            SortedIndex("account", on="account_id"),
            HashIndex("advisor", on="advisor_id"),
            HashIndex("tier", on="tier"),
            HashIndex("status", on="status"),
            HashIndex("phone", on="phone"),
            HashIndex("phone_tail", _phone_tail, on="phone"),
            HashIndex("name_chars", _name_chars, on="name", multi=True),  # (char, len)
            SortedIndex("pinyin", _pinyin_keys, on=("name_pinyin", "name_initials"), multi=True),
            # dashboard (terminal UI): clients gained and lost per month, without a scan
            HashIndex("opened_month", _month, on="open_date"),
            HashIndex("closed_month", _month, on="closed_date"),
        ],
    ),
    "activity": TableSpec(key_field="account_id"),
    "advisors": TableSpec(),
    "staff": TableSpec(indexes=lambda: [HashIndex("username", on="username")]),
    "sessions": TableSpec(),
    "alerts": TableSpec(
        indexes=lambda: [
            HashIndex("account", on="account_id"),
            HashIndex("status", on="status"),
            HashIndex("open_by_client_rule", _open_alert_key, on=("status", "account_id", "rule")),
            HashIndex("open_band", _open_band, on=("status", "severity")),
            HashIndex("lost_month", _lost_month, on=("resolution", "resolved_at")),
        ]
    ),
    "tasks": TableSpec(
        indexes=lambda: [
            HashIndex("account", on="account_id"),
            HashIndex("assignee", on="assignee"),
            HashIndex("occasion", on="occasion"),
            HashIndex("campaign", on="campaign_id"),
            SortedIndex("planned_due", _planned_due, on=("status", "due_date")),
            # -- service desk: "my tasks" and overdue lists, by queue in due-date order --
            QueueIndex("queue_due", _queue_due, on=("status", "assignee", "due_date")),
        ]
    ),
    "campaigns": TableSpec(),
    "rules": TableSpec(key_field="name"),
    "audit": TableSpec(indexes=lambda: [HashIndex("entity_id", on="entity_id")]),
    # -- churn early warning: the daily scan's last run (so a restart does not repeat it)
    "churn_runs": TableSpec(),
    # -- fair assignment: rebalancing plans (preview, applied, undone) ------------------------
    "plans": TableSpec(),
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
