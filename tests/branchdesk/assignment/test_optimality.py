"""The plan is optimal: on random small branches its objectives — (1) eligibility,
(2) the largest deviation beyond the band, (3) move cost, (4) skill match, in that
order — equal those found by exact solvers written here (brute force; scipy's MILP)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from branchdesk.assignment.planner import compute

from .instances import Instance, active, make_instance, move_cost, objectives, placeable, skill_cost
from .instances import weight as weight_of

EPS = 1e-7


def ours(inst: Instance) -> dict[int, str]:
    plan = compute(inst.snap)
    row = {c: i for i, c in enumerate(inst.snap.ids)}
    moved = {row[m.account_id]: m.to_id for m in plan.moves}
    return {i: moved.get(i, inst.snap.advisor_ids[i]) for i in placeable(inst)}


def _key(value: tuple) -> tuple:
    return round(value[0], 9), round(value[1], 9), value[2]


def brute_force(inst: Instance) -> tuple:
    """Every assignment of the placeable clients to advisors who may serve them."""
    rows = placeable(inst)
    keys = sorted(rows)
    return min(
        (
            objectives(inst, dict(zip(keys, choice, strict=True)))
            for choice in itertools.product(*(rows[i] for i in keys))
        ),
        key=_key,
    )


def exact_milp(inst: Instance) -> tuple[float, float, float]:
    """Lexicographic optimum by three MILPs: min excess t; then min cost at that t; then
    min skill at that cost. x[i, a] = 1 when client i ends with advisor a."""
    rows = placeable(inst)
    receivers = active(inst)
    pairs = [(i, a) for i in sorted(rows) for a in rows[i]]
    n = len(pairs) + 1  # the last variable is t
    fixed = {a.id: 0 for a in receivers}
    for i, owner in enumerate(inst.snap.advisor_ids):
        if i not in rows and owner in fixed:
            fixed[owner] += weight_of(inst, i)
    total = sum(fixed.values()) + sum(weight_of(inst, i) for i in rows)
    cap = sum(a.capacity for a in receivers)
    tol = inst.rules.tolerance
    cons = []
    for i in rows:  # each placeable client on exactly one advisor
        row = np.zeros(n)
        for k, (j, _) in enumerate(pairs):
            row[k] = 1.0 if j == i else 0.0
        cons.append(LinearConstraint(row, 1, 1))
    for a in receivers:  # ±(load − T) / T − tol ≤ t
        target = total * a.capacity / cap
        load = np.zeros(n)
        for k, (i, b) in enumerate(pairs):
            if b == a.id:
                load[k] = weight_of(inst, i) / target
        base = fixed[a.id] / target - 1
        up, down = load.copy(), -load
        up[-1] = down[-1] = -1.0
        cons.append(LinearConstraint(up, -np.inf, tol - base))
        cons.append(LinearConstraint(down, -np.inf, tol + base))
    integrality = np.r_[np.ones(n - 1), 0]
    bounds = Bounds(np.zeros(n), np.r_[np.ones(n - 1), np.inf])

    def minimise(objective: np.ndarray) -> float:
        result = milp(objective, constraints=cons, integrality=integrality, bounds=bounds)
        assert result.success, result.message
        cons.append(LinearConstraint(objective, -np.inf, result.fun + EPS))
        return result.fun

    by_id = {a.id: a for a in receivers}
    t = minimise(np.r_[np.zeros(n - 1), 1.0])
    cost = minimise(np.r_[[move_cost(inst, i, a) for i, a in pairs], 0.0])
    skill = minimise(np.r_[[skill_cost(inst, i, by_id[a]) for i, a in pairs], 0.0])
    return t, cost, skill


@pytest.mark.parametrize("seed", range(40))
def test_plan_objectives_equal_brute_force_on_tiny_branches(seed: int) -> None:
    inst = make_instance(
        seed, clients=7, advisors=3 + seed % 2, tolerance=(0.0, 0.1, 0.3)[seed % 3]
    )
    assert _key(objectives(inst, ours(inst))) == _key(brute_force(inst))


@pytest.mark.parametrize("seed", range(12))
def test_plan_objectives_equal_an_exact_milp_on_small_branches(seed: int) -> None:
    inst = make_instance(
        100 + seed,
        clients=40,
        advisors=5,
        tolerance=(0.0, 0.05, 0.2)[seed % 3],
        min_skill={"stocks": 2} if seed % 2 else None,
    )
    excess, cost, skill = objectives(inst, ours(inst))
    want_excess, want_cost, want_skill = exact_milp(inst)
    assert excess == pytest.approx(want_excess, abs=1e-6)
    assert cost == pytest.approx(want_cost, abs=1e-6)
    assert skill == pytest.approx(want_skill, abs=1e-6)


@pytest.mark.parametrize("seed", range(10))
def test_weighted_balance_stays_near_the_exact_optimum(seed: int) -> None:
    """Weighted balance is NP-hard in general; the plan keeps every client eligible and its
    largest deviation within the rounding room (Σ(w−1) units) of the exact MILP optimum."""
    inst = make_instance(300 + seed, clients=40, advisors=5, tolerance=0.05, balance="weighted")
    final = ours(inst)
    excess, _, _ = objectives(inst, final)
    want, _, _ = exact_milp(inst)
    slack = sum(w - 1 for w in inst.rules.tier_weights.values())
    receivers = active(inst)
    rows = placeable(inst)
    held = sum(
        weight_of(inst, i)
        for i, owner in enumerate(inst.snap.advisor_ids)
        if i in rows or owner in {a.id for a in receivers}
    )
    smallest = held * min(a.capacity for a in receivers) / sum(a.capacity for a in receivers)
    assert excess <= want + (2 * slack + 1) / smallest + 1e-9
    assert all(final[i] in rows[i] for i in rows)
