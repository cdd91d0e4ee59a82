"""End to end: the real ``branchdesk serve`` on loopback, the typed client, SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from branchdesk.book import ClientBook
from branchdesk.errors import Conflict, Unauthorized
from branchdesk.remote import SyncApiClient
from branchdesk.schema import open_store
from tests.live_server import BRANCHDESK, live_server

pytestmark = pytest.mark.slow
WANG = "310000000002"


def test_serve_sign_in_read_change_and_stop_with_sigterm(demo_folder: Path) -> None:
    with live_server(demo_folder) as (url, proc):
        assert url.startswith("http://127.0.0.1:")
        api = SyncApiClient.connect(url)
        with pytest.raises(Unauthorized):
            api.get_client(WANG)
        api.login("a02", "branchdesk")
        client = api.get_client(WANG)
        assert client.name == "王女士" and client.phone == "13812345678"
        changed = api.update_client(WANG, {"email": "wang@example.cn"}, version=client.version)
        with pytest.raises(Conflict):
            api.update_client(WANG, {"email": "other@example.cn"}, version=client.version)
        api.close()
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
        assert proc.returncode in (0, -signal.SIGTERM)
        assert "Server stopped; everything is saved" in out
    assert (demo_folder / "journal.jsonl").stat().st_size == 0  # folded into the snapshot
    store = open_store(demo_folder)
    stored = ClientBook(store).get(WANG)
    assert stored.email == "wang@example.cn" and stored.version == changed.version
    store.close()


def test_cli_goes_through_the_running_server_with_its_roles(demo_folder: Path) -> None:
    with live_server(demo_folder) as (url, _):
        env = {**os.environ, "BRANCHDESK_USER": "frontdesk", "BRANCHDESK_PASSWORD": "branchdesk"}
        out = subprocess.run(
            [*BRANCHDESK, "clients", "show", WANG, "--data", str(demo_folder), "--json"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        assert json.loads(out)["phone"] == "138****5678"  # masked for the front desk
        busy = subprocess.run(
            [*BRANCHDESK, "clients", "list", "--data", str(demo_folder)],
            capture_output=True,
            text=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("BRANCHDESK_USER")},
            stdin=subprocess.DEVNULL,
        )
        assert busy.returncode == 1 and url in busy.stderr and "branchdesk login" in busy.stderr


def test_a_second_server_on_the_same_folder_is_refused(demo_folder: Path) -> None:
    with live_server(demo_folder) as (url, proc):
        second = subprocess.run(
            [*BRANCHDESK, "serve", "--data", str(demo_folder), "--port", "0"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert second.returncode == 1
        assert f"pid {proc.pid}" in second.stderr and url in second.stderr
