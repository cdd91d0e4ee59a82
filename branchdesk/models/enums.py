"""The closed vocabularies of the branch: roles, tiers, channels, purposes, outcomes.

Every enum's value is its wire and storage form (lower-case English); the Chinese and
English labels live in :mod:`branchdesk.i18n`.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    FRONTDESK = "frontdesk"
    ADVISOR = "advisor"
    RESEARCHER = "researcher"
    MANAGER = "manager"
    ADMIN = "admin"


class AccountType(StrEnum):
    INDIVIDUAL = "individual"
    INSTITUTION = "institution"


class Tier(StrEnum):
    CORE = "core"
    IMPORTANT = "important"
    GENERAL = "general"
    INSTITUTION = "institution"


class ClientStatus(StrEnum):
    ACTIVE = "active"
    DORMANT = "dormant"
    LOST = "lost"
    REACTIVATION = "reactivation"  # a dormant client a campaign is working on


class RiskLevel(StrEnum):
    """Investor suitability levels (适当性), lowest to highest tolerance."""

    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"

    @property
    def rank(self) -> int:
        return int(self.value[1])


class ProductRisk(StrEnum):
    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"
    R5 = "R5"

    @property
    def rank(self) -> int:
        return int(self.value[1])


class Preference(StrEnum):
    """What a client invests in; the same words name an advisor's skills."""

    STOCKS = "stocks"
    FUNDS = "funds"
    BONDS = "bonds"
    MARGIN = "margin"
    OPTIONS = "options"
    WEALTH = "wealth"


Skill = Preference


class ChannelKind(StrEnum):
    ONSITE = "onsite"
    REMOTE = "remote"


class Touchpoint(StrEnum):
    """Customer-experience (CEM) touchpoint class of a channel."""

    DIRECT = "direct"
    PHONE = "phone"
    NETWORK = "network"
    OTHER = "other"


class Channel(StrEnum):
    VISIT = "visit"
    BRANCH = "branch"
    EVENT = "event"
    SEMINAR = "seminar"
    PHONE = "phone"
    SMS = "sms"
    WECHAT = "wechat"
    EMAIL = "email"
    VIDEO = "video"
    LETTER = "letter"

    @property
    def kind(self) -> ChannelKind:
        return _CHANNEL_KIND[self]

    @property
    def touchpoint(self) -> Touchpoint:
        return _CHANNEL_TOUCHPOINT[self]


_CHANNEL_KIND = {
    c: (ChannelKind.ONSITE if c in ("visit", "branch", "event", "seminar") else ChannelKind.REMOTE)
    for c in Channel
}
_CHANNEL_TOUCHPOINT = {
    Channel.VISIT: Touchpoint.DIRECT,
    Channel.BRANCH: Touchpoint.DIRECT,
    Channel.EVENT: Touchpoint.DIRECT,
    Channel.SEMINAR: Touchpoint.DIRECT,
    Channel.PHONE: Touchpoint.PHONE,
    Channel.SMS: Touchpoint.PHONE,
    Channel.WECHAT: Touchpoint.NETWORK,
    Channel.EMAIL: Touchpoint.NETWORK,
    Channel.VIDEO: Touchpoint.NETWORK,
    Channel.LETTER: Touchpoint.OTHER,
}


class Purpose(StrEnum):
    RELATIONSHIP = "relationship"  # keep in touch, no selling
    MARKET_INSIGHT = "market_insight"
    LONG_TERM_ENTRY = "long_term_entry"
    LOSS_RECOVERY = "loss_recovery"
    RETENTION = "retention"
    REACTIVATION = "reactivation"
    THANK_YOU = "thank_you"
    GREETING = "greeting"
    CALLBACK = "callback"  # regulatory callback (回访)
    COMPLAINT = "complaint"
    PRODUCT_INFO = "product_info"
    REFERRAL = "referral"
    TECH_SUPPORT = "tech_support"
    TRAINING = "training"
    HANDOVER = "handover"  # a client moved to a new advisor


class Outcome(StrEnum):
    REACHED = "reached"
    NOT_REACHED = "not_reached"
    FOLLOW_UP = "follow_up"
    RETAINED = "retained"
    LOST = "lost"
    COMPLAINT = "complaint"
    REFERRAL = "referral"


class Direction(StrEnum):
    OUTBOUND = "outbound"
    INBOUND_CONSULTING = "inbound_consulting"  # investment-consulting hotline
    INBOUND_TECH = "inbound_tech"  # technical-support hotline


class TaskStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"


class AlertRule(StrEnum):
    DORMANT = "dormant"
    OUTFLOW = "outflow"
    DRAWDOWN = "drawdown"
    ACTIVITY_DROP = "activity_drop"
    CONTACT_GAP = "contact_gap"
    COMPLAINT = "complaint"
    ORPHANED = "orphaned"


class AlertStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


class Resolution(StrEnum):
    RETAINED = "retained"
    LOST = "lost"
    FALSE_ALARM = "false_alarm"


class ChurnReason(StrEnum):
    COMMISSION = "commission"  # 佣金太高
    COMPETITOR = "competitor"  # 客户转走
    FEW_PRODUCTS = "few_products"  # 产品太单一
    MARKET = "market"  # 行情难做
    POOR_SERVICE = "poor_service"  # 服务太差
    OUTDATED_BRANCH = "outdated_branch"  # 大堂与设备硬件太差
    OTHER = "other"


class RetentionLever(StrEnum):
    COMMISSION_DISCOUNT = "commission_discount"
    POINTS_GIFTS = "points_gifts"
    RESEARCH = "research"
    TRADING_SYSTEM = "trading_system"
    CLOSER_ADVISORY = "closer_advisory"
    WEALTH_PRODUCTS = "wealth_products"


class AdvisorLevel(StrEnum):
    JUNIOR = "junior"
    SENIOR = "senior"
    CERTIFIED = "certified"


class AdvisorStatus(StrEnum):
    ACTIVE = "active"
    ON_LEAVE = "on_leave"
    DEPARTED = "departed"


class CampaignStatus(StrEnum):
    DRAFT = "draft"
    RUNNING = "running"
    CLOSED = "closed"
