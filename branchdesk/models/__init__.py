"""One language for data: every record is a msgspec Struct, used alike as the storage
document, the HTTP body and what the terminal UI decodes."""

from .alert import Alert, AlertStep
from .audit import AuditEvent
from .client import ActivitySnapshot, Client
from .common import CST, AccountId, Money, Phone, new_id, now, today
from .enums import (
    AccountType,
    AdvisorLevel,
    AdvisorStatus,
    AlertRule,
    AlertStatus,
    CampaignStatus,
    Channel,
    ChannelKind,
    ChurnReason,
    ClientStatus,
    Direction,
    Outcome,
    Preference,
    ProductRisk,
    Purpose,
    Resolution,
    RetentionLever,
    RiskLevel,
    Role,
    Skill,
    TaskStatus,
    Tier,
    Touchpoint,
)
from .people import Advisor, Staff
from .rules import CareRules, ChannelCosts, ChurnRules, RuleSet, TierRules
from .service import Campaign, CampaignFilter, Task

__all__ = [
    "CST",
    "AccountId",
    "AccountType",
    "ActivitySnapshot",
    "Advisor",
    "AdvisorLevel",
    "AdvisorStatus",
    "Alert",
    "AlertRule",
    "AlertStatus",
    "AlertStep",
    "AuditEvent",
    "Campaign",
    "CampaignFilter",
    "CampaignStatus",
    "CareRules",
    "Channel",
    "ChannelCosts",
    "ChannelKind",
    "ChurnReason",
    "ChurnRules",
    "Client",
    "ClientStatus",
    "Direction",
    "Money",
    "Outcome",
    "Phone",
    "Preference",
    "ProductRisk",
    "Purpose",
    "Resolution",
    "RetentionLever",
    "RiskLevel",
    "Role",
    "RuleSet",
    "Skill",
    "Staff",
    "Task",
    "TaskStatus",
    "Tier",
    "TierRules",
    "Touchpoint",
    "new_id",
    "now",
    "today",
]

# -- fair assignment ------------------------------------------------------------------------
from .assignment import (
    AdvisorLoad,
    BalanceBy,
    Move,
    Plan,
    PlanKind,
    PlanStatus,
    PlanSummary,
    PlanTotals,
    Reason,
    ReasonCode,
    Unplaceable,
)

__all__ += [
    "AdvisorLoad",
    "BalanceBy",
    "Move",
    "Plan",
    "PlanKind",
    "PlanStatus",
    "PlanSummary",
    "PlanTotals",
    "Reason",
    "ReasonCode",
    "Unplaceable",
]
