"""End to end: the service desk's commands through a running ``branchdesk serve``, signed
in as the staff member whose role decides what they may do."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import pytest

from branchdesk.schema import open_store
from branchdesk.tasks import TaskBook
from tests.live_server import BRANCHDESK, live_server

pytestmark = pytest.mark.slow
WANG = "310000000002"


def cli(*args: str, user: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRANCHDESK_USER": user, "BRANCHDESK_PASSWORD": "branchdesk"}
    return subprocess.run(
        [*BRANCHDESK, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_greetings_and_tasks_through_the_server(demo_folder: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "out.csv"
    with live_server(demo_folder):
        d = ("--data", str(demo_folder))
        sent = cli(
            "greetings",
            "--occasion",
            "national_day",
            "--date",
            "2026-10-01",
            "--outbox",
            str(outbox),
            "--encoding",
            "gbk",
            *d,
            "--json",
            user="manager",
        )
        assert sent.returncode == 0, sent.stderr
        drafted = json.loads(sent.stdout)["drafted"]
        with outbox.open(encoding="gbk", newline="") as f:
            assert len(list(csv.DictReader(f))) == drafted > 1000
        again = cli(
            "greetings",
            "--occasion",
            "national_day",
            "--date",
            "2026-10-01",
            "--outbox",
            str(outbox),
            *d,
            "--json",
            user="manager",
        )
        assert json.loads(again.stdout)["drafted"] == 0
        refused = cli("greetings", "--occasion", "birthday", *d, user="a02")
        assert refused.returncode == 1 and "may not send greetings" in refused.stderr
        added = cli(
            "tasks",
            "add",
            WANG,
            "--channel",
            "phone",
            "--purpose",
            "relationship",
            "--due",
            "2026-11-25",
            *d,
            "--json",
            user="a02",
        )
        task = json.loads(added.stdout)
        mine = cli("tasks", "mine", *d, "--json", user="a02")  # the server knows who a02 is
        assert task["id"] in {t["id"] for t in json.loads(mine.stdout)["items"]}
        done = cli(
            "tasks", "complete", task["id"], "--outcome", "reached", *d, "--json", user="a02"
        )
        assert json.loads(done.stdout)["done_by"] == "a02"
    store = open_store(demo_folder)  # everything the server was told is on disk
    try:
        assert TaskBook(store).get(task["id"]).status.value == "done"
        assert (
            len(store.table("tasks").index("occasion").get(f"greeting:national_day:2026:{WANG}"))
            == 1
        )
    finally:
        store.close(compact=False)
