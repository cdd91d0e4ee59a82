"""The assignment rules (a versioned rule set the manager edits) and the two numbers they
give each client: what moving them costs, and which of their needs an advisor's skill is
matched on.

Move cost is deliberately a step function (asset band, whole years with the advisor):
clients in the same step are interchangeable for the planner, which is what lets 50,000
clients collapse into a few thousand groups (see :mod:`.groups`)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Annotated, ClassVar

from msgspec import Meta, field

from ..models import AdvisorLevel, Money, RuleSet, Skill, Tier
from ..models.assignment import BalanceBy
from ..models.common import Ratio
from ..rules import register

Level = Annotated[int, Meta(ge=0, le=5)]
Weight = Annotated[int, Meta(ge=1, le=10)]
Points = Annotated[float, Meta(ge=0, le=100)]

#: a client's *main need* is their most specialised preference, in this order; the
#: skill-match objective compares advisors on it
NEED_ORDER = (
    Skill.OPTIONS,
    Skill.MARGIN,
    Skill.BONDS,
    Skill.WEALTH,
    Skill.FUNDS,
    Skill.STOCKS,
)
SENIOR_LEVELS = frozenset({AdvisorLevel.SENIOR, AdvisorLevel.CERTIFIED})
#: move costs are compared in hundredths, as integers, inside the solver
COST_SCALE = 100


def _default_weights() -> dict[Tier, int]:
    return {Tier.CORE: 3, Tier.INSTITUTION: 3, Tier.IMPORTANT: 2, Tier.GENERAL: 1}


@register
class AssignmentRules(RuleSet, kw_only=True):
    """Who may serve whom, what "balanced" means and what a move costs (存量客户分配)."""

    NAME: ClassVar[str] = "assignment"
    #: a client who prefers X goes only to an advisor with skill X at this level or more
    min_skill: dict[Skill, Level] = field(default_factory=dict)
    #: tiers served only by senior or certified advisors
    senior_tiers: list[Tier] = field(default_factory=lambda: [Tier.CORE, Tier.INSTITUTION])
    #: suitability: a client who trades these goes only to an advisor who has the skill
    suitability: list[Skill] = field(default_factory=lambda: [Skill.MARGIN, Skill.OPTIONS])
    balance: BalanceBy = BalanceBy.COUNT
    tier_weights: dict[Tier, Weight] = field(default_factory=dict)
    #: the band around each advisor's capacity-proportional target, as a share of it
    tolerance: Ratio = 0.05
    #: move cost = base + per_band × asset band + per_year × whole years with the advisor.
    #: The base outweighs the rest (at most 4 + 2 by default), so two moves never cost
    #: less than one: a plan makes the fewest moves, and picks the cheapest clients to move.
    move_cost_base: Points = 10.0
    move_cost_per_band: Points = 1.0
    value_bands: list[Money] = field(
        default_factory=lambda: [100_000.0, 500_000.0, 1_000_000.0, 5_000_000.0]
    )
    move_cost_per_year: Points = 0.2
    years_cap: Annotated[int, Meta(ge=0, le=50)] = 10
    #: moving to the old advisor's backup (when the book must move) takes this share off
    #: the value-and-years part of the cost (not the base: a backup never justifies a move)
    backup_discount: Ratio = 0.5
    handover_days: Annotated[int, Meta(ge=0, le=60)] = 3

    def __post_init__(self) -> None:
        self.tier_weights = {**_default_weights(), **self.tier_weights}
        if self.value_bands != sorted(self.value_bands):
            raise ValueError("value_bands: must be in increasing order")
        if len(self.value_bands) > 10:
            raise ValueError("value_bands: at most 10 bands")

    # -- the numbers of one client ---------------------------------------------------------
    def weight(self, tier: Tier | str) -> int:
        if self.balance == BalanceBy.COUNT:
            return 1
        return self.tier_weights[Tier(tier)]

    def class_cost(self, band: int, years: int) -> int:
        """Move cost of a step, in hundredths (the solver's integer unit)."""
        points = self.move_cost_base + self.move_cost_per_band * band
        points += self.move_cost_per_year * years
        return max(1, round(points * COST_SCALE))  # every move costs something

    def move_cost(self, assets: float, since: int, on: int) -> int:
        """Cost of moving a client with ``assets`` who has been with their advisor since
        day ordinal ``since`` (−1: unknown), on day ordinal ``on``, in hundredths."""
        years = (on - since) // 365 if since >= 0 else 0
        return self.class_cost(
            bisect_right(self.value_bands, assets), min(max(years, 0), self.years_cap)
        )

    def backup_cost(self, cost: int) -> int:
        """The cost of the same move to the old advisor's backup."""
        base = max(1, round(self.move_cost_base * COST_SCALE))
        return max(1, base + round(max(0, cost - base) * (1 - self.backup_discount)))

    def requirements(self, tier: str, preferences: tuple[str, ...]) -> tuple:
        """What an advisor must have to take the client: (senior?, ((skill, level)…))."""
        needs = {}
        for p in preferences:
            level = self.min_skill.get(Skill(p), 0)
            if Skill(p) in self.suitability:
                level = max(level, 1)
            if level:
                needs[p] = level
        return Tier(tier) in self.senior_tiers, tuple(sorted(needs.items()))


def main_need(preferences: tuple[str, ...]) -> Skill | None:
    for skill in NEED_ORDER:
        if skill in preferences:
            return skill
    return None


def describe_needs(requirements: tuple) -> list[str]:
    """Requirements as short tokens for reasons: ``["senior", "options>=1"]``."""
    senior, skills = requirements
    return (["senior"] if senior else []) + [f"{s}>={level}" for s, level in skills]
