"""Shapes the service desk sends over HTTP: task actions, care runs, callbacks,
campaigns and reports. The records themselves (Task, Campaign) live in ``service.py``."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from msgspec import Meta, Struct

from .common import AccountId, Money, Satisfaction
from .derive import input_struct
from .enums import Channel, ChannelKind, Direction, Outcome, ProductRisk, Purpose, Touchpoint
from .service import Campaign, Task

Note = Annotated[str, Meta(max_length=2000)]
BatchLimit = Annotated[int, Meta(ge=1, le=5000)]


class Occasion(StrEnum):
    """Greeting occasions (节日祝福)."""

    SPRING_FESTIVAL = "spring_festival"
    MID_AUTUMN = "mid_autumn"
    NATIONAL_DAY = "national_day"
    BIRTHDAY = "birthday"


class ThankYouEvent(StrEnum):
    """What earns a client a thank-you (致谢)."""

    DEPOSIT = "deposit"
    REFERRAL = "referral"
    NEW_PRODUCT = "new_product"


class TaskScope(StrEnum):
    """Which of someone's planned tasks: due today, overdue, this week, or all open."""

    TODAY = "today"
    OVERDUE = "overdue"
    WEEK = "week"
    OPEN = "open"


class OutboxEncoding(StrEnum):
    UTF8 = "utf-8"
    GBK = "gbk"
    GB18030 = "gb18030"


# -- task actions ---------------------------------------------------------------------------
class QuickLog(Struct, kw_only=True, forbid_unknown_fields=True):
    """A contact that already happened: a walk-in, a call. Logged as done in one step."""

    account_id: AccountId
    channel: Channel
    purpose: Purpose
    outcome: Outcome
    direction: Direction = Direction.OUTBOUND
    on: date | None = None  # the day it happened (default today)
    notes: Note = ""
    cost: Money | None = None  # default: the channel's unit cost
    satisfaction: Satisfaction | None = None
    product_risk: ProductRisk | None = None
    product_name: str | None = None
    alert_id: str | None = None
    campaign_id: str | None = None


class TaskComplete(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int
    outcome: Outcome
    notes: Note | None = None  # added to the task's notes
    satisfaction: Satisfaction | None = None
    cost: Money | None = None


class TaskReschedule(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int
    due_date: date
    notes: Note | None = None


class TaskCancel(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int
    reason: Note = ""


class TaskEdit(Struct, kw_only=True, forbid_unknown_fields=True):
    """Change a task's details; fields left out stay as they are."""

    version: int
    notes: Note | None = None
    cost: Money | None = None
    satisfaction: Satisfaction | None = None
    channel: Channel | None = None
    assignee: str | None = None


class TaskPage(Struct, kw_only=True):
    items: list[Task]
    total: int
    offset: int
    limit: int


class TaskCounts(Struct, kw_only=True):
    due_today: int
    overdue: int


# -- calendar -------------------------------------------------------------------------------
class CalendarYearIn(Struct, kw_only=True, forbid_unknown_fields=True):
    """One year's official schedule (国务院办公厅 notice): days off and make-up working days."""

    holidays: list[date]
    workdays: list[date] = []  # make-up working days (调休上班) on weekends
    names: dict[str, str] = {}  # ISO date → holiday name, optional


class CalendarYearInfo(Struct, kw_only=True):
    year: int
    source: str  # "loaded", "official" (chinese-calendar) or "fallback" (Monday–Friday)
    holidays: int
    workdays: int
    working_days: int


# -- care -----------------------------------------------------------------------------------
class GreetingRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    occasion: Occasion
    on: date
    lang: Annotated[str, Meta(pattern=r"^(zh|en)$")] = "zh"
    encoding: OutboxEncoding = OutboxEncoding.UTF8
    dry_run: bool = False
    resend: bool = False  # the messages already logged, again (for a lost outbox file)
    offset: Annotated[int, Meta(ge=0)] = 0
    limit: BatchLimit = 5000


class GreetingMessage(Struct, kw_only=True):
    account_id: str
    name: str
    phone: str
    channel: Channel
    text: str
    task_id: str | None = None


class GreetingBatch(Struct, kw_only=True):
    """One batch of a greetings run; ``total`` counts every client the run covers."""

    occasion: Occasion
    on: date
    total: int
    offset: int
    limit: int
    messages: list[GreetingMessage]
    already_sent: int = 0
    no_consent: int = 0
    no_phone: int = 0
    lost: int = 0  # clients who left the branch, skipped
    dry_run: bool = False


class ThankYouIn(Struct, kw_only=True, forbid_unknown_fields=True):
    account_id: AccountId
    event: ThankYouEvent
    on: date
    detail: Note = ""  # e.g. the product bought


class ThankYouScan(Struct, kw_only=True, forbid_unknown_fields=True):
    since: date
    until: date | None = None  # default today
    dry_run: bool = False


class ThankYouRun(Struct, kw_only=True):
    created: list[Task]
    already: int = 0
    no_consent: int = 0
    warnings: list[str] = []


class CadenceRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    horizon_days: Annotated[int, Meta(ge=1, le=60)] | None = None
    daily_limit: Annotated[int, Meta(ge=1, le=200)] | None = None
    dry_run: bool = False


class AdvisorDays(Struct, kw_only=True):
    advisor_id: str
    per_day: dict[str, int]  # ISO date → tasks planned that day (all tasks, not only these)
    added: int


class CadencePlan(Struct, kw_only=True):
    due_clients: int  # past their tier's cadence, consenting, with no contact planned
    scheduled: int
    waiting: int  # no room within the horizon: they come first next time
    no_advisor: int
    days: list[date]
    by_advisor: list[AdvisorDays]
    dry_run: bool = False
    warnings: list[str] = []


# -- callbacks ------------------------------------------------------------------------------
class CallbackPlanRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    year: Annotated[int, Meta(ge=2000, le=2100)]
    dry_run: bool = False


class CallbackPlan(Struct, kw_only=True):
    year: int
    population_as_of: date
    population: int  # on the book at the prior year end, not dormant
    required: int  # the yearly share of the population
    sampled: int  # annual callbacks of the year, after this plan
    added_annual: int
    added_new_accounts: int
    by_month: dict[int, int]  # month → annual callbacks due in it
    dry_run: bool = False
    warnings: list[str] = []


class CallbackRow(Struct, kw_only=True):
    task_id: str
    account_id: str
    name: str
    kind: str  # "new_account", "annual" or "other"
    due_date: date
    status: str
    outcome: str | None
    attempts: int
    flagged: bool
    done_by: str | None
    done_on: date | None
    opened: date | None
    on_time: bool | None  # new accounts: done within the window after opening


class CallbackReport(Struct, kw_only=True):
    year: int
    population: int
    required: int
    annual: int
    new_accounts: int
    done: int
    reached: int
    not_reached: int
    flagged: int
    planned: int
    rows: list[CallbackRow]


# -- campaigns ------------------------------------------------------------------------------
CAMPAIGN_SERVER_FIELDS = ("id", "status", "created_by", "created_at", "version")
CampaignCreate = input_struct(
    Campaign, "CampaignCreate", exclude=CAMPAIGN_SERVER_FIELDS, module=__name__
)


class CampaignRunRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int
    dry_run: bool = False


class CampaignVersion(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int


class CampaignRun(Struct, kw_only=True):
    campaign: Campaign
    matched: int  # clients the filter picks
    created: int  # tasks created by this run
    already: int  # targeted by an earlier run
    no_consent: int
    over_capacity: int  # no room within the period and the daily limit
    no_advisor: int
    by_channel: dict[str, int]
    by_advisor: dict[str, int]
    dry_run: bool = False
    warnings: list[str] = []


class ChannelResult(Struct, kw_only=True):
    channel: Channel
    tasks: int
    reached: int
    cost: float


class CampaignResults(Struct, kw_only=True):
    campaign_id: str
    name: str
    status: str
    start: date
    end: date
    targeted: int
    contacted: int  # tasks done (any outcome)
    reached: int  # clients reached at least once
    reactivated: int  # targeted clients with a trade on or after the start
    cost: float  # of the done tasks
    planned_cost: float  # of the tasks still planned
    cost_per_reactivation: float | None
    by_channel: list[ChannelResult]


# -- reports --------------------------------------------------------------------------------
class CoverageRow(Struct, kw_only=True):
    advisor_id: str
    name: str
    clients: int
    contacted: int
    share: float
    by_tier: dict[str, list[int]]  # tier → [contacted, clients]


class CoverageReport(Struct, kw_only=True):
    as_of: date
    rows: list[CoverageRow]
    clients: int
    contacted: int
    share: float


class OverdueRow(Struct, kw_only=True):
    assignee: str
    tasks: int
    oldest: date
    by_purpose: dict[str, int]


class OverdueReport(Struct, kw_only=True):
    as_of: date
    total: int
    rows: list[OverdueRow]
    items: list[Task]  # the oldest first, up to the limit asked


class ChannelRow(Struct, kw_only=True):
    channel: Channel
    kind: ChannelKind
    touchpoint: Touchpoint
    tasks: int
    share: float
    cost: float
    reached: int


class ChannelReport(Struct, kw_only=True):
    since: date
    until: date
    tasks: int
    cost: float
    rows: list[ChannelRow]
    by_kind: dict[str, list[float]]  # kind → [tasks, cost]


class CampaignReport(Struct, kw_only=True):
    as_of: date
    rows: list[CampaignResults]
