"""Regulatory callbacks (回访): plan the year's sample and new-account calls; report them."""

from __future__ import annotations

from typing import Annotated

import anyio
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from branchdesk.models import Staff
from branchdesk.models.service_api import CallbackPlan, CallbackPlanRequest, CallbackReport
from branchdesk.service.callback_report import build_report, report_inputs
from branchdesk.service.callbacks import plan_callbacks
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in


class CallbackController(Controller):
    path = "/callbacks"
    tags = ["callbacks"]

    @post(
        "/plan",
        operation_id="planCallbacks",
        opt=requires("care.run"),
        responses=signed_in(),
        sync_to_thread=False,
    )
    def plan(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        data: JSONBody[CallbackPlanRequest],
    ) -> CallbackPlan:
        """The year's reproducible sample (at least the yearly share of the prior year
        end's non-dormant book, spread over the months) and the new accounts' callbacks
        still missing. Planning again adds only what is missing."""
        return plan_callbacks(store, data.year, actor=me.username, dry_run=data.dry_run)

    @get(
        "/report",
        operation_id="callbackReport",
        opt=requires("reports.read"),
        responses=signed_in(),
    )
    async def report(
        self,
        store: NamedDependency[Store],
        year: Annotated[int, QueryParameter(ge=2000, le=2100)],
    ) -> CallbackReport:
        """Every callback of the year for compliance: who, when, attempts, outcome."""
        # The store is read here, on the event loop (TinyDB is not thread-safe); working
        # the population out of 50,000 histories and building tens of thousands of rows
        # touches no store, so it runs in a worker thread while other requests go on.
        inputs = report_inputs(store, year)
        return await anyio.to_thread.run_sync(build_report, inputs)
