"""One controller per resource. Capabilities add theirs to ``CONTROLLERS``."""

from .advisors import AdvisorController
from .audit import AuditController
from .auth import AuthController
from .clients import ClientController
from .health import health
from .rules import RulesController
from .staff import StaffController
from .tasks import TaskController, client_tasks

# -- service desk --
# isort: split
from .callbacks import CallbackController
from .campaigns import CampaignController
from .care import CalendarController, CareController
from .service_reports import ServiceReportController

CONTROLLERS = [
    health,
    AuthController,
    ClientController,
    AdvisorController,
    StaffController,
    AuditController,
    RulesController,
    TaskController,
    client_tasks,
    # -- service desk --
    CareController,
    CalendarController,
    CallbackController,
    CampaignController,
    ServiceReportController,
]

# -- terminal UI: dashboard and a client's assignment history ------------------------------
from .dashboard import client_history, get_dashboard  # noqa: E402

CONTROLLERS += [get_dashboard, client_history]
