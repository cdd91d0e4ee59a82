"""Service work: tasks (on-site and remote contacts) and activation campaigns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from msgspec import Meta, Struct, field

from .common import AccountId, Money, Satisfaction, Version
from .enums import (
    CampaignStatus,
    Channel,
    ChannelKind,
    Direction,
    Outcome,
    ProductRisk,
    Purpose,
    TaskStatus,
    Tier,
    Touchpoint,
)


class Task(Struct, kw_only=True, forbid_unknown_fields=True):
    """One contact with a client, planned or done. Kind and touchpoint follow the channel."""

    id: str
    account_id: AccountId
    channel: Channel
    purpose: Purpose
    direction: Direction = Direction.OUTBOUND
    due_date: date
    status: TaskStatus = TaskStatus.PLANNED
    outcome: Outcome | None = None
    notes: str = ""
    cost: Money = 0.0
    satisfaction: Satisfaction | None = None
    assignee: str | None = None  # advisor id, or "tech" for the tech-support desk
    product_risk: ProductRisk | None = None  # for product-information tasks
    product_name: str | None = None
    alert_id: str | None = None
    campaign_id: str | None = None
    occasion: str | None = None  # greeting / thank-you / callback key, for idempotence
    attempts: int = 0
    flagged: bool = False  # needs a person's attention (a callback that never reached the client)
    created_by: str | None = None
    done_by: str | None = None
    created_at: datetime | None = None
    done_at: datetime | None = None
    version: Version = 0

    @property
    def kind(self) -> ChannelKind:
        return self.channel.kind

    @property
    def touchpoint(self) -> Touchpoint:
        return self.channel.touchpoint


class CampaignFilter(Struct, kw_only=True, forbid_unknown_fields=True):
    dormant_days: Annotated[int, Meta(ge=0)] | None = None
    min_assets: Money | None = None
    max_assets: Money | None = None
    min_drawdown: Annotated[float, Meta(ge=0, le=1)] | None = None
    tiers: list[Tier] = []
    advisor_ids: list[str] = []


class Campaign(Struct, kw_only=True, forbid_unknown_fields=True):
    """A dormant-activation campaign (休眠客户激活): who, why, how, when."""

    id: str
    name: Annotated[str, Meta(min_length=1, max_length=120)]
    filter: CampaignFilter = field(default_factory=CampaignFilter)
    purpose: Purpose = Purpose.RELATIONSHIP
    channels: dict[Channel, Annotated[float, Meta(ge=0, le=1)]] = field(
        default_factory=lambda: {Channel.PHONE: 1.0}
    )
    start: date
    end: date
    daily_limit: Annotated[int, Meta(ge=1, le=500)] = 8
    status: CampaignStatus = CampaignStatus.DRAFT
    created_by: str | None = None
    created_at: datetime | None = None
    version: Version = 0

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("end: before start")
