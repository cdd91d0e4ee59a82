"""From a snapshot to a plan: group the clients, solve, and explain every move.

Pure computation on the snapshot (no store access), so the server can run it in a worker
thread. :mod:`.plans` stores, applies and undoes what comes out of here."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..models import Skill
from ..models.assignment import (
    AdvisorLoad,
    Move,
    Plan,
    PlanKind,
    PlanTotals,
    Reason,
    ReasonCode,
    Unplaceable,
)
from .band import bounds
from .eligibility import Eligibility
from .groups import Book, Grouping, group_clients, read_book
from .rules import COST_SCALE, NEED_ORDER, describe_needs, main_need
from .snapshot import Snapshot, quiet_gc
from .solver import solve

#: row → (new advisor, move cost in hundredths, to the old advisor's backup?)
Assignment = dict[int, tuple[str, int, bool]]


@dataclass(frozen=True)
class Scope:
    """What may move: everyone (None), or only some clients (a departing advisor's
    book, new clients). ``to_backup``: clients go to their advisor's backup whenever the
    backup may take them (a leave), the rest are placed by the solver."""

    movable: frozenset[str] | None = None
    to_backup: bool = False


EVERYONE = Scope()


def compute(
    snap: Snapshot,
    *,
    kind: PlanKind = PlanKind.REBALANCE,
    scope: Scope = EVERYONE,
    advisor_id: str | None = None,
    until: date | None = None,
) -> Plan:
    """A preview plan (no id yet) for ``snap``."""
    started = time.perf_counter()
    with quiet_gc():
        elig = Eligibility(snap.advisors, snap.rules, snap.on)
        book, facts = read_book(snap, elig)
        direct = _to_backups(snap, elig, book, scope) if scope.to_backup else {}
        movable = scope.movable
        if direct:
            movable = frozenset(movable or ()) - {snap.ids[i] for i in direct}
        grouping = group_clients(snap, elig, movable, (book, facts))
        for i, (to_id, _, _) in direct.items():
            grouping.fixed[elig.index[to_id]] += int(book.weight[i])
        refine = scope.movable is not None or bool(direct)
        assignment = {**direct, **_solve(snap, elig, grouping, refine)}
        loads = _loads(snap, elig, book, assignment)
        plan = Plan(
            id="",
            kind=kind,
            on=snap.on,
            balance=snap.rules.balance,
            tolerance=snap.rules.tolerance,
            advisor_id=advisor_id,
            until=until,
            basis=snap.basis,
            rules_version=snap.rules.version,
            loads=loads,
            moves=_moves(snap, elig, book, assignment, loads),
            unplaceable=[
                Unplaceable(
                    account_id=snap.ids[i],
                    advisor_id=snap.advisor_ids[i],
                    reason=Reason(
                        code=ReasonCode.NO_ELIGIBLE,
                        needs=elig.unmet(book.requirements[book.profile[i]]),
                    ),
                )
                for i in grouping.unplaced
            ],
            totals=_totals(snap, book, assignment, loads, elig, len(grouping.unplaced)),
        )
    plan.totals.solve_seconds = round(time.perf_counter() - started, 4)
    return plan


def _solve(snap: Snapshot, elig: Eligibility, grouping: Grouping, refine: bool) -> Assignment:
    receivers = elig.receivers
    n = len(receivers)
    total = sum(grouping.fixed) + sum(g.weight * len(g.members) for g in grouping.groups)
    capacity = sum(a.capacity for a in receivers)
    targets = [total * a.capacity / capacity for a in receivers] if n else []
    skill = [[5 - a.skills.get(need, 0) for a in receivers] for need in NEED_ORDER]
    skill.append([0] * n)  # no preferences: every advisor matches equally
    solution = solve(
        grouping.groups,
        grouping.weights,
        targets,
        grouping.fixed,
        snap.rules.tolerance,
        skill,
        refine=refine,
    )
    out: Assignment = {}
    for g, stay, moves in zip(grouping.groups, solution.stay, solution.moves, strict=True):
        movers = iter(g.members[stay:].tolist())  # interchangeable: the first ones stay
        for r, count in moves:
            backup = r == g.backup
            cost = g.backup_cost if backup else g.cost
            for _ in range(count):
                out[next(movers)] = (receivers[r].id, cost, backup)
    return out


def _to_backups(snap: Snapshot, elig: Eligibility, book: Book, scope: Scope) -> Assignment:
    """Rows that go straight to their away advisor's backup (leave plans)."""
    out: Assignment = {}
    rules, today = snap.rules, snap.on.toordinal()
    for i, advisor_id in enumerate(snap.advisor_ids):
        if advisor_id not in elig.away:
            continue
        if scope.movable is not None and snap.ids[i] not in scope.movable:
            continue
        backup = elig.backup_for(advisor_id)
        if backup is not None and book.may[book.profile[i], elig.index[backup]]:
            cost = rules.move_cost(snap.assets[i], snap.since[i], today)
            out[i] = (backup, rules.backup_cost(cost), True)
    return out


def book_loads(snap: Snapshot, moves: dict[int, str] | None = None) -> list[AdvisorLoad]:
    """Each advisor's load now, or after ``moves`` (row → new advisor). Targets share out
    every client an active advisor may take — including those still on an away advisor's
    book, who a rebalance would place."""
    elig = Eligibility(snap.advisors, snap.rules, snap.on)
    book, _ = read_book(snap, elig)
    counted = book.placeable | (book.here >= 0)
    assignment = {i: (to_id, 0, False) for i, to_id in (moves or {}).items()}
    return _loads(snap, elig, book, assignment, int(book.weight[counted].sum()))


def _loads(
    snap: Snapshot,
    elig: Eligibility,
    book: Book,
    assignment: Assignment,
    total: int | None = None,
) -> list[AdvisorLoad]:
    """Loads before and after; targets share ``total`` (default: what the active advisors
    hold after the plan — the solver's own targets) in proportion to capacity."""
    size = len(snap.advisors) + 1  # the last slot: no (known) advisor
    owner = np.where(book.owner >= 0, book.owner, size - 1)
    load = np.bincount(owner, weights=book.weight, minlength=size).astype(np.int64).tolist()
    count = np.bincount(owner, minlength=size).tolist()
    before = {a.id: (load[k], count[k]) for k, a in enumerate(snap.advisors)}
    after = {k: list(v) for k, v in before.items()}
    for i, (to_id, _, _) in assignment.items():
        w = int(book.weight[i])
        old = snap.advisor_ids[i]
        if old in after:
            after[old][0] -= w
            after[old][1] -= 1
        after[to_id][0] += w
        after[to_id][1] += 1
    receivers = elig.receivers
    if total is None:
        total = sum(after[a.id][0] for a in receivers)
    capacity = sum(a.capacity for a in receivers)
    targets = [total * a.capacity / capacity for a in receivers] if receivers else []
    low, high = bounds(targets, [snap.rules.tolerance] * len(targets))
    out = []
    for a in snap.advisors:
        r = elig.index.get(a.id)
        load = AdvisorLoad(
            advisor_id=a.id,
            name=a.name,
            status=a.status,
            away=r is None,
            capacity=a.capacity,
            clients_before=before[a.id][1],
            clients_after=after[a.id][1],
            before=before[a.id][0],
            after=after[a.id][0],
        )
        if r is not None and targets[r] > 0:
            t = targets[r]
            load.target = round(t, 2)
            load.band_low, load.band_high = low[r], high[r]
            load.deviation_before = round((load.before - t) / t, 4)
            load.deviation_after = round((load.after - t) / t, 4)
        out.append(load)
    return out


def _moves(
    snap: Snapshot,
    elig: Eligibility,
    book: Book,
    assignment: Assignment,
    loads: list[AdvisorLoad],
) -> list[Move]:
    by_id = {load.advisor_id: load for load in loads}
    needs: dict[tuple, Skill | None] = {}  # preferences → main need, worked out once
    profile = book.profile.tolist()
    out = []
    for i in sorted(assignment, key=snap.ids.__getitem__):
        to_id, cost, backup = assignment[i]
        raw_from = snap.advisor_ids[i]
        from_id = raw_from if raw_from in elig.by_id else None
        to = elig.by_id[to_id]
        prefs = snap.preferences[i]
        if prefs not in needs:
            need = main_need(prefs)
            needs[prefs] = Skill(need) if need else None
        skill = needs[prefs]
        reason = Reason(
            code=ReasonCode.UNASSIGNED,
            to_name=to.name,
            backup=backup,
            skill=skill,
            level=None if skill is None else to.skills.get(skill, 0),
            load_before=by_id[to_id].before,
            load_after=by_id[to_id].after,
        )
        until = None
        if from_id is not None:
            old = elig.by_id[from_id]
            reason.from_name = old.name
            if from_id in elig.away:
                reason.code = elig.away[from_id]
                if reason.code is ReasonCode.ON_LEAVE:
                    until = reason.until = old.leave_to
            elif not book.may[profile[i], elig.index[from_id]]:
                reason.code = ReasonCode.INELIGIBLE
                unmet = _unmet_by(elig, old, book.requirements[profile[i]])
                reason.needs = describe_needs(unmet)
            else:
                reason.code = ReasonCode.BALANCE
                reason.from_load = by_id[from_id].before
                reason.band_high = by_id[from_id].band_high
        out.append(
            Move(
                account_id=snap.ids[i],
                from_id=raw_from,
                to_id=to_id,
                cost=cost / COST_SCALE,
                until=until,
                reason=reason,
            )
        )
    return out


def _unmet_by(elig: Eligibility, advisor, requirements: tuple) -> tuple:
    senior, skills = requirements
    return (
        senior and not elig.meets(advisor, (True, ())),
        tuple(s for s in skills if not elig.meets(advisor, (False, (s,)))),
    )


def _totals(
    snap: Snapshot,
    book: Book,
    assignment: Assignment,
    loads: list[AdvisorLoad],
    elig: Eligibility,
    unplaceable: int,
) -> PlanTotals:
    placeable = book.placeable
    ok = book.eligible_on(book.here) & placeable
    ok_before = int(ok.sum())
    if assignment:
        rows = np.fromiter(assignment, np.int64, len(assignment))
        to = np.asarray([elig.index[v[0]] for v in assignment.values()], dtype=np.int64)
        ok[rows] = book.may[book.profile[rows], to]
    ok_after = int(ok.sum())
    n = int(placeable.sum())
    dev_before = [abs(x.deviation_before) for x in loads if x.deviation_before is not None]
    dev_after = [abs(x.deviation_after) for x in loads if x.deviation_after is not None]
    return PlanTotals(
        clients=len(snap),
        moves=len(assignment),
        cost=round(sum(c for _, c, _ in assignment.values()) / COST_SCALE, 2),
        spread_before=max(dev_before, default=0.0),
        spread_after=max(dev_after, default=0.0),
        eligible_before=round(ok_before / n, 6) if n else 1.0,
        eligible_after=round(ok_after / n, 6) if n else 1.0,
        unplaceable=unplaceable,
    )
