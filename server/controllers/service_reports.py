"""The service desk's reports under /reports: coverage, overdue, channels, campaigns."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import anyio
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromQuery, QueryParameter

from branchdesk.errors import Invalid
from branchdesk.models import today
from branchdesk.models.service_api import (
    CampaignReport,
    ChannelReport,
    CoverageReport,
    OverdueReport,
)
from branchdesk.service import reports
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in


class ServiceReportController(Controller):
    path = "/reports"
    tags = ["reports"]
    opt = requires("reports.read")

    @get("/coverage", operation_id="coverageReport", responses=signed_in(), sync_to_thread=False)
    def coverage(
        self, store: NamedDependency[Store], on: FromQuery[date | None] = None
    ) -> CoverageReport:
        """Share of each advisor's book contacted within its tier's cadence."""
        return reports.coverage(store, on or today())

    @get("/overdue", operation_id="overdueReport", responses=signed_in(), sync_to_thread=False)
    def overdue(
        self,
        store: NamedDependency[Store],
        assignee: FromQuery[str | None] = None,
        on: FromQuery[date | None] = None,
        limit: Annotated[int, QueryParameter(ge=0, le=5000)] = 100,
    ) -> OverdueReport:
        """Planned tasks past their day, per assignee, with the oldest listed."""
        return reports.overdue(store, on or today(), assignee=assignee, limit=limit)

    @get("/channels", operation_id="channelReport", responses=signed_in())
    async def channels(
        self,
        store: NamedDependency[Store],
        since: FromQuery[date | None] = None,
        until: FromQuery[date | None] = None,
    ) -> ChannelReport:
        """Done tasks by channel (default: the last 12 months): count, share, cost."""
        end = until or today()
        start = since or end - timedelta(days=365)
        if end < start:
            raise Invalid("before since", field="until")
        # Columns of every task are read on the event loop (the store's thread); adding
        # up half a million of them touches no store and runs in a worker thread.
        columns = reports.channel_columns(store)
        return await anyio.to_thread.run_sync(reports.channel_summary, columns, start, end)

    @get("/campaigns", operation_id="campaignReport", responses=signed_in(), sync_to_thread=False)
    def campaigns(self, store: NamedDependency[Store]) -> CampaignReport:
        """Every campaign's results."""
        return reports.campaigns_report(store, today())
