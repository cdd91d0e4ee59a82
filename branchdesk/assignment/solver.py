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

(2) :mod:`.band` finds the smallest band half-width δ ≥ tolerance at which every client
can still be placed (repeated feasibility flows on a tiny network of eligibility
classes); the bounds ``ceil(T(1−δ)) ≤ load ≤ floor(T(1+δ))`` become lower/upper bounds
on advisor → sink. (Plans where only some clients may move refine these per advisor,
so that one book out of reach does not let the others drift; see :mod:`.band`.)

(3)+(4) One min-cost flow at the chosen bounds. Arc costs are ``move · M + skill`` with
``skill = 5 − level ∈ [0, 5]`` and ``M = 5 · clients + 1``: no amount of skill gain can
pay for a unit of move cost, so the lexicographic order is exact in integers. (With the
default move costs — a base of 10 per move outweighing the 0–6 for value and years — two
moves never cost less than one, so the cheapest plan is also one with few moves.)

Weighted balance (a client weighs its tier's weight) makes exact integer balancing a
restricted-assignment problem, which is NP-hard and not a network flow. There we solve
(2)+(3) for the relaxation in *weight units* (a client of weight w is w units; move cost
per unit scaled by lcm/w so a whole client still costs its move cost), inside the band
narrowed by ``S = Σ (w − 1)`` units on each side, then round: a second flow in whole
clients keeps each (advisor, tier) count within the floor/ceil of the relaxed one and
optimises move · M + skill. Rounding a tier's count moves a load by at most w − 1 units,
so the rounded plan stays inside the band of the δ found. That δ is optimal for the
narrowed relaxation, not necessarily for the integer problem (no polynomial-time method
is known to be).

Stability: if every client is already on an advisor who may serve them and every load is
inside the band, the plan is "nobody moves" (checked before any solve; it is also what
the solver would return, as every move costs at least 1). A plan applied is inside its
band, so a plan computed on its own output moves no one. When the band cannot be met,
count balance is still stable: the optimum δ is a property of the book, the applied plan
attains it, and keeping everyone is then feasible at zero cost. (Weighted balance outside
its band may still shift a few clients on a second run: its δ is not exact.)"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from .band import balance, bounds
from .flownet import INF, Net
from .groups import Group


@dataclass
class Solution:
    delta: float  # the widest band half-width any advisor needed (≥ tolerance)
    low: list[int]  # load bounds per receiver at that band
    high: list[int]
    stay: list[int]  # per group: how many stay with their advisor
    moves: list[list[tuple[int, int]]]  # per group: (receiver, clients) that move there
    seconds: float = 0.0
    solves: int = 0


def solve(
    groups: list[Group],
    weights: dict[int, int],
    targets: list[float],
    fixed: list[int],
    tolerance: float,
    skill: list[list[int]],
    *,
    refine: bool = False,
) -> Solution:
    """Place every group's clients; see the module docstring for the formulation.

    ``targets`` and ``fixed`` are per receiver, in load units; ``skill[need][r]`` is the
    skill cost (0 best … 5) of receiver r for a client whose main need is ``need``."""
    started = time.perf_counter()
    n = len(targets)
    low, high = bounds(targets, [tolerance] * n)
    if _keeps_band(groups, low, high, fixed):
        stay = [len(g.members) for g in groups]
        return Solution(tolerance, low, high, stay, [[] for _ in groups], seconds=0.0)
    classes: dict[tuple[int, int], int] = {}
    for g in groups:
        classes[g.mask, g.weight] = classes.get((g.mask, g.weight), 0) + g.weight * len(g.members)
    # Rounding whole clients of weight w off a relaxed solution moves a load by at most
    # w − 1 units per weight class; the relaxation keeps that much inside the band.
    slack = sum(w - 1 for w in weights.values())
    deltas, checks = balance(classes, targets, fixed, tolerance, slack, refine=refine)
    counter = [checks]
    low, high = bounds(targets, deltas)
    inner_low, inner_high = bounds(targets, deltas, slack)
    sink_low = [max(0, lo - f) for lo, f in zip(inner_low, fixed, strict=True)]
    sink_high = [hi - f for hi, f in zip(inner_high, fixed, strict=True)]
    if not slack:
        stay, moves, _ = _cost_flow(groups, skill, sink_low, sink_high, None, units=False)
        counter[0] += 1
    else:
        _, _, per_class = _cost_flow(groups, skill, sink_low, sink_high, None, units=True)
        class_bounds = {
            key: (units // weights[key[1]], -(-units // weights[key[1]]))
            for key, units in per_class.items()
        }
        stay, moves, _ = _cost_flow(groups, skill, [0] * n, [INF] * n, class_bounds, units=False)
        counter[0] += 2
    seconds = time.perf_counter() - started
    return Solution(max(deltas), low, high, stay, moves, seconds, solves=counter[0])


def _keeps_band(groups: list[Group], low: list[int], high: list[int], fixed: list[int]) -> bool:
    """True when nobody has to move: every client is on an advisor who may serve them and
    every load is inside the band. (Then keeping everyone is optimal: zero moves.)"""
    load = list(fixed)
    for g in groups:
        if g.stay is None:
            return False
        load[g.stay] += g.weight * len(g.members)
    return all(lo <= x <= hi for lo, x, hi in zip(low, load, high, strict=True))


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
    net = Net()
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
