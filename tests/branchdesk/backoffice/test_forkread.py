"""Reading a text file in two processes gives exactly what one process reads: the same
rows, errors and line numbers in file order — with a quoted cell spanning the middle
line, blank lines and bad rows on both sides of it; small files and XLSX are read
without a fork, and a failed child leaves its part to the parent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.imports import make_file
from branchdesk.backoffice import forkread
from branchdesk.backoffice.decode import open_sheet
from branchdesk.backoffice.headers import find_header
from branchdesk.backoffice.kinds import ADVISORS, CLIENTS
from branchdesk.backoffice.rows import read_rows

ROWS = 400


def parents_last_line() -> int:
    # ROWS + 1 lines, one more inside the quoted cell below and one for the blank row
    return int((ROWS + 3) * forkread.PARENT_SHARE)


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    """A bench-style GBK file, awkward around the line where the parent's part ends."""
    path = tmp_path / "clients.csv"
    make_file(path, ROWS)
    records = path.read_bytes().decode("gbk").split("\r\n")
    middle = parents_last_line()

    def cells(line: int) -> list[str]:
        return records[line - 1].split(",")

    def put(line: int, row: list[str]) -> None:
        records[line - 1] = ",".join(row)

    for line in (middle - 2, middle + 2, middle + 6):  # bad dates either side
        row = cells(line)
        row[5] = "2020-13-01"
        put(line, row)
    row = cells(middle + 4)
    row[0] = ""  # no account id (required)
    put(middle + 4, row)
    row = cells(middle - 1)
    row[3] = "not-an-id"  # an ID number (checked later, by the book) — read as it is
    put(middle - 1, row)
    row = cells(middle)
    row[1] = '"张\r\n三"'  # a quoted cell from the parent's last line into the child's
    put(middle, row)
    records.insert(middle + 1, ",,,,,,,,,,,")  # a blank row just after the middle
    path.write_bytes("\r\n".join(records).encode("gbk"))
    return path


def one_process(path: Path) -> list:
    sheet = open_sheet(path)
    cmap = find_header(CLIENTS, sheet.rows, None)
    return list(read_rows(cmap, sheet.rows))


def two_processes(path: Path) -> list:
    sheet = open_sheet(path)
    cmap = find_header(CLIENTS, sheet.rows, None)
    return list(forkread.read_sheet(cmap, sheet))


def test_two_processes_read_exactly_what_one_does(
    text_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = one_process(text_file)
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(forkread, "MIN_LINES", 100)
    monkeypatch.setattr(forkread.os, "fork", lambda: forks.append(1) or real_fork())
    got = two_processes(text_file)
    assert forks == [1]
    assert got == expected
    assert [type(v) for v in got[0][0].fields.values()] == [
        type(v) for v in expected[0][0].fields.values()
    ]
    middle = parents_last_line()
    assert int(open_sheet(text_file).total_lines * forkread.PARENT_SHARE) == middle
    # the quoted cell and the blank row put the lines after the middle two further on
    bad = [e.line for _, errors in got for e in errors]
    assert bad == [middle - 2, middle + 4, middle + 6, middle + 8]
    split = [row for row, _ in got if row is not None and row.line == middle]
    assert split[0].fields["name"] == "张\r\n三"


def test_a_small_file_is_read_without_a_fork(
    text_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = one_process(text_file)
    assert ROWS < forkread.MIN_LINES

    def no_fork() -> int:
        raise AssertionError("forked for a small file")

    monkeypatch.setattr(forkread.os, "fork", no_fork)
    assert two_processes(text_file) == expected


def test_a_failed_child_leaves_its_part_to_the_parent(
    text_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = one_process(text_file)
    monkeypatch.setattr(forkread, "MIN_LINES", 100)

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("the child fails")  # only the child pickles: it sends nothing

    monkeypatch.setattr(forkread.pickle, "dumps", broken)
    assert two_processes(text_file) == expected


def test_an_xlsx_file_is_read_without_a_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    from fixtures.samples import FOLDER

    path = FOLDER / "advisors.xlsx"
    monkeypatch.setattr(forkread, "MIN_LINES", 0)

    def no_fork() -> int:
        raise AssertionError("forked for an XLSX file")

    monkeypatch.setattr(forkread.os, "fork", no_fork)
    sheet = open_sheet(path)
    assert sheet.format == "xlsx"
    cmap = find_header(ADVISORS, sheet.rows, None)
    assert all(row is not None for row, _ in forkread.read_sheet(cmap, sheet))


def test_an_import_stopped_early_ends_the_child(
    text_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        pids.append(pid)
        return pid

    monkeypatch.setattr(forkread, "MIN_LINES", 100)
    monkeypatch.setattr(forkread.os, "fork", fork)
    sheet = open_sheet(text_file)
    reading = forkread.read_sheet(find_header(CLIENTS, sheet.rows, None), sheet)
    next(reading)  # e.g. the server refused the first batch: the rest is never read
    reading.close()  # type: ignore[attr-defined]
    with pytest.raises(ChildProcessError):  # killed and reaped: no child left
        os.waitpid(pids[0], os.WNOHANG)
