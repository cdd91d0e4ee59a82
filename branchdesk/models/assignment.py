"""Fair assignment (存量客户分配): rebalancing plans, their moves and reasons, advisors' loads,
and the request bodies that make them. A plan is stored as one document in ``plans``."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from msgspec import Meta, Struct, field

from .common import AccountId, Version
from .derive import input_struct, patch_struct
from .enums import AdvisorStatus, Skill
from .people import Advisor


class PlanKind(StrEnum):
    REBALANCE = "rebalance"  # the whole book
    DEPARTURE = "departure"  # one departing advisor's book, for good
    LEAVE = "leave"  # one advisor's book while they are away; comes back after
    RETURN = "return"  # clients going back to an advisor whose leave ended
    NEW_CLIENTS = "new_clients"  # clients from an import, nobody else moves


class PlanStatus(StrEnum):
    PREVIEW = "preview"
    APPLIED = "applied"
    UNDONE = "undone"


class BalanceBy(StrEnum):
    COUNT = "count"  # every client weighs 1
    WEIGHTED = "weighted"  # each client weighs its tier's weight


class ReasonCode(StrEnum):
    # why the client leaves their advisor
    DEPARTED = "departed"
    ON_LEAVE = "on_leave"
    NO_CAPACITY = "no_capacity"
    INELIGIBLE = "ineligible"  # the advisor does not meet the client's needs
    BALANCE = "balance"  # the advisor's book is above the band
    UNASSIGNED = "unassigned"  # a new client, or one whose advisor id is unknown
    RETURN = "return"  # back to their advisor after a leave
    # why an undo or a return left a client where they are
    CHANGED = "changed"  # reassigned again after the plan was applied
    GONE = "gone"  # no longer on the book
    # why a client cannot be placed at all
    NO_ELIGIBLE = "no_eligible"


class Reason(Struct, kw_only=True, omit_defaults=True):
    """Why a client moves, as data; :func:`branchdesk.assignment.reasons.reason_text`
    turns it into a sentence in Chinese or English."""

    code: ReasonCode
    from_name: str | None = None
    to_name: str | None = None
    until: date | None = None  # last day of the old advisor's leave
    backup: bool = False  # the new advisor is the old one's backup
    skill: Skill | None = None  # the client's main need …
    level: int | None = None  # … and the new advisor's level in it
    load_before: float | None = None  # the new advisor's load, before and after the plan
    load_after: float | None = None
    from_load: float | None = None  # the old advisor's load and band top (balance moves)
    band_high: float | None = None
    needs: list[str] = []  # unmet requirements, e.g. ["senior", "options>=1"]


class Move(Struct, kw_only=True, omit_defaults=True):
    account_id: AccountId
    name: str = ""
    from_id: str | None = None
    to_id: str
    cost: float = 0.0
    until: date | None = None  # a temporary move: back to from_id after this day
    reason: Reason
    # filled in when the plan is applied, for undo
    since_before: date | None = None  # the client's advisor_since before the move
    task_id: str | None = None  # the handover task for the new advisor


class Unplaceable(Struct, kw_only=True):
    """A client no active advisor may take; stays where they are."""

    account_id: AccountId
    name: str = ""
    advisor_id: str | None = None
    reason: Reason


class AdvisorLoad(Struct, kw_only=True):
    """One advisor's book: clients (or weighted load) before and after a plan, against the
    capacity-proportional target and its tolerance band. Away advisors have no target."""

    advisor_id: str
    name: str
    status: AdvisorStatus
    away: bool  # departed, on leave, or capacity 0 on the plan's date
    capacity: float
    clients_before: int
    clients_after: int
    before: float  # load: clients, or weighted load
    after: float
    target: float | None = None
    band_low: float | None = None
    band_high: float | None = None
    deviation_before: float | None = None  # (load − target) / target
    deviation_after: float | None = None


class PlanTotals(Struct, kw_only=True):
    clients: int  # clients on the book (closed accounts left out)
    moves: int
    cost: float
    spread_before: float  # the largest |deviation| among advisors taking clients
    spread_after: float
    eligible_before: float  # share of placeable clients on an eligible active advisor
    eligible_after: float
    unplaceable: int
    solve_seconds: float = 0.0


class Plan(Struct, kw_only=True):
    id: str
    kind: PlanKind
    status: PlanStatus = PlanStatus.PREVIEW
    on: date  # the day the plan was made for
    balance: BalanceBy
    tolerance: float
    advisor_id: str | None = None  # departure / leave / return: whose book
    until: date | None = None  # leave: the last day away
    basis: str = ""  # fingerprint of what the plan was computed from
    rules_version: int = 0
    loads: list[AdvisorLoad] = []
    moves: list[Move] = []
    unplaceable: list[Unplaceable] = []
    totals: PlanTotals
    created_at: datetime | None = None
    created_by: str | None = None
    applied_at: datetime | None = None
    applied_by: str | None = None
    undone_at: datetime | None = None
    undone_by: str | None = None
    #: undo: clients not restored because they were reassigned after the apply
    not_restored: list[Unplaceable] = []
    #: temporary moves: advisor back from leave → the return plan that brought them back
    returns: dict[str, str] = {}
    source_plan: str | None = None  # a return plan: the leave plan it reverses
    version: Version = 0


class PlanSummary(Struct, kw_only=True):
    """A plan without its moves, for lists."""

    id: str
    kind: PlanKind
    status: PlanStatus
    on: date
    advisor_id: str | None
    until: date | None
    totals: PlanTotals
    created_at: datetime | None
    created_by: str | None
    applied_at: datetime | None
    returns: dict[str, str]

    @classmethod
    def of(cls, plan: Plan) -> PlanSummary:
        return cls(
            id=plan.id,
            kind=plan.kind,
            status=plan.status,
            on=plan.on,
            advisor_id=plan.advisor_id,
            until=plan.until,
            totals=plan.totals,
            created_at=plan.created_at,
            created_by=plan.created_by,
            applied_at=plan.applied_at,
            returns=plan.returns,
        )


class PreviewRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    """What to plan. Without ``advisor_id`` the whole book is rebalanced; with it only
    that advisor's clients move (nobody else's)."""

    advisor_id: str | None = None
    balance: BalanceBy | None = None  # default: the assignment rules' setting
    tolerance: Annotated[float, Meta(ge=0, le=1)] | None = None


class LeaveRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    leave_from: date
    leave_to: date
    version: int
    apply: bool = False  # apply the temporary plan at once

    def __post_init__(self) -> None:
        if self.leave_to < self.leave_from:
            raise ValueError("leave_to: before leave_from")


class DepartRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int
    apply: bool = False


class NewClientsRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    account_ids: Annotated[list[AccountId], Meta(min_length=1, max_length=200_000)]


#: set by the server, never by the caller
ADVISOR_SERVER_FIELDS = ("version", "updated_at")
# ``checks=(Struct,)``: without a base, defstruct makes a class that is not a subclass of
# msgspec.Struct, and the server's 400 handler then names only the first bad field.
AdvisorCreate = input_struct(
    Advisor, "AdvisorCreate", exclude=ADVISOR_SERVER_FIELDS, module=__name__, checks=(Struct,)
)
AdvisorUpdate = patch_struct(
    Advisor,
    "AdvisorUpdate",
    exclude=(*ADVISOR_SERVER_FIELDS, "id"),
    module=__name__,
    checks=(Struct,),
)


class UnplacedClient(Struct, kw_only=True):
    account_id: str
    needs: list[str]
    reason: str


class NewClientsResult(Struct, kw_only=True):
    """What :func:`branchdesk.assignment.assign_new` did with an import's new clients."""

    plan_id: str | None
    assigned: dict[str, str]  # account → advisor
    kept: list[str]  # already with an active advisor who may serve them
    unplaceable: list[UnplacedClient]
    missing: list[str]  # not on the book (or closed)


class ReturnsResult(Struct, kw_only=True):
    """Leaves that ended and the return plans that brought clients back."""

    plans: list[PlanSummary] = field(default_factory=list)
