"""Imports (issue 8): a 100,000-row client CSV as branches get it (GBK, Chinese headers,
assets in 万元), imported end to end by a fresh ``branchdesk import`` process — straight
into the data folder, and through a running ``branchdesk serve`` — beside the bare time
Python's csv module takes to parse the same file, measured in the same run.

    .venv/bin/python -m bench imports [--rows N]

Limits: direct ≤ 5 s, through the server ≤ 15 s, peak memory ≤ 500 MB."""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import orjson

from fixtures.branch import BranchSpec, id_number, make_advisors
from fixtures.names import person_name

OUT = Path(__file__).with_name(".out")
BRANCHDESK = [sys.executable, "-m", "branchdesk.cli"]
AS_OF = date(2026, 11, 25)
LIMITS = {"direct": 5.0, "server": 15.0, "memory_mb": 500.0}
HEADER = [
    "资金账号",
    "客户姓名",
    "手机号码",
    "身份证号",
    "出生日期",
    "开户日期",
    "风险等级",
    "投资偏好",
    "理财经理",
    "总资产(万元)",
    "最近交易日期",
    "营业部",
]
PREFERENCES = ["股票", "股票、基金", "基金", "理财规划", "股票、融资融券", "债券"]


def make_file(path: Path, rows: int, seed: int = 8) -> None:
    """A deterministic client list as Chinese Excel saves it: GBK, CRLF, no BOM."""
    rng = random.Random(seed)
    advisors = [a.id for a in make_advisors(BranchSpec(), random.Random(seed))]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for i in range(rows):
        birthday = date(rng.randint(1945, 2002), rng.randint(1, 12), rng.randint(1, 28))
        opened = AS_OF - timedelta(days=rng.randint(30, 6000))
        traded = AS_OF - timedelta(days=int(rng.expovariate(1 / 60)))
        writer.writerow(
            [
                f"33{(i * 7919 + 4321) % 10**10:010d}",
                person_name(rng),
                f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
                id_number(rng, birthday),
                birthday.isoformat(),
                opened.strftime("%Y/%-m/%-d"),
                f"C{rng.randint(1, 5)}",
                rng.choice(PREFERENCES),
                rng.choice(advisors),
                f"{rng.lognormvariate(3.0, 1.4):,.2f}",
                traded.strftime("%Y%m%d"),
                "上海浦东营业部",
            ]
        )
    path.write_bytes(out.getvalue().encode("gbk"))


def csv_baseline(path: Path) -> float:
    """The bare parse: read, decode, split into rows with the csv module."""
    started = time.perf_counter()
    text = path.read_bytes().decode("gb18030")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) > 1
    return time.perf_counter() - started


def run_import(path: Path, data: Path, env: dict | None = None) -> tuple[float, float, dict]:
    """(wall seconds, peak RSS in MB, the command's JSON report) of a fresh process; the
    report also gets the process's CPU seconds (``cpu``), to tell work from waiting on a
    busy machine."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*BRANCHDESK, "import", "clients", str(path), "--data", str(data), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "BRANCHDESK_TODAY": AS_OF.isoformat(), **(env or {})},
    )
    out = proc.stdout.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"import failed ({proc.returncode}): {out[-2000:]!r}")
    report = orjson.loads(out)
    report["cpu"] = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, report


def fresh_branch(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(
        [
            *BRANCHDESK,
            "demo",
            "--data",
            str(folder),
            "--clients",
            "2",
            "--tasks",
            "0",
            "--as-of",
            AS_OF.isoformat(),
            "--json",
        ],
        check=True,
        capture_output=True,
    )


class Probe(threading.Thread):
    """Asks the server's /health every 20 ms: the slowest answer is how long its event
    loop was held at worst while the import ran."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.worst, self.stop = url, 0.0, threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as http:
            while not self.stop.is_set():
                started = time.perf_counter()
                try:
                    http.get("/health")
                except httpx.ConnectError:  # the server has bound its port but not
                    time.sleep(0.02)  # started listening yet: ask again
                    continue
                self.worst = max(self.worst, time.perf_counter() - started)
                time.sleep(0.02)


def through_server(path: Path, data: Path) -> tuple[float, float, dict, float, float]:
    """(wall, client peak MB, report, server peak MB, worst /health latency)."""
    server = subprocess.Popen(
        [*BRANCHDESK, "serve", "--data", str(data), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "BRANCHDESK_TODAY": AS_OF.isoformat()},
    )
    try:
        line = server.stdout.readline()  # type: ignore[union-attr]
        url = re.search(r"http://[\d.]+:\d+", line).group(0)  # type: ignore[union-attr]
        probe = Probe(url)
        probe.start()
        env = {"BRANCHDESK_USER": "manager", "BRANCHDESK_PASSWORD": "branchdesk"}
        wall, client_mb, report = run_import(path, data, env)
        probe.stop.set()
        probe.join()
        server_mb = _peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return wall, client_mb, report, server_mb, probe.worst


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m bench imports")
    args.add_argument("--rows", type=int, default=100_000)
    opts = args.parse_args(argv if argv is not None else sys.argv[1:])
    OUT.mkdir(exist_ok=True)
    path = OUT / f"clients-{opts.rows}.csv"
    if not path.exists():
        make_file(path, opts.rows)
    template = OUT / "imports-empty-branch"
    fresh_branch(template)
    size_mb = path.stat().st_size / 1e6
    print(f"File: {path} ({opts.rows:,} rows, {size_mb:.1f} MB, GBK, Chinese headers)")

    load = os.getloadavg()[0]
    baseline = min(csv_baseline(path) for _ in range(3))

    direct_dir = OUT / "imports-direct"
    shutil.rmtree(direct_dir, ignore_errors=True)
    shutil.copytree(template, direct_dir)
    direct, direct_mb, report = run_import(path, direct_dir)
    assert report["created"] == opts.rows, report
    again, again_mb, report2 = run_import(path, direct_dir)
    assert report2["unchanged"] == opts.rows and report2["created"] == 0, report2

    server_dir = OUT / "imports-server"
    shutil.rmtree(server_dir, ignore_errors=True)
    shutil.copytree(template, server_dir)
    served, client_mb, report3, server_mb, worst = through_server(path, server_dir)
    assert report3["created"] == opts.rows, report3

    rows = [
        ("csv module: read + decode + parse (baseline)", baseline, None, None),
        ("import, straight into the data folder", direct, LIMITS["direct"], direct_mb),
        ("  same file again (nothing changes)", again, None, again_mb),
        ("import through the running server", served, LIMITS["server"], client_mb),
    ]
    print(f"{'':46} {'seconds':>8} {'× csv':>7} {'limit':>6} {'peak MB':>8}")
    failed = False
    for label, seconds, limit, mb in rows:
        verdict = ""
        if limit is not None:
            ok = seconds <= limit and (mb or 0) <= LIMITS["memory_mb"]
            failed |= not ok
            verdict = "PASS" if ok else "FAIL"
        print(
            f"{label:46} {seconds:8.2f} {seconds / baseline:7.1f} "
            f"{limit if limit else '':>6} {mb if mb else '':>8.0f} {verdict}"
            if mb
            else f"{label:46} {seconds:8.2f} {seconds / baseline:7.1f}"
        )
    print(
        f"Server: peak RSS {server_mb:.0f} MB; planned off the event loop in "
        f"{report3['plan_seconds']:.2f} s; the one write held the loop "
        f"{report3['apply_seconds']:.2f} s; slowest /health answer meanwhile {worst:.2f} s."
    )
    print(
        f"Direct import: CPU {report['cpu']:.1f} s of {direct:.1f} s wall; its one write "
        f"(one transaction, one journal record) {report['apply_seconds']:.2f} s. "
        f"Machine: {os.cpu_count()} cores, load average {load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
