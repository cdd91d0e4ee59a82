"""Shapes that only travel over HTTP: sign-in, pages, and the create/update bodies
derived from the records."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from msgspec import Struct

from .audit import AuditEvent
from .client import Client, ContactChecks
from .common import Money
from .derive import input_struct, patch_struct
from .enums import AdvisorStatus, Role
from .people import Staff
from .service import Task

#: set by the server from the client's history and the tier rules, never by a caller
CLIENT_DERIVED = (
    "tier",
    "status",
    "name_pinyin",
    "name_initials",
    "version",
    "created_at",
    "updated_at",
    "masked",
    "total_assets",
    "peak_assets_12m",
    "last_trade_date",
    "last_contact_date",
)

ClientCreate = input_struct(
    Client, "ClientCreate", exclude=CLIENT_DERIVED, module=__name__, checks=(ContactChecks,)
)
ClientUpdate = patch_struct(
    Client,
    "ClientUpdate",
    exclude=(*CLIENT_DERIVED, "account_id"),
    module=__name__,
    checks=(ContactChecks,),
)


class LoginRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    username: str
    password: str


class StaffView(Struct, kw_only=True):
    """A staff account as others see it (never the password hash)."""

    id: str
    username: str
    display_name: str
    role: Role
    disabled: bool = False
    advisor_id: str | None = None
    locked_until: datetime | None = None
    created_at: datetime | None = None

    @classmethod
    def of(cls, staff: Staff) -> StaffView:
        return cls(
            id=staff.id,
            username=staff.username,
            display_name=staff.display_name,
            role=staff.role,
            disabled=staff.disabled,
            advisor_id=staff.advisor_id,
            locked_until=staff.locked_until,
            created_at=staff.created_at,
        )


class LoginResponse(Struct, kw_only=True):
    token: str
    expires_at: datetime
    staff: StaffView


class StaffCreate(Struct, kw_only=True, forbid_unknown_fields=True):
    username: str
    role: Role
    display_name: str | None = None
    password: str | None = None  # omitted: the server generates one and shows it once
    advisor_id: str | None = None


class StaffCreated(Struct, kw_only=True):
    staff: StaffView
    password: str | None = None  # only when generated


class PasswordChange(Struct, kw_only=True, forbid_unknown_fields=True):
    password: str


class AuditPage(Struct, kw_only=True):
    items: list[AuditEvent]
    total: int
    offset: int
    limit: int


class RuleSetView(Struct, kw_only=True):
    name: str
    version: int
    values: dict[str, Any]


class RuleSetChange(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int
    values: dict[str, Any]


class Health(Struct, kw_only=True):
    status: str
    version: str
    clients: int
    data: str


#: set by the server when a task is created or worked, never by the caller
TASK_SERVER_FIELDS = (
    "id",
    "created_by",
    "created_at",
    "done_by",
    "done_at",
    "version",
    "flagged",
)
_TaskFields = input_struct(
    Task, "_TaskFields", exclude=(*TASK_SERVER_FIELDS, "cost"), module=__name__
)


class TaskCreate(_TaskFields, kw_only=True, forbid_unknown_fields=True):
    """A task to plan or log. Without a cost it gets its channel's unit cost."""

    cost: Money | None = None


# -- dashboard and client history (terminal UI) --------------------------------------------
class AdvisorBook(Struct, kw_only=True):
    """One advisor's book size, for the manager's dashboard bars."""

    id: str
    name: str
    status: AdvisorStatus
    clients: int
    capacity: float


class Dashboard(Struct, kw_only=True):
    """The numbers on the first screen after sign-in.

    Fields left ``None`` are owned by capabilities still being built (churn alerts,
    the service desk); the terminal UI says so plainly instead of showing a zero."""

    as_of: date
    month: str  # "2026-11": the month that gained/lost count
    clients: int
    month_gained: int | None = None  # opened this month
    month_lost: int | None = None  # closed, or resolved as lost by a churn alert, this month
    advisor_books: list[AdvisorBook] | None = None  # managers only
    #: unresolved alerts per severity band ("high", "medium", "low"); None for roles
    #: that do not triage alerts
    alerts_by_severity: dict[str, int] | None = None
    #: the signed-in person's planned tasks, filled by the service desk
    tasks_due_today: int | None = None
    tasks_overdue: int | None = None


class AdvisorChange(Struct, kw_only=True):
    """A change of a client's advisor, read from the audit trail."""

    at: datetime
    actor: str
    action: str
    from_advisor: str | None = None
    to_advisor: str | None = None
