"""Objective (2), balance: the load bounds each advisor must keep.

An advisor with target T kept within a band of half-width δ holds between
``ceil(T(1−δ))`` and ``floor(T(1+δ))`` load units. Whether every client can still be
placed with given bounds is one small flow (clients with the same eligibility mask are
interchangeable here, so the network has a node per mask, not per group).

If the tolerance band fits everyone, that is the answer. Otherwise bisect the smallest
δ at which every client can still be placed (monotone: wider bands only add room): the
largest deviation is then as small as possible — exactly, up to float precision — and
every advisor gets the bounds of that δ.

When only some clients may move (a departure, a leave, new clients), other books can be
out of band for reasons no move can fix, and one bad book would let the plan ignore every
other. There the bounds are refined round by round (progressive filling): the advisors
whose bounds cannot be tightened below the current δ — the bottleneck — keep it; the
others go round again with the bottleneck frozen, until the rest fit the tolerance band.
New clients thus fill the emptiest books first. When several advisors tie (none is the
bottleneck alone — two share one extra client, say) they all keep that δ: the largest
deviation is still exact, the later rounds are a good heuristic rather than a proof."""

from __future__ import annotations

import math

import numpy as np

from .flownet import solve_arrays

_EPS = 1e-9  # relative: absorbs float noise as if delta were a hair larger


def band(target: float, delta: float, slack: int = 0) -> tuple[int, int]:
    """Integer load bounds of ``target · (1 ± delta)``, narrowed by ``slack`` on each
    side (room for rounding in weighted balance). The same relative epsilon on both
    sides makes every advisor's bounds change at exactly the same delta."""
    low = max(0, math.ceil(target * (1 - delta - _EPS)))
    high = math.floor(target * (1 + delta + _EPS))
    if slack:
        low, high = (low + slack if low else 0), high - slack
    return low, high


def bounds(
    targets: list[float], deltas: list[float], slack: int = 0
) -> tuple[list[int], list[int]]:
    pairs = [band(t, d, slack) for t, d in zip(targets, deltas, strict=True)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


class Feasibility:
    """Can every client be placed if each receiver's load stays within given bounds?"""

    def __init__(self, classes: dict[tuple[int, int], int], fixed: list[int]) -> None:
        n = len(fixed)
        self.n, self.fixed = n, np.asarray(fixed, dtype=np.int64)
        self.total = sum(classes.values())
        tails, heads, caps = [], [], []
        supply = [0] * n + [-self.total]  # receivers 0…n−1, the sink n, then classes
        for (mask, _), units in classes.items():
            node = len(supply)
            supply.append(units)
            for r in range(n):
                if mask >> r & 1:
                    tails.append(node)
                    heads.append(r)
                    caps.append(units)
        tails += list(range(n))  # receiver → sink arcs come last
        heads += [n] * n
        self.tails = np.asarray(tails, dtype=np.int32)
        self.heads = np.asarray(heads, dtype=np.int32)
        self.caps = np.asarray(caps + [0] * n, dtype=np.int64)
        self.costs = np.zeros(len(tails), dtype=np.int64)
        self.supply = np.asarray(supply, dtype=np.int64)
        self.checks = 0

    def __call__(self, low: list[int], high: list[int]) -> bool:
        self.checks += 1
        lo = np.maximum(0, np.asarray(low, dtype=np.int64) - self.fixed)
        hi = np.asarray(high, dtype=np.int64) - self.fixed
        if (hi < lo).any() or lo.sum() > self.total or hi.sum() < self.total:
            return False
        caps = self.caps.copy()
        caps[-self.n :] = hi - lo
        supply = self.supply.copy()
        supply[: self.n] -= lo  # lower bounds sent up front
        supply[self.n] += lo.sum()
        return solve_arrays(self.tails, self.heads, caps, self.costs, supply) is not None


def balance(
    classes: dict[tuple[int, int], int],
    targets: list[float],
    fixed: list[int],
    tolerance: float,
    slack: int = 0,
    *,
    refine: bool = False,
) -> tuple[list[float], int]:
    """Per receiver, the band half-width δ it must keep (≥ tolerance), and the number of
    feasibility checks it took. ``refine``: progressive filling (see above)."""
    n = len(targets)
    check = Feasibility(classes, fixed)
    deltas: list[float | None] = [None] * n
    room = check.total + sum(fixed) + 2 * slack
    # wide enough for anything: no lower bound, room for every client anywhere
    ceiling = max([1.0] + [room / t for t in targets if t > 0]) + 1.0

    def feasible(trial: list[float]) -> bool:
        return check(*bounds(targets, trial, slack))

    free = list(range(n))
    while free:
        trial = [tolerance if d is None else d for d in deltas]
        if feasible(trial):
            break
        good, bad = ceiling, tolerance
        while good - bad > 1e-12 * good:
            mid = (good + bad) / 2
            if mid in (good, bad):
                break
            trial = [mid if d is None else d for d in deltas]
            good, bad = (mid, bad) if feasible(trial) else (good, mid)
        if not refine:
            return [good] * n, check.checks
        at_good = [good if d is None else d for d in deltas]
        moving = [a for a in free if band(targets[a], bad, slack) != band(targets[a], good, slack)]
        critical = []
        for a in moving:
            trial = list(at_good)
            trial[a] = bad
            if not feasible(trial):
                critical.append(a)
        for a in critical or moving:
            deltas[a] = good
        free = [a for a in free if deltas[a] is None]
        ceiling = good
    return [tolerance if d is None else d for d in deltas], check.checks
