"""Churn scan (issue 5): a full scan of 50,000 clients × 12 monthly snapshots (≤ 2 s) and
a re-scan after one new day of snapshots for every client (≤ 1 s), beside a
straightforward per-client loop of TinyDB queries over the same data, and the memory
50,000 clients × 24 months of history take in the store.

    .venv/bin/python -m bench churn           # BENCH_CHURN_CLIENTS=5000 for a quick run

The book is built once with the demo generator and cached under bench-data/ (git-ignored);
each run works on a fresh copy of it."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import msgspec

AS_OF = date(2026, 11, 25)
NEXT_DAY = AS_OF + timedelta(days=1)
CLIENTS = int(os.environ.get("BENCH_CHURN_CLIENTS", "50000"))
SAMPLE = int(os.environ.get("BENCH_CHURN_BASELINE_SAMPLE", "20"))
ROOT = Path(os.environ.get("BENCH_DATA", "bench-data"))
FULL_TARGET, RESCAN_TARGET = 2.0, 1.0


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _book() -> Path:
    """The cached book: CLIENTS clients × 12 months, about three past tasks each."""
    from fixtures.branch import BranchSpec
    from fixtures.demo import create_demo

    folder = ROOT / f"churn-{CLIENTS}"
    if not (folder / "format.json").exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"building the bench book in {folder} (once; cached) …", flush=True)
        spec = BranchSpec(clients=CLIENTS, advisors=max(12, round(CLIENTS / 1250)), as_of=AS_OF)
        create_demo(folder, spec)
    return folder


def _new_day(store) -> list[dict]:
    """Tomorrow's figures for every client: a small move, now and then money in or out."""
    rng = random.Random(11)
    snaps = []
    for acct, c in store.table("clients")._read_table().items():
        assets = c.get("total_assets") or 0.0
        out = round(assets * rng.uniform(0.2, 0.6), 2) if rng.random() < 0.01 else 0.0
        trades = int(rng.expovariate(0.7)) if rng.random() < 0.2 else 0
        snaps.append(
            {
                "account_id": acct,
                "period": NEXT_DAY.isoformat(),
                "total_assets": round(max(0.0, assets * (1 + rng.gauss(0, 0.01)) - out), 2),
                "transfer_out": out,
                "trade_count": trades,
                "last_trade_date": NEXT_DAY.isoformat() if trades else None,
            }
        )
    return snaps


def _record_over_http(store, snaps: list[dict]) -> dict:
    """The new day arrives the way the back-office feed sends it: POST /clients/activity."""
    from litestar.testing import TestClient

    from server import Settings, create_app

    app = create_app(store, Settings(background_jobs=False, max_body_bytes=64 * 2**20))
    with TestClient(app, timeout=600) as http:
        token = http.post("/auth/login", json={"username": "manager", "password": "branchdesk"})
        headers = {"Authorization": f"Bearer {token.json()['token']}"}
        r = http.post("/clients/activity", headers=headers, json={"snapshots": snaps})
        r.raise_for_status()
        return r.json()


def _tinydb_baseline(store, on: date) -> tuple[float, int, dict[str, set[str]]]:
    """Plain TinyDB (in memory, so no file I/O is counted against it): one document per
    snapshot, and per client a ``Query`` for its snapshots, its tasks and its record.
    Each query scans every document, so it is timed on SAMPLE clients and scaled up."""
    from tinydb import Query, TinyDB
    from tinydb.storages import MemoryStorage

    from bench.churn_baseline import per_client_scan
    from branchdesk.activity import Activity
    from branchdesk.models import ActivitySnapshot, ChurnRules, TierRules
    from branchdesk.rules import get_rules

    db = TinyDB(storage=MemoryStorage)
    activity = Activity(store)
    rows = []
    for acct in store.table("activity")._read_table():
        rows += [msgspec.to_builtins(s) for s in activity.history(acct).snapshots()]
    db.table("activity").insert_multiple(rows)
    db.table("tasks").insert_multiple(list(store.table("tasks")._read_table().values()))
    db.table("clients").insert_multiple(list(store.table("clients")._read_table().values()))
    advisors = {d["id"]: d for d in store.table("advisors")._read_table().values()}
    rules = get_rules(store, ChurnRules)
    cadence = {str(k): v for k, v in get_rules(store, TierRules).cadence_days.items()}
    q = Query()
    accounts = sorted(store.table("clients")._read_table())
    sample = random.Random(5).sample(accounts, min(SAMPLE, len(accounts)))

    def snapshots_of(acct: str):
        found = db.table("activity").search(q.account_id == acct)
        snaps = [msgspec.convert(d, ActivitySnapshot, strict=False) for d in found]
        return sorted(snaps, key=lambda s: s.period)

    def run():
        clients = [db.table("clients").get(q.account_id == a) for a in sample]
        return per_client_scan(
            clients,
            snapshots_of,
            lambda a: db.table("tasks").search(q.account_id == a),
            advisors,
            rules,
            cadence,
            on,
        )

    wall, _, fired = _timed(run)
    return wall * len(accounts) / len(sample), len(sample), fired


def _indexed_baseline(store, on: date) -> tuple[float, dict[str, set[str]]]:
    """The same per-client loop over our store's indexes (no arrays): every client."""
    from bench.churn_baseline import per_client_scan
    from branchdesk.activity import Activity
    from branchdesk.models import ChurnRules, TierRules
    from branchdesk.rules import get_rules

    activity = Activity(store)
    tasks = store.table("tasks")
    advisors = {d["id"]: d for d in store.table("advisors")._read_table().values()}
    rules = get_rules(store, ChurnRules)
    cadence = {str(k): v for k, v in get_rules(store, TierRules).cadence_days.items()}

    def run():
        return per_client_scan(
            store.table("clients")._read_table().values(),
            lambda a: activity.history(a).snapshots(),
            lambda a: [tasks.doc(i) for i in tasks.index("account").get(a)],
            advisors,
            rules,
            cadence,
            on,
        )

    wall, _, fired = _timed(run)
    return wall, fired


def _agree(store, on: date, reference: dict[str, set[str]]) -> tuple[int, int]:
    """(clients where the array scan and the per-client reference agree, clients compared)."""
    from branchdesk.churn.scan import find

    ours: dict[str, set[str]] = {a: set() for a in reference}
    for f in find(store, on)[0]:
        if f.account_id in ours:
            ours[f.account_id].add(str(f.rule))
    same = sum(1 for a in reference if ours[a] == reference[a])
    return same, len(reference)


def _memory_24_months(clients: int) -> tuple[float, float]:
    """MB held by ``clients`` × 24 monthly histories: as our packed documents, and as one
    plain TinyDB document per snapshot (measured on 2,000 clients and scaled)."""
    from branchdesk.activity import History, month_ends

    rng = random.Random(3)
    periods = month_ends(AS_OF, 24)

    def history(i: int) -> History:
        h = History(f"{i:012d}")
        assets = rng.lognormvariate(11.3, 1.3)
        for p in periods:
            assets *= 1 + rng.gauss(0.004, 0.05)
            trades = int(rng.expovariate(0.3))
            h._append_values(p, assets, 0, 0, assets * 0.1, assets * 2.5e-5, trades, p)
        return h

    tracemalloc.start()
    packed = [history(i).to_doc() for i in range(clients)]
    ours = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del packed
    sample = min(2000, clients)
    tracemalloc.start()
    plain = [msgspec.to_builtins(s) for i in range(sample) for s in history(i).snapshots()]
    naive = tracemalloc.get_traced_memory()[0] * clients / sample
    tracemalloc.stop()
    del plain
    return ours / 2**20, naive / 2**20


def main() -> None:
    os.environ["BRANCHDESK_TODAY"] = AS_OF.isoformat()
    from branchdesk.churn.scan import scan
    from branchdesk.schema import open_store

    ROOT.mkdir(exist_ok=True)
    book = _book()
    work = Path(tempfile.mkdtemp(prefix="churn-run-", dir=ROOT))
    try:
        shutil.copytree(book, work / "data", ignore=shutil.ignore_patterns("lock"))
        load, _, store = _timed(lambda: open_store(work / "data"))
        full_wall, full_cpu, full = _timed(lambda: scan(store, actor="bench", on=AS_OF))
        same_wall, same_cpu, same = _timed(lambda: scan(store, actor="bench", on=AS_OF))
        snaps = _new_day(store)
        rec_wall, _, recorded = _timed(lambda: _record_over_http(store, snaps))
        re_wall, re_cpu, rescan = _timed(lambda: scan(store, actor="bench", on=NEXT_DAY))
        tiny_wall, sampled, tiny_fired = _tinydb_baseline(store, NEXT_DAY)
        loop_wall, loop_fired = _indexed_baseline(store, NEXT_DAY)
        agree, compared = _agree(store, NEXT_DAY, loop_fired)
        tiny_agree, _ = _agree(store, NEXT_DAY, tiny_fired)
        store.close(compact=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ours_mb, naive_mb = _memory_24_months(CLIENTS)

    def verdict(value: float, target: float) -> str:
        return "PASS" if value <= target else "FAIL"

    load_avg = os.getloadavg()
    print(f"\nChurn scan (issue 5): {CLIENTS:,} clients × 12 monthly snapshots, as of {AS_OF}")
    print(f"machine: {os.cpu_count()} cores, load average {load_avg[0]:.1f} during the run")
    print(f"store opened in {load:.1f} s; {full.findings:,} findings on the full scan")
    print()
    print("| measure | ours (wall) | ours (CPU) | baseline | ratio | target | verdict |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| full scan (first after start, {full.raised:,} alerts written) | {full_wall:.2f} s "
        f"| {full_cpu:.2f} s | {tiny_wall:,.0f} s | {tiny_wall / full_wall:,.0f}× "
        f"| ≤ {FULL_TARGET:.0f} s | {verdict(full_wall, FULL_TARGET)} |"
    )
    print(
        f"| re-scan after one new day for all clients ({rescan.raised + rescan.reraised:,} "
        f"raised, {rescan.updated:,} updated) | {re_wall:.2f} s | {re_cpu:.2f} s "
        f"| {tiny_wall:,.0f} s | {tiny_wall / re_wall:,.0f}× | ≤ {RESCAN_TARGET:.0f} s "
        f"| {verdict(re_wall, RESCAN_TARGET)} |"
    )
    print(
        f"| re-scan, nothing changed ({same.unchanged:,} unchanged) | {same_wall:.2f} s "
        f"| {same_cpu:.2f} s | {tiny_wall:,.0f} s | {tiny_wall / same_wall:,.0f}× | — | — |"
    )
    print()
    print(
        f"baseline: plain TinyDB (MemoryStorage), one document per snapshot, per client a "
        f"Query for its snapshots, tasks and record, the same rules in Python; timed on "
        f"{sampled} clients and scaled to {CLIENTS:,}. Same loop over our indexed store, all "
        f"clients: {loop_wall:.1f} s ({loop_wall / re_wall:.0f}× the re-scan)."
    )
    print(
        f"agreement with the per-client reference: {agree:,} of {compared:,} clients "
        f"(TinyDB sample: {tiny_agree} of {sampled})"
    )
    print(
        f"the new day over HTTP (POST /clients/activity, {recorded['snapshots']:,} snapshots): "
        f"{rec_wall:.1f} s"
    )
    print(
        f"memory, {CLIENTS:,} clients × 24 months of history: {ours_mb:,.0f} MB as packed "
        f"documents vs {naive_mb:,.0f} MB as one plain document per snapshot"
    )
