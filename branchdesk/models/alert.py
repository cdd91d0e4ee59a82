"""Churn alerts (流失预警) and their triage lifecycle."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from msgspec import Meta, Struct

from .common import AccountId, Money, Version
from .enums import AlertRule, AlertStatus, ChurnReason, Resolution


class AlertStep(Struct, kw_only=True):
    """One move along the lifecycle: who did what, when."""

    status: AlertStatus
    by: str
    at: datetime
    note: str = ""


class Alert(Struct, kw_only=True, forbid_unknown_fields=True):
    id: str
    account_id: AccountId
    rule: AlertRule
    status: AlertStatus = AlertStatus.OPEN
    severity: Annotated[int, Meta(ge=0, le=100)]
    assets_at_risk: Money = 0.0
    evidence: dict[str, Any] = {}
    evidence_text: str = ""
    evidence_key: str = ""  # identifies the evidence, so a resolved alert returns only on new
    advisor_id: str | None = None
    raised_at: datetime
    task_id: str | None = None
    resolution: Resolution | None = None
    reason: ChurnReason | None = None
    reason_text: str = ""
    resolved_at: datetime | None = None
    history: list[AlertStep] = []
    version: Version = 0
