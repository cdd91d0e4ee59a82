"""Planning a clients file in two processes makes exactly the plan one process makes:
the same documents in the same order, counts and errors — duplicates across the two
halves and bad rows at the split included; small files and a failed child too."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import msgspec
import pytest

from bench.imports import make_file
from branchdesk.backoffice import forkplan, planners
from branchdesk.backoffice.decode import open_sheet
from branchdesk.backoffice.headers import find_header
from branchdesk.backoffice.kinds import CLIENTS
from branchdesk.backoffice.plan import make_plan, take_reading
from branchdesk.backoffice.rows import read_rows
from branchdesk.models import CST
from branchdesk.models.backoffice import ImportRow

ROWS = 400
HALF = ROWS // 2
ACTOR = "import:test"


@pytest.fixture
def rows_file(tmp_path: Path, demo_store) -> Path:
    """A bench-style GBK file whose rows around the split are awkward: a duplicate of a
    first-half account just after the split, one repeated inside the second half, a bad
    phone and an unknown advisor on either side, and clients the book already holds."""
    path = tmp_path / "clients.csv"
    make_file(path, ROWS)
    lines = path.read_bytes().decode("gbk").split("\r\n")
    stored = sorted(demo_store.table("clients")._read_table())[:3]
    cells = [line.split(",") for line in lines]

    def account(i: int, value: str) -> None:  # i: data row, 0-based (line i + 2)
        cells[i + 1][0] = value

    account(HALF, cells[2][0])  # line HALF + 2 repeats line 3
    account(HALF + 5, cells[HALF + 4][0])  # both in the second half
    account(HALF - 1, cells[HALF + 2][0])  # first half, repeated in the second
    cells[HALF - 1][2] = "1380000"  # a bad phone on line HALF, just before the split
    cells[HALF + 4][8] = "A99"  # an unknown advisor after it (line HALF + 5)
    for n, key in enumerate(stored):  # existing clients in both halves
        account(10 + n, key)
        account(HALF + 20 + n, key)
    path.write_bytes("\r\n".join(",".join(c) for c in cells).encode("gbk"))
    return path


def read(path: Path) -> list[ImportRow]:
    sheet = open_sheet(path)
    cmap = find_header(CLIENTS, sheet.rows, None)
    return [row for row, _ in read_rows(cmap, sheet.rows) if row is not None]


def as_builtins(plan) -> dict:
    return {
        "puts": plan.puts,
        "created": plan.created,
        "updated": plan.updated,
        "unchanged": plan.unchanged,
        "errors": msgspec.to_builtins(plan.errors),
        "rows": plan.rows,
    }


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = datetime(2026, 11, 25, 9, 30, tzinfo=CST)
    monkeypatch.setattr(planners, "now", lambda: stamp)
    monkeypatch.setattr(forkplan, "now", lambda: stamp)


def one_process(demo_store, path: Path) -> dict:
    rows = read(path)
    reading = take_reading(demo_store, CLIENTS, rows, live=True)
    return as_builtins(make_plan(CLIENTS, rows, reading, ACTOR, consume=True))


def two_processes(demo_store, path: Path) -> dict:
    rows = read(path)
    reading = take_reading(demo_store, CLIENTS, rows, live=True)
    return as_builtins(forkplan.plan_rows(CLIENTS, rows, reading, ACTOR))


def test_two_processes_plan_exactly_what_one_does(
    demo_store, rows_file: Path, fixed_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = one_process(demo_store, rows_file)
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(forkplan, "MIN_ROWS", 100)
    monkeypatch.setattr(forkplan.os, "fork", lambda: forks.append(1) or real_fork())
    got = two_processes(demo_store, rows_file)
    assert forks == [1]
    assert got == expected
    lines = {e["line"]: e["reason"] for e in got["errors"]}
    assert "also on line 3" in lines[HALF + 2]
    assert f"also on line {HALF + 5}" in lines[HALF + 7]
    assert f"also on line {HALF + 1}" in lines[HALF + 3]
    assert "phone" in lines[HALF] and "A99" in lines[HALF + 5]
    assert got["updated"] + got["unchanged"] == 3  # the stored ones, once each


def test_a_small_file_is_planned_without_a_fork(
    demo_store, rows_file: Path, fixed_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = one_process(demo_store, rows_file)
    assert ROWS < forkplan.MIN_ROWS

    def no_fork() -> int:
        raise AssertionError("forked for a small file")

    monkeypatch.setattr(forkplan.os, "fork", no_fork)
    assert two_processes(demo_store, rows_file) == expected


def test_a_failed_child_leaves_its_half_to_the_parent(
    demo_store, rows_file: Path, fixed_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = one_process(demo_store, rows_file)
    monkeypatch.setattr(forkplan, "MIN_ROWS", 100)

    def broken(*args: object) -> None:
        raise RuntimeError("the child fails")  # raised only in the child: it sends nothing

    monkeypatch.setattr(forkplan, "_Part", broken)
    assert two_processes(demo_store, rows_file) == expected
