"""A min-cost flow network with lower bounds on arcs, solved by OR-Tools'
``SimpleMinCostFlow`` (which has capacities but no lower bounds)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

INF = 1 << 40


@dataclass
class Net:
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
        return solve_arrays(
            np.asarray(self.tails, dtype=np.int32),
            np.asarray(self.heads, dtype=np.int32),
            np.asarray(self.caps, dtype=np.int64),
            np.asarray(self.costs, dtype=np.int64),
            np.asarray(self.supply, dtype=np.int64),
            np.asarray(self.lows, dtype=np.int64),
        )


def solve_arrays(
    tails: np.ndarray,
    heads: np.ndarray,
    caps: np.ndarray,
    costs: np.ndarray,
    supply: np.ndarray,
    lows: np.ndarray | None = None,
) -> np.ndarray | None:
    """The same on ready-made arrays (for networks solved many times over)."""
    if (caps < 0).any() or supply.sum() != 0:
        return None
    flow = SimpleMinCostFlow()
    if len(tails):
        flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_nodes_supplies(np.arange(len(supply), dtype=np.int32), supply)
    if flow.solve() != flow.OPTIMAL:
        return None
    if not len(tails):
        return np.zeros(0, dtype=np.int64)
    flows = flow.flows(np.arange(len(tails), dtype=np.int32))
    return flows if lows is None else flows + lows
