"""Shapes of the churn early-warning API: alert views and pages, triage requests, scan
results and the churn reports. The stored record itself is :class:`Alert`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from msgspec import Meta, Struct

from .alert import Alert
from .client import ActivitySnapshot
from .common import Money
from .enums import AlertRule, Channel, ChurnReason, Purpose, Resolution, Tier
from .service import Task

Note = Annotated[str, Meta(max_length=500)]


class AlertView(Alert, kw_only=True):
    """An alert with the client's name and current tier, for queues and detail panes."""

    client_name: str = ""
    tier: Tier | None = None


class AlertPage(Struct, kw_only=True):
    items: list[AlertView]
    total: int
    offset: int
    limit: int


class AlertAck(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int
    note: Note = ""


class AlertTaskRequest(Struct, kw_only=True, forbid_unknown_fields=True):
    """The follow-up task: defaults are a retention call by the client's advisor, due in
    one working day (relationship care for contact-gap and orphaned alerts)."""

    version: int
    channel: Channel = Channel.PHONE
    purpose: Purpose | None = None
    due_date: date | None = None
    assignee: str | None = None
    note: Note = ""


class AlertTaskResult(Struct, kw_only=True):
    alert: AlertView
    task: Task


class AlertResolve(Struct, kw_only=True, forbid_unknown_fields=True):
    version: int
    resolution: Resolution
    reason: ChurnReason | None = None  # required when the client was lost
    reason_text: Note = ""  # required when the reason is "other"
    note: Note = ""


class ScanResult(Struct, kw_only=True):
    """What one scan did. ``unchanged`` counts findings that matched an alert as it was."""

    on: date
    clients: int
    findings: int
    raised: int
    reraised: int  # raised again after a resolved alert, on new evidence
    updated: int  # open alerts whose evidence moved on
    unchanged: int
    by_rule: dict[AlertRule, int]
    seconds: float


class ActivityBatch(Struct, kw_only=True, forbid_unknown_fields=True):
    """Snapshots from the back office, for any number of clients (one transaction)."""

    snapshots: Annotated[list[ActivitySnapshot], Meta(min_length=1, max_length=200_000)]


class ActivityRecorded(Struct, kw_only=True):
    snapshots: int
    clients_changed: int


class FunnelStage(Struct, kw_only=True):
    rule: AlertRule | None  # None: every rule together
    raised: int
    acknowledged: int  # reached acknowledged or later
    in_progress: int
    retained: int
    lost: int
    false_alarm: int
    open: int  # not resolved yet
    median_hours_to_first_action: float | None


class ChurnFunnel(Struct, kw_only=True):
    since: date | None
    until: date | None
    total: FunnelStage
    by_rule: list[FunnelStage]


class ReasonRow(Struct, kw_only=True):
    reason: ChurnReason
    clients: int
    assets: Money
    share_by_count: float
    share_by_assets: float
    examples: list[str] = []  # free texts given with "other"


class ChurnReasons(Struct, kw_only=True):
    by_count: list[ReasonRow]
    by_assets: list[ReasonRow]
    lost_clients: int
    lost_assets: Money


class FlowMonth(Struct, kw_only=True):
    month: str  # YYYY-MM
    gained: int
    lost: int
    net: int


class ClientFlow(Struct, kw_only=True):
    months: list[FlowMonth]
    gained: int
    lost: int
    net: int


class ScanRun(Struct, kw_only=True):
    """The daily scan's memory: the last day it ran, so a restart does not repeat it."""

    id: str = "daily"
    last_date: date | None = None
    finished_at: datetime | None = None
    result: ScanResult | None = None
