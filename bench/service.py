"""Service desk (issue 7): with 50,000 clients and 500,000 tasks —

- "my tasks" (an advisor's tasks due today) and their overdue list: p99 ≤ 20 ms;
- greetings for every client (drafted, logged, written to a real outbox file): ≤ 3 s;
- a campaign over 10,000 dormant clients (picked, spread, tasks created): ≤ 2 s;

each beside a straightforward TinyDB baseline measured in the same run: plain ``TinyDB``
over ``MemoryStorage`` holding the very same documents (so it pays no file I/O at all,
which flatters it), queried with ``Query()`` the way the TinyDB docs show.

Run: ``.venv/bin/python -m bench service``. The branch is built once into
``bench-data/service-50k`` (git-ignored; a few minutes) and copied for every run, so the
runs never change it."""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

BENCH_TODAY = date(2026, 11, 25)
os.environ["BRANCHDESK_TODAY"] = BENCH_TODAY.isoformat()  # the branch is built "as of" it

from tinydb import Query, TinyDB  # noqa: E402
from tinydb.storages import MemoryStorage  # noqa: E402

from branchdesk.models import Role, Staff  # noqa: E402
from branchdesk.models.service_api import GreetingRequest, Occasion, OutboxEncoding  # noqa: E402
from branchdesk.schema import open_store  # noqa: E402
from branchdesk.service import queries  # noqa: E402
from branchdesk.service.campaigns import Campaigns  # noqa: E402
from branchdesk.service.greetings import render, run_greetings  # noqa: E402
from branchdesk.service.outbox import Outbox  # noqa: E402
from fixtures.branch import BranchSpec  # noqa: E402
from fixtures.demo import create_demo  # noqa: E402

from ._common import (  # noqa: E402
    git_commit,
    log,
    machine,
    percentile,
    print_table,
    write_results,
)

SPEC = BranchSpec(clients=50_000, tasks=500_000, advisors=40, as_of=BENCH_TODAY)
CACHE = Path("bench-data/service-50k")
PREPARED = CACHE / "service-bench-prepared"
DORMANT = 10_000
BATCH = 5000  # clients per greetings request, as the CLI sends them


# -- the data -------------------------------------------------------------------------------
def prepare() -> Path:
    """Build the branch once; then give it what the measurements need: an overdue backlog
    (the generator marks every past task done or missed) and 10,000 dormant clients."""
    if PREPARED.exists():
        return CACHE
    started = time.perf_counter()
    if not (CACHE / "format.json").exists() or not (CACHE / "snapshot.jsonl").exists():
        shutil.rmtree(CACHE, ignore_errors=True)
        print(
            f"building {SPEC.clients:,} clients and {SPEC.tasks:,} tasks into {CACHE} …",
            file=sys.stderr,
        )
        create_demo(CACHE, SPEC)
    store = open_store(CACHE)
    try:
        tasks = store.table("tasks")
        missed = [i for i, d in tasks._read_table().items() if d["status"] == "missed"]
        with store.transaction():
            tasks.update({"status": "planned"}, doc_ids=missed)  # nobody worked them
        clients = store.table("clients")
        cutoff = (BENCH_TODAY - timedelta(days=180)).isoformat()
        docs = clients._read_table()
        idle = [a for a, d in docs.items() if (d.get("last_trade_date") or "") <= cutoff]
        rng = random.Random(7)
        active = sorted(set(docs) - set(idle))
        more = rng.sample(active, max(0, DORMANT - len(idle)))
        with store.transaction():
            for account_id in more:
                last = BENCH_TODAY - timedelta(days=rng.randint(190, 700))
                clients.update(
                    {"last_trade_date": last.isoformat(), "status": "dormant"}, doc_ids=[account_id]
                )
        store.compact()
    finally:
        store.close()
    PREPARED.write_text("overdue backlog and 10,000 dormant clients added\n")
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return CACHE


def baseline_db(store) -> TinyDB:
    """Plain TinyDB over MemoryStorage holding the same documents (TinyDB's own int ids)."""
    db = TinyDB(storage=MemoryStorage)
    db.storage.write(
        {
            name: {str(i): doc for i, doc in enumerate(store.table(name)._read_table().values())}
            for name in ("clients", "tasks", "advisors")
        }
    )
    return db


# -- measuring ------------------------------------------------------------------------------
def timings(fn: Callable[[int], object], n: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock ms of ``n`` calls; with ``cpu``, this process's CPU ms of each too."""
    out = []
    for i in range(n):
        started, used = time.perf_counter(), time.process_time()
        fn(i)
        out.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - used) * 1000)
    return out


def p99(values: list[float]) -> float:
    return percentile(values, 99)


def advisors_of(store) -> list[Staff]:
    ids = sorted(d["id"] for d in store.table("advisors")._read_table().values())
    return [
        Staff(id=a, username=a.lower(), display_name=a, role=Role.ADVISOR, advisor_id=a)
        for a in ids
    ]


def bench_lists(store, db: TinyDB, staff: list[Staff]) -> list[tuple]:
    tasks, q = db.table("tasks"), Query()
    today = BENCH_TODAY.isoformat()

    def ours(scope: str) -> Callable[[int], object]:
        return lambda i: queries.my_tasks(store, staff[i % len(staff)], BENCH_TODAY, scope=scope)

    def theirs(overdue: bool) -> Callable[[int], object]:
        def run(i: int) -> object:
            tasks.clear_cache()  # a write would have cleared it; reads must not be free
            a = staff[i % len(staff)].advisor_id
            due = q.due_date < today if overdue else q.due_date == today
            found = tasks.search((q.assignee == a) & (q.status == "planned") & due)
            return sorted(found, key=lambda d: (d["due_date"], d["id"]))

        return run

    def page(i: int) -> object:  # what GET /tasks/mine?when=overdue serves: 100 at a time
        return queries.my_task_page(store, staff[i % len(staff)], BENCH_TODAY, scope="overdue")

    sizes = [len(queries.my_tasks(store, s, BENCH_TODAY, scope="overdue")) for s in staff]
    due = [len(queries.my_tasks(store, s, BENCH_TODAY, scope="today")) for s in staff]
    print(
        f"  due today per advisor: {min(due)}–{max(due)} tasks; overdue backlog: "
        f"{min(sizes)}–{max(sizes)}",
        file=sys.stderr,
    )
    base_today = timings(theirs(False), 20)
    base_overdue = timings(theirs(True), 20)
    rows = []
    for label, fn, base in (
        ("my tasks today (p99 ms)", ours("today"), base_today),
        ("my overdue tasks, page of 100 (p99 ms)", page, base_overdue),
        (
            f"my overdue tasks, all {min(sizes)}–{max(sizes)} (p99 ms)",
            ours("overdue"),
            base_overdue,
        ),
    ):
        cpu: list[float] = []
        wall = timings(fn, 400, cpu)
        print(
            f"  {label}: p50 {sorted(wall)[200]:.2f} ms, p99 {p99(wall):.2f} ms; TinyDB "
            f"p50 {sorted(base)[10]:.0f} ms",
            file=sys.stderr,
        )
        rows.append((label, p99(wall), p99(base), 20.0, "ms", p99(cpu)))
    return rows


def bench_greetings(store, db: TinyDB, work: Path) -> tuple:
    def ours(occasion: Occasion) -> float:
        started, cpu = time.perf_counter(), time.process_time()
        with Outbox(work / f"outbox-{occasion.value}.csv", "gbk") as box:
            offset, total = 0, 1
            while offset < total:
                batch = run_greetings(
                    store,
                    GreetingRequest(
                        occasion=occasion,
                        on=BENCH_TODAY,
                        offset=offset,
                        limit=BATCH,
                        encoding=OutboxEncoding.GBK,
                    ),  # type: ignore[arg-type]
                    actor="bench",
                )
                box.write(batch.messages)
                total, offset = batch.total, offset + BATCH
        seconds = time.perf_counter() - started
        cpus.append(time.process_time() - cpu)
        print(
            f"  greetings {occasion.value}: {box.written:,} messages in {seconds:.2f} s "
            f"({cpus[-1]:.2f} s CPU)",
            file=sys.stderr,
        )
        return seconds

    def theirs(occasion: Occasion) -> float:
        started = time.perf_counter()
        clients, tasks, q = db.table("clients"), db.table("tasks"), Query()
        prefix = f"greeting:{occasion.value}:{BENCH_TODAY.year}:"
        sent = {
            d["occasion"]
            for d in tasks.search(q.occasion.test(lambda o: bool(o) and o.startswith(prefix)))
        }
        names = {d["id"]: d["name"] for d in db.table("advisors").all()}
        docs, lines = [], []
        for c in clients.search((q.status != "lost") & (q.contact_consent == True)):  # noqa: E712
            key = prefix + c["account_id"]
            if key in sent or not c.get("phone"):
                continue
            text = render(
                occasion,
                "zh",
                name=c["name"],
                advisor=names.get(c.get("advisor_id")),
                branch="本营业部",
            )
            docs.append(
                {
                    "account_id": c["account_id"],
                    "channel": "sms",
                    "purpose": "greeting",
                    "status": "done",
                    "outcome": "reached",
                    "occasion": key,
                    "notes": text,
                    "due_date": BENCH_TODAY.isoformat(),
                    "cost": 0.05,
                }
            )
            lines.append(text)
        tasks.insert_multiple(docs)
        with open(work / f"baseline-{occasion.value}.csv", "w", encoding="gbk") as f:
            f.writelines(line + "\n" for line in lines)
        return time.perf_counter() - started

    cpus: list[float] = []
    occasions = [Occasion.NATIONAL_DAY, Occasion.MID_AUTUMN, Occasion.SPRING_FESTIVAL]
    mine = [ours(o) for o in occasions]
    base = [theirs(o) for o in occasions]
    return ("greetings, all clients (s, worst of 3)", max(mine), max(base), 3.0, "s", max(cpus))


def bench_campaign(store, db: TinyDB) -> tuple:
    start, end = BENCH_TODAY + timedelta(days=1), BENCH_TODAY + timedelta(days=60)
    fields = {
        "name": "bench",
        "filter": {"dormant_days": 180},
        "start": start.isoformat(),
        "end": end.isoformat(),
        "daily_limit": 8,
        "channels": {"phone": 0.6, "wechat": 0.3, "visit": 0.1},
    }

    def ours(n: int) -> float:
        started, cpu = time.perf_counter(), time.process_time()
        desk = Campaigns(store)
        campaign = desk.create({**fields, "name": f"bench {n}"}, actor="bench")
        run = desk.run(campaign.id, actor="bench", on=BENCH_TODAY, expected_version=1)
        seconds = time.perf_counter() - started
        cpus.append(time.process_time() - cpu)
        print(
            f"  campaign {n}: {seconds:.2f} s ({cpus[-1]:.2f} s CPU); {run.matched:,} dormant "
            f"clients matched, {run.created:,} tasks, {run.no_consent:,} declined contact",
            file=sys.stderr,
        )
        return seconds

    def theirs(n: int) -> float:
        started = time.perf_counter()
        clients, tasks, q = db.table("clients"), db.table("tasks"), Query()
        cid = f"baseline-{n}"
        cutoff = (BENCH_TODAY - timedelta(days=180)).isoformat()
        picked = clients.search(
            (q.status != "lost")
            & (q.contact_consent == True)  # noqa: E712
            & q.last_trade_date.test(lambda d: d is None or d <= cutoff)
        )
        done = {d["account_id"] for d in tasks.search(q.campaign_id == cid)}
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        days = [d for d in days if d.weekday() < 5]
        load: dict[str, Counter] = defaultdict(Counter)
        docs = []
        for c in sorted(picked, key=lambda c: -c.get("total_assets", 0)):
            if c["account_id"] in done or not c.get("advisor_id"):
                continue
            a = c["advisor_id"]
            day = next((d for d in days if load[a][d] < 8), None)
            if day is None:
                continue
            load[a][day] += 1
            docs.append(
                {
                    "account_id": c["account_id"],
                    "channel": "phone",
                    "assignee": a,
                    "purpose": "relationship",
                    "status": "planned",
                    "campaign_id": cid,
                    "due_date": day.isoformat(),
                    "cost": 2.0,
                }
            )
        tasks.insert_multiple(docs)
        return time.perf_counter() - started

    cpus: list[float] = []
    mine = [ours(n) for n in range(3)]
    base = [theirs(n) for n in range(3)]
    return (
        "campaign over 10,000 dormant (s, worst of 3)",
        max(mine),
        max(base),
        2.0,
        "s",
        max(cpus),
    )


def main() -> None:
    source = prepare()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-service-") as tmp:
        work = Path(tmp)
        folder = work / "data"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("lock"))
        started = time.perf_counter()
        store = open_store(folder)
        log(
            f"  opened in {time.perf_counter() - started:.1f} s: "
            f"{len(store.table('clients')):,} clients, {len(store.table('tasks')):,} tasks"
        )
        try:
            db = baseline_db(store)
            staff = advisors_of(store)
            rows = bench_lists(store, db, staff)
            rows.append(bench_greetings(store, db, work))
            rows.append(bench_campaign(store, db))
        finally:
            store.close(compact=False)
    report(rows, load_before)


def report(rows: list[tuple], load_before: tuple[float, ...]) -> None:
    """The table (Markdown, as docs/BENCHMARKS.md shows it) and bench/.out/service.json."""
    table = []
    for label, ours, base, target, unit, cpu in rows:
        fmt = "{:.2f}" if unit == "ms" else "{:.3f}"
        table.append(
            [
                label,
                fmt.format(ours),
                "" if cpu is None else fmt.format(cpu),
                fmt.format(base),
                f"{base / ours:.0f}×" if ours else "∞",
                f"≤ {target:g} {unit}",
                "PASS" if ours <= target else "FAIL",
            ]
        )
    print("\nService desk (issue 7): 50,000 clients, 500,000 tasks")
    text = print_table(
        ["measure", "ours", "ours CPU", "TinyDB query", "ratio", "target", "result"], table
    )
    info = machine()
    print(
        f"\n{info['cpus']} CPUs, Python {info['python']}, load average before "
        f"{load_before[0]:.1f}, after {info['load_average'][0]:.1f}: other work shares this "
        "machine, so wall-clock figures are noisy; 'ours CPU' is this process's own CPU time."
    )
    path = write_results(
        "service",
        {
            "commit": git_commit(),
            "machine": info,
            "load_average_before": load_before,
            "rows": [
                dict(
                    zip(
                        ("measure", "ours", "baseline", "target", "unit", "ours_cpu"),
                        r,
                        strict=True,
                    )
                )
                for r in rows
            ],
            "table": text,
        },
    )
    log(f"results in {path}")
