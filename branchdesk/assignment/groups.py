"""Groups of interchangeable clients: the planner's unit of work.

Two clients are interchangeable when every objective treats them alike: the same current
advisor, the same set of eligible advisors, the same main need (skill match), the same
move cost step and the same weight. 50,000 clients fall into a few thousand such groups,
so the flow network has one node per group rather than per client.

The per-client work is done on numpy columns: a Python loop over 50,000 clients costs
more than the whole solve."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

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
    members: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


@dataclass
class Book:
    """Per client (row), as arrays: who holds them, who may take them, their weight.
    A *profile* is a (tier, preferences) pair: everything eligibility depends on."""

    owner: np.ndarray  # index into snap.advisors, −1 for none or unknown
    here: np.ndarray  # receiver index of the current advisor, −1 when away/none
    profile: np.ndarray  # per row
    weight: np.ndarray  # per row
    requirements: list[tuple]  # per profile
    masks: list[int]  # per profile: bit r set when receiver r may serve it
    may: np.ndarray  # profiles × receivers, bool: the same as a matrix

    @property
    def placeable(self) -> np.ndarray:
        """True where some active advisor may serve the client."""
        return self.may.any(axis=1)[self.profile] if len(self.profile) else self.profile > 0

    def eligible_on(self, receiver: np.ndarray) -> np.ndarray:
        """True where receiver (−1: none) may serve the client of that row."""
        ok = self.may[self.profile, np.maximum(receiver, 0)] if self.may.size else receiver > 0
        return (receiver >= 0) & ok


@dataclass
class Grouping:
    book: Book
    groups: list[Group]
    fixed: list[int]  # load each receiver keeps whatever the plan does
    unplaced: list[int]  # movable rows nobody may take (they stay put)
    weights: dict[int, int]  # weight class → weight


def read_book(snap: Snapshot, elig: Eligibility) -> tuple[Book, dict]:
    """The clients as arrays, and per profile (tier, preferences) its facts."""
    rules = snap.rules
    weighted = rules.balance == BalanceBy.WEIGHTED
    code = {a.id: i for i, a in enumerate(snap.advisors)}
    receiver_of = np.asarray([elig.index.get(a.id, -1) for a in snap.advisors] + [-1])
    owner = np.fromiter((code.get(a, -1) for a in snap.advisor_ids), np.int64, len(snap))
    profiles: dict[tuple, int] = {}
    pairs = zip(snap.tiers, snap.preferences, strict=True)
    profile = np.fromiter(
        (profiles.setdefault(k, len(profiles)) for k in pairs), np.int64, len(snap)
    )
    tiers: dict[str, int] = {}
    facts: dict[str, list] = {
        "requirements": [],
        "mask": [],
        "need": [],
        "wclass": [],
        "weight": [],
    }
    for tier, prefs in profiles:
        req = rules.requirements(tier, prefs)
        need = main_need(prefs)
        facts["requirements"].append(req)
        facts["mask"].append(elig.mask(req))
        facts["need"].append(NEED_ORDER.index(need) if need else NO_NEED)
        facts["wclass"].append(tiers.setdefault(tier, len(tiers)) if weighted else 0)
        facts["weight"].append(rules.weight(tier))
    n = len(elig.receivers)
    may = np.asarray(
        [[bool(m >> r & 1) for r in range(n)] for m in facts["mask"]], dtype=bool
    ).reshape(len(profiles), n)
    weights = np.asarray(facts["weight"], dtype=np.int64)
    weight = weights[profile] if len(profiles) else np.zeros(0, dtype=np.int64)
    book = Book(
        owner, receiver_of[owner], profile, weight, facts["requirements"], facts["mask"], may
    )
    return book, facts


def group_clients(
    snap: Snapshot,
    elig: Eligibility,
    movable: set[str] | frozenset[str] | None = None,
    book: tuple[Book, dict] | None = None,
) -> Grouping:
    """Group the movable clients; the rest (and those nobody may take) stay put and only
    count towards their advisor's load. ``book``: :func:`read_book`'s answer, if known."""
    rules = snap.rules
    book_, per_profile = book or read_book(snap, elig)
    n = len(elig.receivers)
    if movable is None:
        can_move = np.ones(len(snap), dtype=bool)
    else:
        can_move = np.fromiter((a in movable for a in snap.ids), bool, len(snap))
    placeable = book_.placeable
    grouped = can_move & placeable
    stays = ~grouped & (book_.here >= 0)
    fixed = np.bincount(book_.here[stays], weights=book_.weight[stays], minlength=n)
    unplaced = np.flatnonzero(can_move & ~placeable).tolist()
    # move cost per client, from its step (asset band, whole years with the advisor)
    table = np.asarray(
        [
            [rules.class_cost(band, years) for years in range(rules.years_cap + 1)]
            for band in range(len(rules.value_bands) + 1)
        ],
        dtype=np.int64,
    )
    band = np.searchsorted(np.asarray(rules.value_bands, dtype=float), snap.assets, "right")
    since = np.asarray(snap.since, dtype=np.int64)
    years = np.where(since >= 0, (snap.on.toordinal() - since) // 365, 0)
    cost = table[band, np.clip(years, 0, rules.years_cap)]
    cost[book_.owner < 0] = 0  # no relationship to lose
    # one key per group: owner, (mask, need, weight class) class, cost
    klass = {}
    class_of_profile = np.asarray(
        [
            klass.setdefault(key, len(klass))
            for key in zip(
                per_profile["mask"], per_profile["need"], per_profile["wclass"], strict=True
            )
        ]
        or [0],
        dtype=np.int64,
    )
    rows = np.flatnonzero(grouped)
    key = (book_.owner[rows] + 1) << 40 | class_of_profile[book_.profile[rows]] << 24 | cost[rows]
    keys, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    members = np.split(rows[np.argsort(inverse, kind="stable")], np.cumsum(counts)[:-1])
    if not len(rows):
        members = []  # np.split of nothing is one empty piece
    classes = list(klass)
    weight_of_class = {}
    groups = []
    for k, rows_of in zip(keys.tolist(), members, strict=True):
        owner = (k >> 40) - 1
        mask, need, wclass = classes[(k >> 24) & 0xFFFF]
        first = rows_of[0]
        weight = int(book_.weight[first])
        weight_of_class[wclass] = weight
        group = _new_group(
            snap.advisors[owner].id if owner >= 0 else None,
            int(book_.here[first]),
            mask,
            need,
            k & 0xFFFFFF,
            wclass,
            weight,
            elig,
            rules,
        )
        group.members = rows_of
        groups.append(group)
    return Grouping(book_, groups, [int(x) for x in fixed], unplaced, weight_of_class)


def _new_group(
    from_id: str | None,
    here: int,
    mask: int,
    need: int,
    cost: int,
    wclass: int,
    weight: int,
    elig: Eligibility,
    rules,
) -> Group:
    stay = here if here >= 0 and mask >> here & 1 else None
    backup = None
    if from_id is not None and here < 0:  # the advisor is away: the book must move
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
