from __future__ import annotations

from datetime import datetime

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromQuery

from branchdesk import audit
from branchdesk.models.api import AuditPage
from branchdesk.store import Store

from ..auth import requires
from ..params import Limit, Offset
from ..responses import signed_in


class AuditController(Controller):
    path = "/audit"
    tags = ["audit"]
    opt = requires("audit.read")

    @get("/", operation_id="listAudit", responses=signed_in(), sync_to_thread=False)
    def list_audit(
        self,
        store: NamedDependency[Store],
        actor: FromQuery[str | None] = None,
        action: FromQuery[str | None] = None,
        entity: FromQuery[str | None] = None,
        entity_id: FromQuery[str | None] = None,
        since: FromQuery[datetime | None] = None,
        until: FromQuery[datetime | None] = None,
        offset: Offset = 0,
        limit: Limit = 100,
    ) -> AuditPage:
        """The audit trail, newest first. ``action`` matches a prefix (``client.``)."""
        items, total = audit.query(
            store,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            since=since,
            until=until,
            offset=offset,
            limit=limit,
        )
        return AuditPage(items=items, total=total, offset=offset, limit=limit)
