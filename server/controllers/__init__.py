"""One controller per resource. Capabilities add theirs to ``CONTROLLERS``."""

from .advisors import AdvisorController
from .audit import AuditController
from .auth import AuthController
from .backups import make_backup
from .clients import ClientController
from .exports import export_records
from .health import health
from .imports import ImportController
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
    # -- back-office files: imports, exports, backups --
    ImportController,
    export_records,
    make_backup,
]
