"""Random small branches and an independent statement of the objectives, written from the
rules in DOMAIN.md and the rule set's documented fields — not from the planner's code —
so the tests can check the planner against solvers that share nothing with it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from branchdesk.assignment.rules import AssignmentRules
from branchdesk.assignment.snapshot import Snapshot
from branchdesk.models import Advisor, AdvisorLevel, AdvisorStatus, Skill

ON = date(2026, 11, 25)
SKILLS = ["stocks", "funds", "bonds", "margin", "options", "wealth"]
NEED_ORDER = ["options", "margin", "bonds", "wealth", "funds", "stocks"]
TIERS = ["general", "important", "core", "institution"]


@dataclass
class Instance:
    advisors: list[Advisor]
    snap: Snapshot

    @property
    def rules(self) -> AssignmentRules:
        return self.snap.rules


def make_instance(
    seed: int,
    *,
    clients: int,
    advisors: int,
    tolerance: float,
    balance: str = "count",
    min_skill: dict | None = None,
) -> Instance:
    rng = random.Random(seed)
    people = []
    for k in range(advisors):
        status = AdvisorStatus.ACTIVE
        if k == advisors - 1 and rng.random() < 0.7:
            status = rng.choice([AdvisorStatus.DEPARTED, AdvisorStatus.ON_LEAVE])
        skills = {Skill(s): rng.randint(1, 5) for s in SKILLS if rng.random() < 0.6}
        people.append(
            Advisor(
                id=f"A{k + 1}",
                name=f"顾问{k + 1}",
                level=rng.choice(list(AdvisorLevel)),
                skills=skills,
                capacity=rng.choice([0.5, 1.0, 1.0]),
                status=status,
                leave_from=ON - timedelta(days=3) if status is AdvisorStatus.ON_LEAVE else None,
                leave_to=ON + timedelta(days=20) if status is AdvisorStatus.ON_LEAVE else None,
                backup_id=f"A{(k + 1) % advisors + 1}" if advisors > 1 else None,
            )
        )
    rules = AssignmentRules(
        tolerance=tolerance,
        balance=balance,
        min_skill=min_skill or {},  # type: ignore[arg-type]
    )
    rules = _normalise(rules)
    ids, owners, tiers, prefs, assets, since = [], [], [], [], [], []
    for i in range(clients):
        ids.append(f"C{i:04d}")
        owners.append(rng.choice([p.id for p in people] + [None]))
        tiers.append(rng.choice(TIERS))
        prefs.append(tuple(s for s in SKILLS if rng.random() < 0.3))
        assets.append(rng.choice([5e4, 2e5, 7e5, 2e6, 8e6]))
        since.append((ON - timedelta(days=rng.randint(0, 4000))).toordinal())
    snap = Snapshot(ON, rules, people, ids, owners, tiers, prefs, assets, since, basis="test")
    return Instance(people, snap)


def _normalise(rules: AssignmentRules) -> AssignmentRules:
    # round-trip so enums and defaults are what the store would give
    import msgspec

    return msgspec.convert(msgspec.to_builtins(rules), AssignmentRules)


# -- the objectives, stated independently -------------------------------------------------
def active(inst: Instance) -> list[Advisor]:
    out = []
    for a in inst.advisors:
        away = a.status is AdvisorStatus.DEPARTED or (
            a.status is AdvisorStatus.ON_LEAVE and a.leave_from <= ON <= a.leave_to
        )
        if not away and a.capacity > 0:
            out.append(a)
    return out


def may_serve(inst: Instance, a: Advisor, i: int) -> bool:
    r = inst.rules
    if inst.snap.tiers[i] in r.senior_tiers and a.level not in ("senior", "certified"):
        return False
    for p in inst.snap.preferences[i]:
        need = max(r.min_skill.get(p, 0), 1 if p in r.suitability else 0)
        if a.skills.get(p, 0) < need:
            return False
    return True


def weight(inst: Instance, i: int) -> int:
    return 1 if inst.rules.balance == "count" else inst.rules.tier_weights[inst.snap.tiers[i]]


def move_cost(inst: Instance, i: int, to: str) -> float:
    """DOMAIN: grows with value and length of relationship; backups cheaper when the book
    must move. Written from the rule set's fields (base + per band + per year)."""
    snap, r = inst.snap, inst.rules
    owner = snap.advisor_ids[i]
    if owner == to:
        return 0.0
    if owner is None:
        return 0.0
    band = sum(1 for b in r.value_bands if snap.assets[i] >= b)
    years = min(r.years_cap, (ON.toordinal() - snap.since[i]) // 365)
    extra = r.move_cost_per_band * band + r.move_cost_per_year * years
    receivers = {a.id for a in active(inst)}
    if owner not in receivers and to == backup_of(inst, owner):
        extra *= 1 - r.backup_discount  # backups are preferred, the base still counts
    return r.move_cost_base + extra


def backup_of(inst: Instance, advisor_id: str) -> str | None:
    by_id = {a.id: a for a in inst.advisors}
    receivers = {a.id for a in active(inst)}
    seen, cur = set(), by_id.get(advisor_id)
    while cur is not None and cur.id not in seen:
        seen.add(cur.id)
        nxt = by_id.get(cur.backup_id) if cur.backup_id else None
        if nxt is not None and nxt.id in receivers:
            return nxt.id
        cur = nxt
    return None


def skill_cost(inst: Instance, i: int, to: Advisor) -> int:
    prefs = inst.snap.preferences[i]
    need = next((s for s in NEED_ORDER if s in prefs), None)
    return 0 if need is None else 5 - to.skills.get(need, 0)


def objectives(inst: Instance, final: dict[int, str]) -> tuple[float, float, int]:
    """(largest deviation beyond the band, total move cost, total skill cost) of a final
    assignment (row → advisor) of the placeable clients."""
    receivers = active(inst)
    ids = {a.id for a in receivers}
    load = {a.id: 0 for a in receivers}
    for i, owner in enumerate(inst.snap.advisor_ids):
        target = final.get(i, owner)
        if target in ids:
            load[target] += weight(inst, i)
    total = sum(load.values())
    cap = sum(a.capacity for a in receivers)
    excess = []
    for a in receivers:
        t = total * a.capacity / cap
        if t > 0:
            excess.append(max(0.0, abs(load[a.id] - t) / t - inst.rules.tolerance))
    by_id = {a.id: a for a in receivers}
    cost = sum(move_cost(inst, i, to) for i, to in final.items())
    skill = sum(skill_cost(inst, i, by_id[to]) for i, to in final.items())
    return max(excess, default=0.0), cost, skill


def placeable(inst: Instance) -> dict[int, list[str]]:
    """Row → the active advisors who may serve the client (only rows with at least one)."""
    receivers = active(inst)
    out = {}
    for i in range(len(inst.snap.ids)):
        ok = [a.id for a in receivers if may_serve(inst, a, i)]
        if ok:
            out[i] = ok
    return out
