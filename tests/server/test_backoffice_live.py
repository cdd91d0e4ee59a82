"""End to end with the real ``branchdesk serve``: the CLI imports, exports and backs up
through it with the caller's credentials, and restore refuses the folder it uses."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from branchdesk.schema import open_store
from fixtures.samples import FOLDER as SAMPLES
from tests.live_server import BRANCHDESK, live_server

pytestmark = pytest.mark.slow


def run(*args: object, user: str = "manager") -> subprocess.CompletedProcess:
    env = {**os.environ, "BRANCHDESK_USER": user, "BRANCHDESK_PASSWORD": "branchdesk"}
    return subprocess.run(
        [*BRANCHDESK, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def test_imports_go_through_the_running_server(demo_folder: Path, tmp_path: Path) -> None:
    data = ("--data", demo_folder)
    with live_server(demo_folder):
        done = run("import", "clients", SAMPLES / "clients-gbk.csv", *data, "--json")
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["created"] == 6 and report["applied"]
        again = json.loads(
            run("import", "clients", SAMPLES / "clients-gbk.csv", *data, "--json").stdout
        )
        assert again["unchanged"] == 6 and again["created"] == again["updated"] == 0
        shown = json.loads(run("clients", "show", "320000000101", *data, "--json").stdout)
        assert shown["total_assets"] == 1_823_500.0
        bad = run("import", "clients", SAMPLES / "clients-bad.csv", *data)
        assert (
            bad.returncode == 2 and "line 7, 理财经理 (advisor_id): no advisor 'A99'" in bad.stdout
        )
        refused = run("import", "clients", SAMPLES / "clients-gbk.csv", *data, user="frontdesk")
        assert refused.returncode == 1 and "may not import back-office files" in refused.stderr
    store = open_store(demo_folder, readonly=True)
    try:
        assert "320000000101" in store.table("clients") and "320000000202" not in store.table(
            "clients"
        )
    finally:
        store.close()


def test_backup_while_the_server_runs_and_restore_refuses_its_folder(
    demo_folder: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "b.tar.gz"
    with live_server(demo_folder) as (_, proc):
        assert (
            run("backup", "--data", demo_folder, "--out", archive, user="manager").returncode == 1
        )
        made = run("backup", "--data", demo_folder, "--out", archive, "--json", user="admin")
        assert made.returncode == 0, made.stderr
        assert json.loads(made.stdout)["counts"]["clients"] == 2000
        refused = run("restore", archive, "--data", demo_folder, "--force")
        assert refused.returncode == 1
        assert f"pid {proc.pid}" in refused.stderr and "never overwritten" in refused.stderr
        exported = run(
            "export", "clients", "--data", demo_folder, "--out", tmp_path / "c.csv", user="admin"
        )
        assert exported.returncode == 0 and "masked in 2,000 rows" in exported.stdout
    restored = tmp_path / "restored"
    assert run("restore", archive, "--data", restored).returncode == 0
    mine, theirs = open_store(restored, readonly=True), open_store(demo_folder, readonly=True)
    try:
        for table in ("clients", "activity", "tasks", "staff", "advisors"):
            assert dict(mine.table(table)._read_table()) == dict(theirs.table(table)._read_table())
    finally:
        mine.close()
        theirs.close()
