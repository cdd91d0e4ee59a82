"""Rule sets: every default number in DOMAIN.md is a setting the manager can change.

Each rule set is stored as one versioned document in the ``rules`` table under its
``NAME``; :mod:`branchdesk.rules` reads and changes them with version checks and audit."""

from __future__ import annotations

from typing import Annotated, ClassVar

from msgspec import Meta, Struct, field

from .common import Days, Money, Ratio, Version
from .enums import AlertRule, Channel, Tier

PositiveDays = Annotated[int, Meta(ge=1, le=3650)]


class RuleSet(Struct, kw_only=True, forbid_unknown_fields=True):
    NAME: ClassVar[str] = ""
    version: Version = 0


def _default_cadence() -> dict[Tier, int]:
    return {Tier.CORE: 30, Tier.IMPORTANT: 90, Tier.GENERAL: 180, Tier.INSTITUTION: 30}


class TierRules(RuleSet, kw_only=True):
    """How clients are tiered (客户分层) and how often each tier is contacted."""

    NAME: ClassVar[str] = "tiers"
    core_min_assets: Money = 1_000_000
    important_min_assets: Money = 200_000
    cadence_days: dict[Tier, PositiveDays] = {}
    dormant_days: PositiveDays = 180

    def __post_init__(self) -> None:
        self.cadence_days = {**_default_cadence(), **self.cadence_days}
        if self.important_min_assets > self.core_min_assets:
            raise ValueError("important_min_assets: larger than core_min_assets")


class ChurnRules(RuleSet, kw_only=True):
    """Thresholds of the churn early-warning rules (流失预警)."""

    NAME: ClassVar[str] = "churn"
    enabled: list[AlertRule] = field(default_factory=lambda: list(AlertRule))
    dormant_days: PositiveDays = 180
    dormant_min_assets: Money = 10_000
    outflow_window_days: PositiveDays = 30
    outflow_ratio: Ratio = 0.5
    outflow_amount: Money = 500_000
    drawdown_ratio: Ratio = 0.3
    drawdown_window_months: Annotated[int, Meta(ge=1, le=60)] = 12
    activity_window_days: PositiveDays = 90
    activity_drop_ratio: Ratio = 0.3
    activity_min_prior_trades: Annotated[int, Meta(ge=0)] = 10
    complaint_window_days: PositiveDays = 30
    orphan_leave_days: Days = 30  # leave longer than this orphans the book
    scan_time: Annotated[str, Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "07:30"


class CareRules(RuleSet, kw_only=True):
    """System-sent care and regulatory callbacks (统一由系统发送)."""

    NAME: ClassVar[str] = "care"
    thank_you_deposit_min: Money = 100_000
    thank_you_working_days: Annotated[int, Meta(ge=0, le=30)] = 2
    callback_new_account_days: PositiveDays = 30
    callback_yearly_share: Ratio = 0.10
    callback_max_attempts: Annotated[int, Meta(ge=1, le=10)] = 3
    greeting_channel: Channel = Channel.SMS
    # -- service desk: how care reads and is scheduled --
    branch_name: Annotated[str, Meta(max_length=60)] = ""  # "" = "本营业部" / "the branch"
    cadence_daily_limit: Annotated[int, Meta(ge=1, le=200)] = 8  # care tasks per advisor a day
    cadence_horizon_days: Annotated[int, Meta(ge=1, le=60)] = 10  # working days to spread over
    daily_care: bool = True  # the server schedules thank-yous, callbacks and cadence itself
    daily_care_time: Annotated[str, Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "07:45"


def _default_costs() -> dict[Channel, float]:
    return {
        Channel.VISIT: 200.0,
        Channel.BRANCH: 50.0,
        Channel.EVENT: 100.0,
        Channel.SEMINAR: 80.0,
        Channel.PHONE: 2.0,
        Channel.SMS: 0.05,
        Channel.WECHAT: 0.0,
        Channel.EMAIL: 0.0,
        Channel.VIDEO: 1.0,
        Channel.LETTER: 5.0,
    }


class ChannelCosts(RuleSet, kw_only=True):
    """Unit cost of each channel in yuan (成本要计算)."""

    NAME: ClassVar[str] = "channel_costs"
    costs: dict[Channel, Money] = {}

    def __post_init__(self) -> None:
        self.costs = {**_default_costs(), **self.costs}
