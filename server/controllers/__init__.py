"""One controller per resource. Capabilities add theirs to ``CONTROLLERS``."""

from .advisors import AdvisorController
from .assignments import AssignmentController
from .audit import AuditController
from .auth import AuthController
from .backups import make_backup
from .churn import CHURN_HANDLERS
from .clients import ClientController
from .exports import export_records
from .health import health
from .imports import ImportController
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
    # -- churn early warning --
    *CHURN_HANDLERS,
    # -- fair assignment --
    AssignmentController,
    # -- back-office files: imports, exports, backups --
    ImportController,
    export_records,
    make_backup,
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
