"""The audit trail: every change and every full view of sensitive client data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from msgspec import Struct


class AuditEvent(Struct, kw_only=True, forbid_unknown_fields=True):
    id: str
    at: datetime
    actor: str  # a staff username, or "system" / "cli:<user>" for scripted work
    action: str  # e.g. "client.update", "client.view_sensitive", "alert.resolve"
    entity: str  # table name
    entity_id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    detail: str = ""
