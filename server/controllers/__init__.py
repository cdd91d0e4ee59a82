"""One controller per resource. Capabilities add theirs to ``CONTROLLERS``."""

from .advisors import AdvisorController
from .assignments import AssignmentController
from .audit import AuditController
from .auth import AuthController
from .clients import ClientController
from .health import health
from .rules import RulesController
from .staff import StaffController
from .tasks import TaskController, client_tasks

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
    # -- fair assignment --
    AssignmentController,
]
