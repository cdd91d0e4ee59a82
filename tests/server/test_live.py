"""End to end: the real ``branchdesk serve`` on loopback, the typed client, SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
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


def test_every_answered_write_survives_sigkill_of_the_server(demo_folder: Path) -> None:
    # Writers share fsyncs (group commit); an answer still means the write is journaled.
    answered: list[str] = []
    with live_server(demo_folder) as (url, proc):
        login = {"username": "manager", "password": "branchdesk"}
        token = httpx.post(f"{url}/auth/login", json=login).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        body = {"account_id": WANG, "channel": "phone", "purpose": "relationship"}

        def write(day: int) -> None:
            with httpx.Client(base_url=url, headers=headers, timeout=10) as http:
                while True:
                    try:
                        response = http.post("/tasks", json={**body, "due_date": f"2026-12-{day}"})
                    except httpx.TransportError:
                        return  # the server is gone
                    answered.append(response.json()["id"])

        writers = [threading.Thread(target=write, args=(10 + n,)) for n in range(8)]
        for w in writers:
            w.start()
        while len(answered) < 50:
            assert all(w.is_alive() for w in writers)
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for w in writers:
            w.join(10)
    store = open_store(demo_folder)
    missing = [i for i in answered if i not in store.table("tasks")]
    store.close(compact=False)
    assert not missing
