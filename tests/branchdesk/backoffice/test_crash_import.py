"""A SIGKILL in the middle of an import leaves the book as it was (or, once the one
journal record is down, wholly imported): never half an import."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.imports import make_file
from branchdesk.schema import open_store

from .conftest import docs

pytestmark = pytest.mark.slow
ROWS = 20_000


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "clients.csv"
    make_file(path, ROWS)
    return path


def start_import(path: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "branchdesk.cli",
            "import",
            "clients",
            str(path),
            "--data",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def state_of(folder: Path, before: dict[str, dict]) -> str:
    """ "before" or "after"; anything else fails the test."""
    store = open_store(folder)  # must always open
    store.close(compact=False)
    clients = docs(folder, "clients")
    if clients == before:
        return "before"
    assert len(clients) == len(before) + ROWS, f"half an import: {len(clients) - len(before)} rows"
    assert all(clients[k] == v for k, v in before.items())
    return "after"


def test_a_kill_while_reading_leaves_the_book_as_it_was(demo_folder: Path, big_file: Path) -> None:
    before = docs(demo_folder, "clients")
    child = start_import(big_file, demo_folder)
    assert child.stderr.readline().startswith(b"read 5,000 of about")  # under way
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert state_of(demo_folder, before) == "before"


def test_a_kill_while_the_journal_is_written_is_all_or_nothing(
    demo_folder: Path, big_file: Path, tmp_path: Path
) -> None:
    """Kill as soon as the journal starts to grow (mid-write, or just after), and at
    moments in between: every time the folder opens, holding all of it or none."""
    seen = set()
    for round_no, delay in enumerate([None, None, 0.5, 2.0]):
        folder = tmp_path / f"round{round_no}"
        shutil.copytree(demo_folder, folder, ignore=shutil.ignore_patterns("lock"))
        before = docs(folder, "clients")
        journal = folder / "journal.jsonl"
        size = journal.stat().st_size if journal.exists() else 0
        child = start_import(big_file, folder)
        child.stderr.readline()
        if delay is None:
            deadline = time.monotonic() + 120
            while child.poll() is None and time.monotonic() < deadline:
                if journal.exists() and journal.stat().st_size > size:
                    break
        else:
            time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        seen.add(state_of(folder, before))
    assert seen <= {"before", "after"}
