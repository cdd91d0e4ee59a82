"""Helpers shared by the benchmarks: timing, percentiles, workers, the machine, output."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / ".out"


def percentile(samples: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least p% of them at or below."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100)
    return ordered[int(rank) - 1]


def timed(fn: Callable[[Any], object], items: Sequence[Any]) -> dict[str, float]:
    """Call ``fn(item)`` for each item, one at a time: p50/p99/max of the wall time per
    call, and p50/p99 of the CPU time each used. Wall time is what the targets are about;
    CPU time is what other processes on a busy machine inflate least."""
    wall, cpu = [], []
    clock, cpu_clock = time.perf_counter, time.process_time
    for item in items:
        c, w = cpu_clock(), clock()
        fn(item)
        wall.append(clock() - w)
        cpu.append(cpu_clock() - c)
    return {
        "n": len(wall),
        "p50_ms": percentile(wall, 50) * 1e3,
        "p99_ms": percentile(wall, 99) * 1e3,
        "max_ms": max(wall) * 1e3,
        "cpu_p50_ms": percentile(cpu, 50) * 1e3,
        "cpu_p99_ms": percentile(cpu, 99) * 1e3,
    }


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program.

    Not ``ru_maxrss``: Linux keeps that across exec, so a worker started by a parent
    that had grown to 1 GB would report 1 GB."""
    return _status_mb("VmHWM:")


def rss_mb() -> float:
    return _status_mb("VmRSS:")


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def emit(result: dict[str, Any]) -> None:
    """A worker's answer: one JSON document on stdout (progress goes to stderr)."""
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def run_worker(module: str, *args: str) -> dict[str, Any]:
    """Run ``python -m module args`` in a fresh process and return what it emitted."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    """What the figures were measured on, including how busy it was."""
    meminfo = Path("/proc/meminfo").read_text().split()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    import sqlite3

    import tinydb

    return {
        "cpus": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "memory_gib": round(int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024**2, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "tinydb": tinydb.__version__,
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
    }


def write_results(name: str, data: dict[str, Any]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    data = {"benchmark": name, "finished_at": datetime.now(UTC).isoformat(), **data}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, check=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True
        )
        return out.stdout.decode().strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table (readable in a terminal too); returns it as text."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    text = "\n".join(
        [line(header), "| " + " | ".join("-" * w for w in widths) + " |", *map(line, rows)]
    )
    print(text, flush=True)
    return text
