"""Fair reassignment (issue 6): our whole-book plan against the routing rules of today's CRMs,
on 50,000 clients × 40 advisors (skewed books, 2 departed, 1 on leave), in one run.

- **ours**: from the store to a stored preview — snapshot, groups, min-cost flow (OR-Tools),
  every move with its reason, the plan document journaled.
- **round-robin** (Odoo's lead assignment): the clients that must move — orphans of the
  departed and the on-leave advisor, clients whose advisor may not serve them, and each
  over-band book's excess — are dealt to the advisors in turn (skipping one who may not
  serve the client, which Odoo would not even do).
- **least-loaded** (Zendesk / Omni-Channel style): the same clients, one at a time, each to
  the eligible advisor with the lowest load against target.

Both baselines get the same goal (eligibility, the ±5% band) and the same starting book;
they pick which clients leave an over-band book in list order, as a CRM would. Every figure
is measured by one evaluator on the final assignment."""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data" / "assign-50k"
OUT = ROOT / "bench" / ".out"
AS_OF = date(2026, 11, 25)
RUNS = 5


def book() -> Path:
    """The 50,000-client book, built once (about two minutes) and kept in bench-data/."""
    if not (DATA / "format.json").exists():
        from fixtures.branch import BranchSpec
        from fixtures.demo import create_demo

        print(f"building the 50,000-client book in {DATA} (once) …", flush=True)
        spec = BranchSpec(clients=50_000, advisors=40, tasks=0, as_of=AS_OF)
        create_demo(DATA, spec, staff=False)
    return DATA


PARTS: dict[str, list[float]] = {"snapshot": [], "plan": [], "store": []}


def ours(store) -> tuple[float, dict[int, str], object]:
    from branchdesk.assignment import save_preview
    from branchdesk.assignment.planner import compute
    from branchdesk.assignment.snapshot import take

    clock = time.perf_counter
    started = clock()
    snap = take(store, AS_OF)
    took_snapshot = clock()
    plan = compute(snap)
    took_plan = clock()
    save_preview(store, plan, actor="bench")
    done = clock()
    PARTS["snapshot"].append(took_snapshot - started)
    PARTS["plan"].append(took_plan - took_snapshot)
    PARTS["store"].append(done - took_plan)
    row = {account: i for i, account in enumerate(snap.ids)}
    return done - started, {row[m.account_id]: m.to_id for m in plan.moves}, snap


def _must_move(snap, elig, masks: list[int]) -> tuple[list[int], dict[str, int], list[float]]:
    """What a CRM rule would re-route: orphans, ineligible placements, over-band excess
    (the last clients of each over-loaded book, in list order)."""
    from branchdesk.assignment.band import bounds

    receivers = elig.receivers
    held = sum(1 for i, m in enumerate(masks) if m or snap.advisor_ids[i] in elig.index)
    capacity = sum(a.capacity for a in receivers)
    targets = [held * a.capacity / capacity for a in receivers]
    _, high = bounds(targets, [snap.rules.tolerance] * len(targets))
    pool, books = [], {a.id: [] for a in receivers}
    for i, (owner, mask) in enumerate(zip(snap.advisor_ids, masks, strict=True)):
        r = elig.index.get(owner)  # type: ignore[arg-type]
        if not mask:
            continue  # nobody may take them: they stay
        if r is None or not mask >> r & 1:
            pool.append(i)
        else:
            books[owner].append(i)
    load = {}
    for a, hi in zip(receivers, high, strict=True):
        keep = books[a.id][:hi]
        pool += books[a.id][hi:]
        load[a.id] = len(keep)
    return pool, load, targets


def _masks(snap, elig) -> list[int]:
    cache: dict[tuple, int] = {}
    out = []
    for key in zip(snap.tiers, snap.preferences, strict=True):
        if key not in cache:
            cache[key] = elig.mask(snap.rules.requirements(*key))
        out.append(cache[key])
    return out


def round_robin(store) -> tuple[float, dict[int, str], object]:
    from branchdesk.assignment.eligibility import Eligibility
    from branchdesk.assignment.snapshot import take

    started = time.perf_counter()
    snap = take(store, AS_OF)
    elig = Eligibility(snap.advisors, snap.rules, AS_OF)
    masks = _masks(snap, elig)
    pool, _, _ = _must_move(snap, elig, masks)
    n, turn, final = len(elig.receivers), 0, {}
    for i in pool:
        for step in range(n):
            r = (turn + step) % n
            if masks[i] >> r & 1:
                final[i] = elig.receivers[r].id
                turn = r + 1
                break
    return time.perf_counter() - started, _changed(snap, final), snap


def least_loaded(store) -> tuple[float, dict[int, str], object]:
    from branchdesk.assignment.eligibility import Eligibility
    from branchdesk.assignment.snapshot import take

    started = time.perf_counter()
    snap = take(store, AS_OF)
    elig = Eligibility(snap.advisors, snap.rules, AS_OF)
    masks = _masks(snap, elig)
    pool, load, targets = _must_move(snap, elig, masks)
    ids = [a.id for a in elig.receivers]
    final = {}
    for i in pool:
        eligible = [r for r in range(len(ids)) if masks[i] >> r & 1]
        r = min(eligible, key=lambda r: load[ids[r]] / targets[r])
        load[ids[r]] += 1
        final[i] = ids[r]
    return time.perf_counter() - started, _changed(snap, final), snap


def _changed(snap, final: dict[int, str]) -> dict[int, str]:
    return {i: a for i, a in final.items() if a != snap.advisor_ids[i]}


def evaluate(snap, moves: dict[int, str]) -> dict[str, float]:
    """One yardstick for every method: the book after ``moves`` (row → new advisor)."""
    from branchdesk.assignment.eligibility import Eligibility
    from branchdesk.assignment.rules import COST_SCALE

    rules = snap.rules
    elig = Eligibility(snap.advisors, rules, AS_OF)
    masks = _masks(snap, elig)
    receivers = elig.receivers
    load = {a.id: 0 for a in receivers}
    placeable = ok = 0
    cost = 0
    today = AS_OF.toordinal()
    for i, (owner, mask) in enumerate(zip(snap.advisor_ids, masks, strict=True)):
        now_with = moves.get(i, owner)
        if now_with in load:
            load[now_with] += 1
        if mask:
            placeable += 1
            r = elig.index.get(now_with)  # type: ignore[arg-type]
            ok += r is not None and mask >> r & 1
        if i in moves and owner in elig.by_id:
            c = rules.move_cost(snap.assets[i], snap.since[i], today)
            if owner in elig.away and moves[i] == elig.backup_for(owner):
                c = rules.backup_cost(c)
            cost += c
    total, capacity = sum(load.values()), sum(a.capacity for a in receivers)
    deviation = max(
        abs(load[a.id] - total * a.capacity / capacity) / (total * a.capacity / capacity)
        for a in receivers
    )
    from branchdesk.assignment.band import bounds

    targets = [total * a.capacity / capacity for a in receivers]
    low, high = bounds(targets, [rules.tolerance] * len(targets))
    outside = sum(
        not lo <= load[a.id] <= hi for a, lo, hi in zip(receivers, low, high, strict=True)
    )
    return {
        "max_deviation": deviation,
        "outside_band": outside,
        "eligible_share": ok / placeable,
        "moves": len(moves),
        "move_cost": cost / COST_SCALE,
    }


def main() -> None:
    from branchdesk.schema import open_store

    source = book()
    methods = {
        "ours (min-cost flow)": ours,
        "round-robin": round_robin,
        "least-loaded greedy": least_loaded,
    }
    times: dict[str, list[float]] = {name: [] for name in methods}
    outcome: dict[str, tuple] = {}
    with tempfile.TemporaryDirectory() as tmp:
        # rounds interleave the methods, so a noisy neighbour slows them all alike
        for _ in range(RUNS):
            for name, method in methods.items():
                folder = Path(tmp) / "book"
                shutil.rmtree(folder, ignore_errors=True)
                shutil.copytree(source, folder, ignore=shutil.ignore_patterns("lock"))
                store = open_store(folder)
                try:
                    seconds, moves, snap = method(store)
                finally:
                    store.close(compact=False)
                times[name].append(seconds)
                outcome[name] = (snap, moves)
    results = {
        name: {
            "seconds_median": statistics.median(times[name]),
            "seconds_min": min(times[name]),
            **evaluate(*outcome[name]),
        }
        for name in methods
    }
    _print(results, len(snap.ids), len(snap.advisors))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "assignment.json").write_text(json.dumps(results, indent=2))
    sys.exit(0 if _verdict(results) else 1)


def _print(results: dict[str, dict], clients: int, advisors: int) -> None:
    print(f"{clients:,} clients × {advisors} advisors; time: median of {RUNS} runs (best)")
    head = (
        f"{'method':<22}{'time s':>16}{'max dev':>9}{'off band':>9}{'eligible':>10}"
        f"{'moves':>8}{'move cost':>11}"
    )
    print(head)
    print("-" * len(head))
    for name, r in results.items():
        took = f"{r['seconds_median']:.3f} ({r['seconds_min']:.3f})"
        print(
            f"{name:<22}{took:>16}{r['max_deviation']:>9.2%}{r['outside_band']:>9}"
            f"{r['eligible_share']:>10.2%}{r['moves']:>8,}{r['move_cost']:>11,.1f}"
        )
    parts = ", ".join(f"{k} {statistics.median(v):.3f} s" for k, v in PARTS.items())
    print(f"ours, end to end = {parts} (medians); off band = advisors outside ±5% of target")
    try:
        import os

        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    except OSError:
        pass


def _verdict(results: dict[str, dict]) -> bool:
    """Balance is judged against the band (the objective: every book within ±5% of its
    target); moves are compared with the baselines that reach the same balance — a
    method that leaves books off band has not done the same job with its fewer moves."""
    ours_r = next(iter(results.values()))
    checks = [
        # best of the runs, as timeit does: a busy neighbour only ever adds time
        ("plan ≤ 1 s end to end (best of the runs)", ours_r["seconds_min"] <= 1.0),
        ("100% of placeable clients on an eligible advisor", ours_r["eligible_share"] == 1.0),
    ]
    for name, other in list(results.items())[1:]:
        balanced = ours_r["outside_band"] <= other["outside_band"]
        checks.append((f"at least as balanced as {name} (books off band)", balanced))
        if other["outside_band"] > ours_r["outside_band"]:
            print(
                f"note  {name} moves {other['moves']:,} clients but leaves "
                f"{other['outside_band']} books off band (up to {other['max_deviation']:.1%}): "
                "its move count is not comparable"
            )
        else:
            checks.append((f"no more moves than {name}", ours_r["moves"] <= other["moves"]))
            checks.append(
                (f"no higher move cost than {name}", ours_r["move_cost"] <= other["move_cost"])
            )
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return all(ok for _, ok in checks)


if __name__ == "__main__":
    main()
