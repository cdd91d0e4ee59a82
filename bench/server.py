"""Server benchmark (issue 3): the real ``branchdesk serve`` on loopback holding a
50,000-client book, 20 concurrent connections, reads (get client, search) and writes
(add task): requests/s, p50, p99. Beside it, in the same run, a bare Litestar app with
one trivial endpoint under the same load is the ceiling: measured before the first
workload and after each one, so that every workload is compared with the ceiling of its
own minutes.

Targets: read throughput at least half the ceiling, read p99 ≤ 50 ms, write p99 ≤ 30 ms.

    .venv/bin/python -m bench server [--duration 10] [--warmup 2] [--rebuild]

The load comes from a separate process: wrk when it is installed (``make bench``
installs it), else the Python load generator in ``bench/_loadgen.py``. Each workload is
warmed up, then measured for a fixed time. Results go to ``bench/.out/``."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil

from branchdesk.schema import open_store
from fixtures.branch import BranchSpec
from fixtures.demo import DEMO_PASSWORD, create_demo

ROOT = Path(__file__).resolve().parent.parent
BOOK = BranchSpec(clients=50_000, advisors=40, tasks=100_000)
CACHE = ROOT / "bench-data" / "server-50k"  # git-ignored; built once, copied per run
OUT = Path(__file__).resolve().parent / ".out"
WRK_SCRIPT = Path(__file__).resolve().parent / "_wrk.lua"

CONNECTIONS = 20
SAMPLE = 5_000  # distinct records each workload draws its requests from
READ_RATIO = 0.5  # of the bare-Litestar ceiling, at least
READ_P99_MS = 50.0
WRITE_P99_MS = 30.0


@dataclass
class Server:
    url: str
    process: psutil.Process
    startup_s: float

    def cpu_seconds(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system


@dataclass
class Workload:
    name: str
    kind: str  # "ceiling", "disk", "read" or "write"
    user: str | None  # the demo account whose token it sends; None: no sign-in
    lines: list[str] = field(default_factory=list)  # targets, or "target<TAB>body" (POST)
    result: dict = field(default_factory=dict)


# -- the data ---------------------------------------------------------------------------
def book_folder(rebuild: bool) -> Path:
    """The cached 50,000-client demo folder, built on first use (a few minutes)."""
    if rebuild:
        shutil.rmtree(CACHE, ignore_errors=True)
    if not (CACHE / "snapshot.jsonl").exists():
        partial = CACHE.with_name(CACHE.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        print(f"Building the {BOOK.clients:,}-client book in {CACHE} (once) …", flush=True)
        create_demo(partial, BOOK)
        partial.rename(CACHE)  # only a finished build is ever reused
    return CACHE


def make_workloads(folder: Path, rng: random.Random) -> list[Workload]:
    """Requests drawn from the book itself: real account ids, phones and names."""
    store = open_store(folder, readonly=True)
    try:
        clients = list(store.table("clients")._read_table().values())
    finally:
        store.close()
    if len(clients) != BOOK.clients:
        raise SystemExit(
            f"{folder} holds {len(clients):,} clients, not {BOOK.clients:,}; run with --rebuild"
        )
    picks = rng.sample(clients, SAMPLE)
    gets = [f"/clients/{d['account_id']}" for d in picks]
    searches = []
    for n, d in enumerate(picks):
        # What the front desk types: a phone's last four digits, pinyin initials
        # ("wl" for 王丽), or the first characters of the name.
        q = (d["phone"][-4:], d["name_initials"].split()[0], d["name"][:2])[n % 3]
        searches.append(f"/clients/search?q={quote(q)}")
    today = date.today()
    tasks = []
    for d in picks:
        body = {
            "account_id": d["account_id"],
            "channel": "phone",
            "purpose": "relationship",
            "due_date": (today + timedelta(days=rng.randint(1, 30))).isoformat(),
        }
        tasks.append(f"/tasks\t{json.dumps(body)}")
    return [
        Workload("get client (manager: full view, audited)", "read", "manager", gets),
        Workload("get client (front desk: masked)", "read", "frontdesk", gets),
        Workload("search (manager)", "read", "manager", searches),
        Workload("add task (manager)", "write", "manager", tasks),
    ]


# -- the servers ------------------------------------------------------------------------
@contextmanager
def serving(command: list[str], ready: str, logs: Path) -> Iterator[Server]:
    """Start a server that prints its URL once bound; yield it once it answers.
    Its stderr goes to a file so a chatty server can never block on a full pipe."""
    started = time.perf_counter()
    with open(logs, "w") as stderr:
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not match:
            raise SystemExit(f"server did not start: {line!r}\n{logs.read_text()}")
        url = match.group(0)
        deadline = time.monotonic() + 120
        while not _answers(url + ready):  # bound is not yet listening
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit(f"{url}{ready} never answered 200\n{logs.read_text()}")
            time.sleep(0.1)
        yield Server(url, psutil.Process(proc.pid), time.perf_counter() - started)
    finally:
        proc.send_signal(signal.SIGTERM)  # ours folds its journal into a snapshot first
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.TransportError:
        return False


def sign_in(url: str, username: str) -> str:
    response = httpx.post(
        f"{url}/auth/login", json={"username": username, "password": DEMO_PASSWORD}, timeout=30
    )
    response.raise_for_status()
    return response.json()["token"]


def smoke(url: str, workload: Workload, token: str | None) -> None:
    """One request of each kind by hand, so we never time a page of 401s or 404s."""
    target, _, body = workload.lines[0].partition("\t")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if body:
        headers["Content-Type"] = "application/json"
        response = httpx.post(url + target, content=body, headers=headers, timeout=30)
    else:
        response = httpx.get(url + target, headers=headers, timeout=30)
    if response.status_code >= 300:
        raise SystemExit(f"{workload.name}: {target} → {response.status_code} {response.text}")


# -- the load ---------------------------------------------------------------------------
def hammer(url: str, requests_file: Path, token: str, seconds: int, generator: str) -> dict:
    """Drive the server from a separate process for ``seconds``; returns its figures."""
    if generator == "wrk":
        # One wrk thread is plenty for 20 connections and leaves the server a core.
        command = [
            "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s",
            "-s", str(WRK_SCRIPT), url, "--", str(requests_file), token,
        ]  # fmt: skip
    else:
        command = [
            sys.executable, "-m", "bench._loadgen", url, str(requests_file), token,
            str(CONNECTIONS), str(seconds),
        ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120, cwd=ROOT)
    for line in run.stdout.splitlines():
        if line.startswith("WRK_RESULT "):
            result = json.loads(line.removeprefix("WRK_RESULT "))
            result["rps"] = result["requests"] / result["duration_s"]
            return result
    raise SystemExit(f"no result from {' '.join(command)}:\n{run.stdout}\n{run.stderr}")


def measure(server: Server, workload: Workload, token: str, tmp: Path, args) -> None:
    slug = re.sub(r"\W+", "-", workload.name).strip("-")
    requests_file = tmp / f"requests-{slug}.txt"
    requests_file.write_text("\n".join(workload.lines) + "\n", encoding="utf-8")
    print(f"  {workload.name} …", end="", flush=True)
    hammer(server.url, requests_file, token, args.warmup, args.load)  # warm up
    cpu = server.cpu_seconds()
    workload.result = hammer(server.url, requests_file, token, args.duration, args.load)
    # The server's own CPU per request: what the other tenants of a busy machine
    # disturb least, so it compares across runs better than requests/s does.
    spent = server.cpu_seconds() - cpu
    workload.result["server_cpu_ms"] = spent * 1e3 / max(1, workload.result["requests"])
    print(f" {workload.result['rps']:,.0f} req/s", flush=True)


def disk_baseline(folder: Path, seconds: float = 3.0) -> dict:
    """What one durable append costs on this disk right now: the floor under every write
    (and every audited view), since the server fsyncs its journal before answering."""
    path = folder / "fsync-probe"
    record = b"x" * 1023 + b"\n"  # about one journal record of an added task and its audit
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    latencies = []
    start = time.perf_counter()
    try:
        while time.perf_counter() - start < seconds and len(latencies) < 2000:
            t = time.perf_counter()
            os.write(fd, record)
            os.fdatasync(fd)
            latencies.append((time.perf_counter() - t) * 1e3)
    finally:
        os.close(fd)
        path.unlink()
    duration = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "duration_s": duration,
        "rps": len(latencies) / duration,
        "p50_ms": latencies[len(latencies) // 2],
        "p99_ms": latencies[int(len(latencies) * 0.99)],
        "max_ms": latencies[-1],
        "non_2xx": 0,
        "socket_errors": 0,
    }


# -- judging and reporting --------------------------------------------------------------
def judge(workload: Workload) -> tuple[str, bool | None]:
    """(target text, passed?) for one row; None where no target applies."""
    r = workload.result
    clean = r["non_2xx"] == 0 and r["socket_errors"] == 0
    if workload.kind == "read":
        r["vs_ceiling"] = r["rps"] / r["ceiling_rps"]
        ok = r["vs_ceiling"] >= READ_RATIO and r["p99_ms"] <= READ_P99_MS
        return f"≥ {READ_RATIO:.2f}× and p99 ≤ {READ_P99_MS:.0f} ms", ok and clean
    if workload.kind == "write":
        return f"p99 ≤ {WRITE_P99_MS:.0f} ms", r["p99_ms"] <= WRITE_P99_MS and clean
    return "", None


def median_of(runs: list[Workload]) -> Workload:
    """One row for the ceiling: the median of each figure over its runs."""
    keys = ("rps", "p50_ms", "p99_ms", "server_cpu_ms", "non_2xx", "socket_errors")
    result = {k: statistics.median(w.result[k] for w in runs) for k in keys}
    name = f"bare Litestar GET /ping (median of {len(runs)})"
    return Workload(name, "ceiling", None, [], result)


def table(rows: list[Workload]) -> tuple[str, bool]:
    head = (
        f"{'workload':<44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6} "
        f"{'CPU ms':>7}  target"
    )
    lines = [head, "-" * (len(head) + 30)]
    passed = True
    for w in rows:
        r = w.result
        target, ok = judge(w)
        passed = passed and ok is not False
        ratio = f"{r['vs_ceiling']:.2f}" if "vs_ceiling" in r else ""
        cpu = f"{r['server_cpu_ms']:.2f}" if "server_cpu_ms" in r else ""
        verdict = "" if ok is None else "PASS" if ok else "FAIL"
        errors = r["non_2xx"] + r["socket_errors"]
        note = f"  ({errors} errors)" if errors else ""
        lines.append(
            f"{w.name:<44} {r['rps']:>8,.0f} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} "
            f"{ratio:>6} {cpu:>7}  {target:<30} {verdict}{note}"
        )
    return "\n".join(lines), passed


def machine() -> dict:
    mem_kb = 0
    try:
        with open("/proc/meminfo") as f:
            mem_kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration, ValueError):
        pass
    wrk = shutil.which("wrk")
    wrk_version = ""
    if wrk:
        out = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout
        wrk_version = out.split("[")[0].strip()
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kb / 2**20, 1),
        "load_average_at_start": os.getloadavg(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "litestar": version("litestar"),
        "uvicorn": version("uvicorn"),
        "wrk": wrk_version,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench server", description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per load")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per load")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached book")
    parser.add_argument(
        "--load", choices=["auto", "wrk", "python"], default="auto", help="load generator"
    )
    args = parser.parse_args()
    if args.load == "auto":
        args.load = "wrk" if shutil.which("wrk") else "python"
    generator = args.load
    host = machine()
    load = host["wrk"] if generator == "wrk" else "the Python load generator (bench/_loadgen.py)"
    print(
        f"Server benchmark (issue 3): {BOOK.clients:,} clients, {CONNECTIONS} connections, "
        f"{args.duration:g} s per workload after {args.warmup:g} s of warm-up; load from "
        f"{load}; {host['nproc']} CPUs, {host['memory_gib']} GiB.",
        flush=True,
    )
    source = book_folder(args.rebuild)
    workloads = make_workloads(source, random.Random(2026))
    ceilings: list[Workload] = []
    # The copy lives beside the cache, on the same disk, so fsync costs what it really does.
    with tempfile.TemporaryDirectory(prefix="run-", dir=CACHE.parent) as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "data"
        shutil.copytree(source, data, ignore=shutil.ignore_patterns("lock"))
        bare = [sys.executable, "-m", "bench._bare"]
        ours = [sys.executable, "-m", "branchdesk.cli", "serve", "--data", str(data), "--port", "0"]

        disk = Workload("disk: 1 KB append + fdatasync, one writer", "disk", None, [])
        disk.result = disk_baseline(tmp)
        print(f"  {disk.name} … {disk.result['p50_ms']:.2f} ms p50", flush=True)

        with (
            serving(bare, "/ping", tmp / "bare.log") as ceiling_server,
            serving(ours, "/health", tmp / "server.log") as our_server,
        ):
            startup = our_server.startup_s
            print(f"  (our server loaded the book in {startup:.1f} s)", flush=True)
            users = {w.user for w in workloads if w.user}
            tokens = {user: sign_in(our_server.url, user) for user in users}
            for w in workloads:
                smoke(our_server.url, w, tokens[w.user] if w.user else None)

            def ceiling() -> float:
                name = f"bare Litestar GET /ping #{len(ceilings) + 1}"
                run = Workload(name, "ceiling", None, ["/ping"])
                measure(ceiling_server, run, "", tmp, args)
                ceilings.append(run)
                return run.result["rps"]

            # The ceiling is measured before the first workload and after each one, and
            # each workload is judged against the two runs around it: on a shared
            # machine the capacity drifts within minutes. Both servers stay up; only
            # the one under load has work to do.
            before = ceiling()
            for w in workloads:
                measure(our_server, w, tokens[w.user] if w.user else "", tmp, args)
                after = ceiling()
                w.result["ceiling_rps"] = (before + after) / 2
                before = after

    text, passed = table([median_of(ceilings), disk, *workloads])
    print()
    print(text)
    host["load_average_at_end"] = os.getloadavg()
    spread = sorted(w.result["rps"] for w in ceilings)
    print(
        "\nratio: requests/s over the mean of the two ceiling runs around the workload "
        f"(the ceiling ranged {spread[0]:,.0f}–{spread[-1]:,.0f} req/s in this run).\n"
        "CPU ms: the server process's own CPU time per request."
    )
    print(
        f"Overall: {'PASS' if passed else 'FAIL'} (load average "
        f"{host['load_average_at_start'][0]:.1f} at the start, "
        f"{host['load_average_at_end'][0]:.1f} at the end)"
    )
    OUT.mkdir(exist_ok=True)
    out = OUT / f"server-{datetime.now():%Y%m%d-%H%M%S}.json"
    report = {
        "benchmark": "server",
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": host,
        "load_generator": generator,
        "settings": {
            "clients": BOOK.clients,
            "advisors": BOOK.advisors,
            "tasks": BOOK.tasks,
            "connections": CONNECTIONS,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "server_startup_s": startup,
        },
        "targets": {
            "read_vs_ceiling": READ_RATIO,
            "read_p99_ms": READ_P99_MS,
            "write_p99_ms": WRITE_P99_MS,
        },
        "results": [
            {k: v for k, v in asdict(w).items() if k != "lines"}
            for w in [*ceilings, disk, *workloads]
        ],
        "passed": passed,
    }
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
