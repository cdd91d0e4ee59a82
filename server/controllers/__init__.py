"""One controller per resource. Capabilities add theirs to ``CONTROLLERS``."""

from .advisors import AdvisorController
from .audit import AuditController
from .auth import AuthController
from .clients import ClientController
from .health import health
from .rules import RulesController
from .staff import StaffController

CONTROLLERS = [
    health,
    AuthController,
    ClientController,
    AdvisorController,
    StaffController,
    AuditController,
    RulesController,
]
