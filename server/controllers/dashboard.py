"""The dashboard (any signed-in role) and a client's assignment history (terminal UI)."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency
from litestar.params import FromPath

from branchdesk.book import ClientBook
from branchdesk.client_history import advisor_changes
from branchdesk.dashboard import dashboard
from branchdesk.models import Staff
from branchdesk.models.api import AdvisorChange, Dashboard
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in


@get(
    "/dashboard",
    operation_id="getDashboard",
    tags=["dashboard"],
    responses=signed_in(),
    sync_to_thread=False,
)
def get_dashboard(store: NamedDependency[Store], me: NamedDependency[Staff]) -> Dashboard:
    """The branch at a glance: this month's gained and lost clients, and for managers
    each advisor's book size; open alerts by severity for those who triage them. Task
    counts arrive with the service desk."""
    return dashboard(store, me)


@get(
    "/clients/{account_id:str}/history",
    operation_id="getClientHistory",
    tags=["clients"],
    opt=requires("clients.read"),
    responses=signed_in(404),
    sync_to_thread=False,
)
def client_history(store: NamedDependency[Store], account_id: FromPath[str]) -> list[AdvisorChange]:
    """Who the client's advisor was and when it changed, oldest first (from the audit
    trail, so it includes moves made by a rebalancing plan)."""
    ClientBook(store).get(account_id)
    return advisor_changes(store, account_id)
