"""The churn reports: alert funnel, churn reasons, net client flow."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import get
from litestar.di import NamedDependency
from litestar.params import FromQuery, QueryParameter

from branchdesk.churn import reports
from branchdesk.models.churn import ChurnFunnel, ChurnReasons, ClientFlow
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in

Months = Annotated[int, QueryParameter(ge=1, le=120, description="How many months (1–120)")]


@get(
    "/reports/churn",
    operation_id="churnFunnel",
    tags=["reports"],
    opt=requires("reports.read"),
    responses=signed_in(),
    sync_to_thread=False,
)
def churn_funnel(
    store: NamedDependency[Store],
    since: FromQuery[date | None] = None,
    until: FromQuery[date | None] = None,
) -> ChurnFunnel:
    """Alerts raised in the period (inclusive) → acknowledged → retained / lost / false
    alarm, per rule and in total, with the median hours to the first action."""
    return reports.funnel(store, since=since, until=until)


@get(
    "/reports/reasons",
    operation_id="churnReasons",
    tags=["reports"],
    opt=requires("reports.read"),
    responses=signed_in(),
    sync_to_thread=False,
)
def churn_reasons(
    store: NamedDependency[Store],
    since: FromQuery[date | None] = None,
    until: FromQuery[date | None] = None,
) -> ChurnReasons:
    """Why clients left (alerts resolved as lost), ranked by clients and by assets."""
    return reports.reasons(store, since=since, until=until)


@get(
    "/reports/flow",
    operation_id="clientFlow",
    tags=["reports"],
    opt=requires("reports.read"),
    responses=signed_in(),
    sync_to_thread=False,
)
def client_flow(
    store: NamedDependency[Store],
    months: Months = 12,
    until: FromQuery[date | None] = None,
) -> ClientFlow:
    """Clients gained (accounts opened) − lost, per month, up to ``until``'s month."""
    return reports.flow(store, months, until=until)
