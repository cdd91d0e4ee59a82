"""Groups of interchangeable clients: the planner's unit of work.

Two clients are interchangeable when every objective treats them alike: the same current
advisor, the same set of eligible advisors, the same main need (skill match), the same
move cost step and the same weight. 50,000 clients fall into a few thousand such groups,
so the flow network has one node per group rather than per client."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..models.assignment import BalanceBy
from .eligibility import Eligibility
from .rules import NEED_ORDER, main_need
from .snapshot import Snapshot

#: the need index of a client without preferences (every advisor matches them equally)
NO_NEED = len(NEED_ORDER)


@dataclass
class Group:
    from_id: str | None  # current advisor (None: unassigned or unknown)
    stay: int | None  # receiver index the group may stay with, if any
    mask: int  # receivers who may take it
    need: int  # index into NEED_ORDER, or NO_NEED
    cost: int  # cost of moving one client, in hundredths
    backup: int | None  # receiver index of the away advisor's backup, if eligible
    backup_cost: int
    weight: int
    wclass: int  # weight class (the tier in weighted balance, else 0)
    members: list[int] = field(default_factory=list)  # row indices, in store order


@dataclass
class Grouping:
    groups: list[Group]
    fixed: list[int]  # load each receiver keeps whatever the plan does
    unplaced: list[int]  # movable rows nobody may take (they stay put)
    weights: dict[int, int]  # weight class → weight
    masks: list[int]  # per row: the receivers who may take the client (0: nobody)
    requirements: list[tuple]  # per row
    weight_of: list[int]  # per row


def group_clients(
    snap: Snapshot, elig: Eligibility, movable: set[str] | frozenset[str] | None = None
) -> Grouping:
    """Group the movable clients; the rest (and those nobody may take) stay put and only
    count towards their advisor's load."""
    rules = snap.rules
    weighted = rules.balance == BalanceBy.WEIGHTED
    costs = [
        [rules.class_cost(band, years) for years in range(rules.years_cap + 1)]
        for band in range(len(rules.value_bands) + 1)
    ]
    bands, cap, today = rules.value_bands, rules.years_cap, snap.on.toordinal()
    tiers: dict[str, int] = {}
    profiles: dict[tuple, tuple] = {}
    fixed = [0] * len(elig.receivers)
    groups: dict[tuple, Group] = {}
    unplaced: list[int] = []
    weights: dict[int, int] = {}
    masks: list[int] = []
    reqs: list[tuple] = []
    weight_of: list[int] = []
    index, by_id = elig.index, elig.by_id
    columns = zip(
        snap.ids,
        snap.advisor_ids,
        snap.tiers,
        snap.preferences,
        snap.assets,
        snap.since,
        strict=True,
    )
    for i, (account, advisor, tier, prefs, assets, since) in enumerate(columns):
        prof = profiles.get((tier, prefs))
        if prof is None:
            req = rules.requirements(tier, prefs)
            need = main_need(prefs)
            wclass = tiers.setdefault(tier, len(tiers)) if weighted else 0
            weights[wclass] = rules.weight(tier)
            prof = (req, elig.mask(req), NEED_ORDER.index(need) if need else NO_NEED, wclass)
            profiles[(tier, prefs)] = prof
        req, mask, need, wclass = prof
        masks.append(mask)
        reqs.append(req)
        weight = weights[wclass]
        weight_of.append(weight)
        from_id = advisor if advisor in by_id else None
        here = index.get(from_id) if from_id is not None else None
        if not mask or (movable is not None and account not in movable):
            if here is not None:
                fixed[here] += weight
            if not mask and (movable is None or account in movable):
                unplaced.append(i)
            continue
        if from_id is None:
            cost = 0  # no relationship to lose
        else:
            years = (today - since) // 365 if since >= 0 else 0
            cost = costs[bisect_right(bands, assets)][min(max(years, 0), cap)]
        key = (from_id, mask, need, cost, wclass)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _new_group(key, here, elig, weight, rules)
        group.members.append(i)
    return Grouping(list(groups.values()), fixed, unplaced, weights, masks, reqs, weight_of)


def _new_group(key: tuple, here: int | None, elig: Eligibility, weight: int, rules) -> Group:
    from_id, mask, need, cost, wclass = key
    stay = here if here is not None and mask >> here & 1 else None
    backup = None
    if from_id is not None and here is None:  # the advisor is away: the book must move
        b = elig.backup_for(from_id)
        if b is not None and mask >> elig.index[b] & 1:
            backup = elig.index[b]
    return Group(
        from_id=from_id,
        stay=stay,
        mask=mask,
        need=need,
        cost=cost,
        backup=backup,
        backup_cost=rules.backup_cost(cost) if cost else 0,
        weight=weight,
        wclass=wclass,
    )
