"""Store benchmark (the Foundation issue): our TinyDB store on a 50,000-client book with
200,000 tasks, beside plain TinyDB and sqlite3 (WAL, synchronous=FULL) in the same run.

Every figure comes from its own fresh process (bench/_store_ours.py,
bench/_store_baselines.py), so memory, imports and caches are each process's own:

- committed single writes: a client upsert and a task insert, each returning after its
  fsync (ours: ``table.put`` / ``table.insert``; also ``ClientBook.save``, which derives
  tier and pinyin and writes an audit entry in the same transaction);
- searches through ``ClientBook.search``: a phone's last 4 digits, pinyin initials of a
  real name (2–3 letters), part of a real name (1–2 characters);
- opening the folder: the snapshot plus a journal of 10,000 committed changes;
- the peak memory of a process that opens the book, writes, searches and closes.

    python -m bench store        (or: make bench)
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec

from branchdesk.models import CST, Channel, Purpose, Task

from ._common import git_commit, log, machine, print_table, run_worker, write_results
from ._store_data import CACHE, SPEC, copy_for_run, ensure_data, read_docs

N_WRITES = 2_000  # per kind, ours and sqlite
N_SAVES = 1_000  # ClientBook.save
N_QUERIES = 1_000  # per kind, ours and sqlite
TINYDB_WRITES = 10  # per kind: each one rewrites a file of ~140 MB
TINYDB_QUERIES = 3  # per kind: each one reads that file
JOURNAL_CHANGES = 10_000
OPEN_RUNS = 3  # fresh processes; the median counts

TARGETS = {
    "write_p50_ms": 2.0,
    "write_p99_ms": 10.0,
    "vs_tinydb": 100.0,
    "vs_sqlite": 3.0,
    "search_p99_ms": 5.0,
    "open_s": 1.5,
    "peak_mb": 400.0,
}


def make_workload(book: Path, path: Path) -> None:
    """The documents every system writes and the queries every system answers, drawn
    from real clients of the book."""
    clients = read_docs(book, "clients")
    rng = random.Random(2026)
    ids = rng.sample(sorted(clients), N_WRITES + N_SAVES)
    stamp = datetime(2026, 11, 25, 10, tzinfo=CST).isoformat()
    puts = [
        {
            **clients[i],
            "last_contact_date": "2026-11-24",
            "updated_at": stamp,
            "version": clients[i]["version"] + 1,
        }
        for i in ids[:N_WRITES]
    ]
    saves = [{**clients[i], "last_contact_date": "2026-11-23"} for i in ids[N_WRITES:]]
    tasks = [
        msgspec.to_builtins(
            Task(
                id=f"bench-task-{n:06d}",
                account_id=i,
                channel=Channel.PHONE,
                purpose=Purpose.RELATIONSHIP,
                due_date=date(2026, 12, 1 + n % 28),
                assignee=clients[i]["advisor_id"],
                created_by="bench",
                created_at=datetime(2026, 11, 25, 10, tzinfo=CST),
                version=1,
            )
        )
        for n, i in enumerate(ids[:N_WRITES])
    ]
    people = sorted(i for i, d in clients.items() if d["account_type"] == "individual")
    queries: dict[str, list[str]] = {"phone_tail": [], "pinyin_initials": [], "name": []}
    for i in rng.sample(people, N_QUERIES):
        queries["phone_tail"].append(clients[i]["phone"][-4:])
    for i in rng.sample(people, N_QUERIES):
        queries["pinyin_initials"].append(clients[i]["name_initials"].split()[0])
    for i in rng.sample(people, N_QUERIES):
        name = clients[i]["name"]
        size = rng.choice((1, 2))
        start = rng.randrange(len(name) - size + 1)
        queries["name"].append(name[start : start + size])
    path.write_text(
        json.dumps(
            {"client_puts": puts, "client_saves": saves, "task_inserts": tasks, "queries": queries}
        )
    )


def measure() -> dict[str, Any]:
    ensure_data()
    run = CACHE / "run"
    paths = copy_for_run(run)
    workload = run / "workload.json"
    make_workload(paths["book"], workload)

    log(f"ours: a snapshot and a journal of {JOURNAL_CHANGES:,} changes …")
    folder = run / "open"
    shutil.copytree(paths["book"], folder)
    journal = run_worker("bench._store_ours", "journal", str(folder), str(JOURNAL_CHANGES))
    opens = [run_worker("bench._store_ours", "open", str(folder)) for _ in range(OPEN_RUNS)]

    log("ours: the workload …")
    ours = run_worker("bench._store_ours", "workload", str(paths["book"]), str(workload))
    sqlite = run_worker(
        "bench._store_baselines",
        "sqlite",
        str(paths["sqlite"]),
        str(workload),
        str(N_WRITES),
        str(N_QUERIES),
    )
    tinydb = run_worker(
        "bench._store_baselines",
        "tinydb",
        str(paths["tinydb"]),
        str(workload),
        str(TINYDB_WRITES),
        str(TINYDB_QUERIES),
    )
    shutil.rmtree(run, ignore_errors=True)
    return {"journal": journal, "opens": opens, "ours": ours, "sqlite": sqlite, "tinydb": tinydb}


@dataclass
class Figure:
    """One row of the table: our figure, both baselines', how they compare, the target."""

    name: str
    ours: float
    tinydb: float
    sqlite: float
    ratio: str
    target: str
    ok: bool
    digits: int = 3

    def cells(self) -> list[str]:
        numbers = (f"{x:,.{self.digits}f}" for x in (self.ours, self.tinydb, self.sqlite))
        return [self.name, *numbers, self.ratio, self.target, "PASS" if self.ok else "FAIL"]


HEADER = ["Figure", "BranchDesk", "plain TinyDB", "sqlite WAL FULL", "Ratio", "Target", "Result"]
WRITES = {
    "client_upsert": ("Client upsert (table.put)", "client_upsert"),
    "task_insert": ("Task insert", "task_insert"),
    # Compared with the baselines' client upsert, though it does more (tier, pinyin, audit).
    "client_save": ("Client save (ClientBook.save + audit)", "client_upsert"),
}
SEARCHES = {
    "phone_tail": "phone tail (4 digits)",
    "pinyin_initials": "pinyin initials",
    "name": "name (1–2 chars)",
}


def judge(r: dict[str, Any]) -> list[Figure]:
    t, ours, lite, tiny = TARGETS, r["ours"], r["sqlite"], r["tinydb"]
    rows = []
    for kind, (label, base) in WRITES.items():
        for p in ("p50", "p99"):
            mine = ours["writes"][kind][f"{p}_ms"]
            ti, li = tiny["writes"][base][f"{p}_ms"], lite["writes"][base][f"{p}_ms"]
            limit = t[f"write_{p}_ms"]
            ok = mine <= limit and ti / mine >= t["vs_tinydb"] and mine / li <= t["vs_sqlite"]
            ratio = f"TinyDB ÷ ours {ti / mine:,.0f}×; ours ÷ sqlite {mine / li:.2f}×"
            target = f"≤ {limit:g} ms, ≥ 100× TinyDB, ≤ 3× sqlite"
            rows.append(Figure(f"{label}, {p} (ms)", mine, ti, li, ratio, target, ok))
    for kind, label in SEARCHES.items():
        mine, ti, li = (x["searches"][kind]["p99_ms"] for x in (ours, tiny, lite))
        ratio = f"TinyDB ÷ ours {ti / mine:,.0f}×; sqlite ÷ ours {li / mine:.1f}×"
        target = f"≤ {t['search_p99_ms']:g} ms"
        ok = mine <= t["search_p99_ms"]
        rows.append(Figure(f"Search by {label}, p99 (ms)", mine, ti, li, ratio, target, ok))
    opened = statistics.median(o["open_s"] for o in r["opens"])
    rows.append(
        Figure(
            "Open: snapshot + 10,000-change journal (s)",
            opened,
            tiny["open_s"],
            lite["open_s"],
            "baselines: open + first read",
            f"≤ {t['open_s']:g} s",
            opened <= t["open_s"],
            digits=3,
        )
    )
    peak, ti, li = ours["peak_rss_mb"], tiny["peak_rss_mb"], lite["peak_rss_mb"]
    rows.append(
        Figure(
            "Peak memory: open, writes, searches, close (MB)",
            peak,
            ti,
            li,
            f"TinyDB ÷ ours {ti / peak:.1f}×",
            f"≤ {t['peak_mb']:g} MB",
            peak <= t["peak_mb"],
            digits=0,
        )
    )
    return rows


def notes(r: dict[str, Any]) -> list[str]:
    """What the table does not show: sample sizes, the spread of opens, the machine."""
    o, m = r["ours"], r["machine"]
    opens = ", ".join(f"{x['open_s']:.2f}" for x in r["opens"])
    rss = ", ".join(f"{k} {v:.0f}" for k, v in o["rss_mb"].items())
    return [
        f"Book: {SPEC.clients:,} clients, {SPEC.tasks:,} tasks, {SPEC.advisors} advisors. "
        f"Writes: {N_WRITES:,} per kind for ours and sqlite ({N_SAVES:,} ClientBook.save), "
        f"{TINYDB_WRITES} for TinyDB; searches: {N_QUERIES:,} per kind, {TINYDB_QUERIES} for "
        "TinyDB.",
        f"Opens, each a fresh process (s): {opens}; the open process peaked at "
        f"{max(x['peak_rss_mb'] for x in r['opens']):.0f} MB. Workload RSS (MB): {rss}; "
        f"closing with compaction took {o['close_s']:.2f} s. Indexes are built on first "
        "use, not at open; building all of them after an open took (s): "
        + ", ".join(f"{x.get('indexes_s', 0):.2f}" for x in r["opens"])
        + " (the server does it at start-up).",
        "CPU time of ours (waiting for a core does not count): open "
        f"{statistics.median(x['open_cpu_s'] for x in r['opens']):.2f} s; search p99 (ms) "
        + ", ".join(f"{k} {v['cpu_p99_ms']:.2f}" for k, v in o["searches"].items())
        + "; write p50/p99 (ms, without waiting for fsync) "
        + ", ".join(
            f"{k} {v['cpu_p50_ms']:.2f}/{v['cpu_p99_ms']:.2f}" for k, v in o["writes"].items()
        )
        + ".",
        f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, Python "
        f"{m['python']}, sqlite {m['sqlite']}, TinyDB {m['tinydb']}; load average "
        f"{m['load_average'][0]:.2f} before the run, {r['load_average_after'][0]:.2f} after.",
    ]


def main() -> None:
    results = {"machine": machine(), **measure()}
    results["load_average_after"] = machine()["load_average"]
    rows = judge(results)
    print()
    text = print_table(HEADER, [row.cells() for row in rows])
    lines = notes(results)
    print("\n" + "\n".join(lines))
    path = write_results(
        "store",
        {
            "commit": git_commit(),
            "table": text,
            "notes": lines,
            "rows": [asdict(row) for row in rows],
            "results": results,
        },
    )
    print(f"results: {path}")
