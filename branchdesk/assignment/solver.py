"""The rebalancing plan as min-cost flow (OR-Tools ``SimpleMinCostFlow``).

Objectives, in strict (lexicographic) order:

1. every client who has an eligible active advisor is on one;
2. each advisor's load inside the tolerance band around their capacity-proportional
   target, and where the band cannot be met, the largest deviation as small as possible;
3. the least total move cost;
4. the best skill match (the receiving advisor's level in the client's main need).

Network (one node per group of interchangeable clients, see :mod:`.groups`)::

    group ──stay (skill)───────────────────────────▶ (advisor, weight class) ─▶ advisor ─▶ sink
      │ └──backup (discounted move · M + skill)────▶        ▲                  [low, high]
      └──leave (move · M)──▶ pool(mask, need, class) ─(skill)┘

A group may only reach the advisors in its eligibility mask, so every unit of flow is an
eligible placement: (1) holds as soon as all supply is routed, which is always possible
once the band is wide enough. Pools keep the network small: the move cost is paid once on
the way into the pool, the skill cost on the way out, so a group needs 2–3 arcs instead
of one per advisor. Moving "through the pool" back to one's own advisor costs a move
and is therefore never optimal.

(2) The band at width δ gives each advisor integer load bounds
``ceil(T(1−δ)) ≤ load ≤ floor(T(1+δ))``; feasibility is monotone in δ. We test δ =
tolerance first (the usual case: one solve); otherwise bisect δ to the smallest feasible
value — the exact breakpoint, within float precision — on a tiny network of eligibility
classes (clients with the same mask are interchangeable as far as feasibility goes).
At that δ some advisor sits exactly on a bound, so the plan's largest deviation is δ.

(3)+(4) One min-cost flow at the chosen bounds. Arc costs are ``move · M + skill`` with
``skill = 5 − level ∈ [0, 5]`` and ``M = 5 · clients + 1``: no amount of skill gain can
pay for a unit of move cost, so the lexicographic order is exact in integers.

Weighted balance (a client weighs its tier's weight) makes exact integer balancing a
restricted-assignment problem, which is NP-hard and not a network flow. There we solve
(2)+(3) exactly for the relaxation in *weight units* (a client of weight w is w units;
move cost per unit scaled by lcm/w so a whole client still costs its move cost), then
round: a second flow in whole clients keeps each (advisor, tier) count within the
floor/ceil of the relaxed one and optimises move · M + skill. Each advisor's load then
differs from the relaxed optimum — a lower bound for any plan — by less than the sum of
the tier weights.

Stability: when the current assignment already satisfies the chosen bounds, keeping
everyone is feasible at zero move cost, and every move costs at least 1, so a plan
computed on its own output moves no one."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from .groups import Group

INF = 1 << 40
_EPS = 1e-9


@dataclass
class Solution:
    delta: float  # the band half-width used (≥ tolerance)
    low: list[int]  # load bounds per receiver at that band
    high: list[int]
    stay: list[int]  # per group: how many stay with their advisor
    moves: list[list[tuple[int, int]]]  # per group: (receiver, clients) that move there
    seconds: float = 0.0
    solves: int = 0


@dataclass
class _Net:
    tails: list[int] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    caps: list[int] = field(default_factory=list)
    costs: list[int] = field(default_factory=list)
    lows: list[int] = field(default_factory=list)
    supply: list[int] = field(default_factory=list)

    def node(self, supply: int = 0) -> int:
        self.supply.append(supply)
        return len(self.supply) - 1

    def arc(self, u: int, v: int, cap: int, cost: int = 0, low: int = 0) -> int:
        """An arc carrying between ``low`` and ``cap``; the lower bound is sent up front
        (node supplies adjusted), the solver sees the remaining ``cap − low``."""
        self.tails.append(u)
        self.heads.append(v)
        self.caps.append(cap - low)
        self.costs.append(cost)
        self.lows.append(low)
        self.supply[u] -= low
        self.supply[v] += low
        return len(self.tails) - 1

    def solve(self) -> np.ndarray | None:
        """Arc flows of a min-cost flow meeting every supply, or None if none exists."""
        if any(c < 0 for c in self.caps) or sum(self.supply) != 0:
            return None
        flow = SimpleMinCostFlow()
        if self.tails:
            flow.add_arcs_with_capacity_and_unit_cost(
                np.asarray(self.tails, dtype=np.int32),
                np.asarray(self.heads, dtype=np.int32),
                np.asarray(self.caps, dtype=np.int64),
                np.asarray(self.costs, dtype=np.int64),
            )
        flow.set_nodes_supplies(
            np.arange(len(self.supply), dtype=np.int32), np.asarray(self.supply, dtype=np.int64)
        )
        if flow.solve() != flow.OPTIMAL:
            return None
        if not self.tails:
            return np.zeros(0, dtype=np.int64)
        return flow.flows(np.arange(len(self.tails), dtype=np.int32)) + np.asarray(self.lows)


def bounds(targets: list[float], delta: float) -> tuple[list[int], list[int]]:
    """Integer load bounds of the band ``target · (1 ± delta)``."""
    low = [max(0, math.ceil(t * (1 - delta) - _EPS)) for t in targets]
    high = [math.floor(t * (1 + delta) + _EPS) for t in targets]
    return low, high


def solve(
    groups: list[Group],
    weights: dict[int, int],
    targets: list[float],
    fixed: list[int],
    tolerance: float,
    skill: list[list[int]],
) -> Solution:
    """Place every group's clients; see the module docstring for the formulation.

    ``targets`` and ``fixed`` are per receiver, in load units; ``skill[need][r]`` is the
    skill cost (0 best … 5) of receiver r for a client whose main need is ``need``."""
    started = time.perf_counter()
    counter = [0]
    classes: dict[tuple[int, int], int] = {}
    for g in groups:
        classes[g.mask, g.weight] = classes.get((g.mask, g.weight), 0) + g.weight * len(g.members)
    delta = _smallest_band(classes, targets, fixed, tolerance, counter)
    low, high = bounds(targets, delta)
    sink_low = [max(0, lo - f) for lo, f in zip(low, fixed, strict=True)]
    sink_high = [hi - f for hi, f in zip(high, fixed, strict=True)]
    if all(w == 1 for w in weights.values()):
        stay, moves, _ = _cost_flow(groups, skill, sink_low, sink_high, None, units=False)
        counter[0] += 1
    else:
        _, _, per_class = _cost_flow(groups, skill, sink_low, sink_high, None, units=True)
        class_bounds = {
            key: (units // weights[key[1]], -(-units // weights[key[1]]))
            for key, units in per_class.items()
        }
        n = len(targets)
        stay, moves, _ = _cost_flow(groups, skill, [0] * n, [INF] * n, class_bounds, units=False)
        counter[0] += 2
    return Solution(delta, low, high, stay, moves, time.perf_counter() - started, solves=counter[0])


def _feasible(
    classes: dict[tuple[int, int], int],
    targets: list[float],
    fixed: list[int],
    delta: float,
) -> bool:
    low, high = bounds(targets, delta)
    lo = [max(0, a - f) for a, f in zip(low, fixed, strict=True)]
    hi = [b - f for b, f in zip(high, fixed, strict=True)]
    total = sum(classes.values())
    if any(h < 0 for h in hi) or sum(lo) > total or sum(hi) < total:
        return False
    net = _Net()
    receivers = [net.node() for _ in targets]
    sink = net.node(-total)
    for (mask, _), units in classes.items():
        c = net.node(units)
        for r, node in enumerate(receivers):
            if mask >> r & 1:
                net.arc(c, node, units)
    for r, node in enumerate(receivers):
        net.arc(node, sink, hi[r], low=lo[r])
    return net.solve() is not None


def _smallest_band(
    classes: dict[tuple[int, int], int],
    targets: list[float],
    fixed: list[int],
    tolerance: float,
    counter: list[int],
) -> float:
    """The smallest δ ≥ tolerance at which every client can be placed in the band."""
    counter[0] += 1
    if not targets or _feasible(classes, targets, fixed, tolerance):
        return tolerance
    total = sum(classes.values()) + sum(fixed)
    good = max(1.0, max(total / t for t in targets if t > 0)) + 1.0
    bad = tolerance
    while good - bad > 1e-12 * good:
        mid = (good + bad) / 2
        counter[0] += 1
        if mid in (good, bad):
            break
        if _feasible(classes, targets, fixed, mid):
            good = mid
        else:
            bad = mid
    return good


def _cost_flow(
    groups: list[Group],
    skill: list[list[int]],
    sink_low: list[int],
    sink_high: list[int],
    class_bounds: dict[tuple[int, int], tuple[int, int]] | None,
    *,
    units: bool,
) -> tuple[list[int], list[list[tuple[int, int]]], dict[tuple[int, int], int]]:
    """One min-cost flow. ``units``: supplies in weight units, move cost only (the
    weighted relaxation); else whole clients with ``move · M + skill``. Returns per group
    (stays, [(receiver, moved)]) and the flow into each (receiver, weight class)."""
    net = _Net()
    total_clients = sum(len(g.members) for g in groups)
    big = 5 * total_clients + 1
    lcm = math.lcm(*{g.weight for g in groups}) if groups else 1
    receivers = [net.node() for _ in sink_low]
    sink = net.node()
    class_nodes: dict[tuple[int, int], int] = {}
    class_arcs: dict[tuple[int, int], int] = {}

    def class_node(r: int, wclass: int) -> int:
        key = (r, wclass)
        if key not in class_nodes:
            class_nodes[key] = net.node()
            lo, hi = class_bounds.get(key, (0, 0)) if class_bounds is not None else (0, INF)
            class_arcs[key] = net.arc(class_nodes[key], receivers[r], hi, low=lo)
        return class_nodes[key]

    if class_bounds is not None:
        for r, wclass in sorted(class_bounds):
            class_node(r, wclass)
    pools: dict[tuple[int, int, int], tuple[int, list[tuple[int, int]]]] = {}
    group_arcs = []
    supply_total = 0
    for g in groups:
        mult = g.weight if units else 1
        size = len(g.members) * mult
        supply_total += size
        node = net.node(size)
        per_unit = lcm // g.weight if units else big

        def skill_of(r: int, g: Group = g) -> int:
            return 0 if units else skill[g.need][r]

        stay = backup = None
        if g.stay is not None:
            stay = net.arc(node, class_node(g.stay, g.wclass), size, skill_of(g.stay))
        if g.backup is not None:
            cost = g.backup_cost * per_unit + skill_of(g.backup)
            backup = net.arc(node, class_node(g.backup, g.wclass), size, cost)
        key = (g.mask, g.need, g.wclass)
        if key not in pools:
            pool = net.node()
            out = [
                (r, net.arc(pool, class_node(r, g.wclass), INF, skill_of(r)))
                for r in range(len(receivers))
                if g.mask >> r & 1
            ]
            pools[key] = (pool, out)
        leave = net.arc(node, pools[key][0], size, g.cost * per_unit)
        group_arcs.append((stay, backup, leave, key))
    for r, node in enumerate(receivers):
        net.arc(node, sink, sink_high[r], low=sink_low[r])
    net.supply[sink] -= supply_total
    flows = net.solve()
    if flows is None:
        raise RuntimeError("no feasible assignment at the chosen band (a solver bug)")
    per_class = {key: int(flows[arc]) for key, arc in class_arcs.items()}
    if units:
        return [], [], per_class
    return (*_decode(groups, group_arcs, pools, flows), per_class)


def _decode(
    groups: list[Group],
    group_arcs: list[tuple],
    pools: dict,
    flows: np.ndarray,
) -> tuple[list[int], list[list[tuple[int, int]]]]:
    """Per group: how many stay and where the others go. Leavers of one pool are handed
    to the pool's receivers in a fixed order (they are interchangeable)."""
    stay: list[int] = []
    moves: list[list[tuple[int, int]]] = []
    leaving: dict[tuple, list[tuple[int, int]]] = {}
    for i, (g, (s, b, leave, key)) in enumerate(zip(groups, group_arcs, strict=True)):
        stay.append(int(flows[s]) if s is not None else 0)
        moves.append([(g.backup, int(flows[b]))] if b is not None and flows[b] else [])
        if flows[leave]:
            leaving.setdefault(key, []).append((i, int(flows[leave])))
    for key, wanting in leaving.items():
        outs = [[r, int(flows[arc])] for r, arc in pools[key][1] if flows[arc]]
        k = 0
        for i, count in wanting:
            while count > 0:
                r, left = outs[k]
                take = min(left, count)
                if r == groups[i].stay:
                    stay[i] += take
                else:
                    moves[i].append((r, take))
                outs[k][1] -= take
                count -= take
                if outs[k][1] == 0:
                    k += 1
    return stay, moves
