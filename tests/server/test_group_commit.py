"""Group commit: a response leaves only once what it reports (and everything it could
have seen) is on disk; the requests in flight share one fsync, run off the loop."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import AsyncIterator

import httpx
import pytest
from litestar import Litestar

from branchdesk.store import Store
from fixtures.demo import DEMO_PASSWORD

WANG = "310000000002"
TASK = {"account_id": WANG, "channel": "phone", "purpose": "relationship"}


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    # httpx's ASGI transport runs the app on the test's own loop, so requests really
    # overlap (Litestar's AsyncTestClient runs each one to the end in a portal thread).
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post(
            "/auth/login", json={"username": "manager", "password": DEMO_PASSWORD}
        )
        client.headers["Authorization"] = f"Bearer {response.json()['token']}"
        yield client


class Disk:
    """os.fdatasync, counted, and held shut until the test opens it."""

    def __init__(self) -> None:
        self.calls = 0
        self.open = threading.Event()
        self.entered = threading.Event()
        self.real = os.fdatasync

    def fdatasync(self, fd: int) -> None:
        self.calls += 1
        self.entered.set()
        assert self.open.wait(10), "the test never let the fsync finish"
        self.real(fd)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    disk = Disk()
    monkeypatch.setattr(os, "fdatasync", disk.fdatasync)
    return disk


async def until(event: threading.Event) -> None:
    for _ in range(500):
        if event.is_set():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


async def test_a_write_is_answered_only_after_its_fsync_which_leaves_the_loop_free(
    client: httpx.AsyncClient, disk: Disk, demo_store: Store
) -> None:
    first = asyncio.ensure_future(client.post("/tasks", json={**TASK, "due_date": "2026-12-01"}))
    await until(disk.entered)
    appended = demo_store.journal_appended
    second = asyncio.ensure_future(client.post("/tasks", json={**TASK, "due_date": "2026-12-02"}))
    for _ in range(500):  # the second is handled while the first one's fsync runs
        if demo_store.journal_appended > appended:
            break
        await asyncio.sleep(0.01)
    assert demo_store.journal_appended > appended
    assert not first.done() and not second.done()  # neither is on disk yet
    disk.open.set()
    assert (await first).status_code == (await second).status_code == 201
    assert demo_store.journal_durable == demo_store.journal_appended


async def test_nobody_is_shown_a_change_before_it_is_on_disk(
    client: httpx.AsyncClient, disk: Disk
) -> None:
    write = asyncio.ensure_future(client.post("/tasks", json={**TASK, "due_date": "2026-12-02"}))
    await until(disk.entered)
    read = asyncio.ensure_future(client.get(f"/clients/{WANG}/tasks"))
    await asyncio.sleep(0.2)
    assert not read.done()  # it would show the task not yet on disk
    disk.open.set()
    created = (await write).json()
    assert created["id"] in [t["id"] for t in (await read).json()]


async def test_concurrent_writes_share_fsyncs(client: httpx.AsyncClient, disk: Disk) -> None:
    disk.open.set()
    writes = [
        client.post("/tasks", json={**TASK, "due_date": f"2026-12-{day:02d}"})
        for day in range(1, 21)
    ]
    responses = await asyncio.gather(*writes)
    assert all(r.status_code == 201 for r in responses)
    assert disk.calls < 20


async def test_after_a_failed_fsync_nothing_is_reported_saved(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdatasync", broken)
    write = await client.post("/tasks", json={**TASK, "due_date": "2026-12-03"})
    assert write.status_code == 500
    monkeypatch.undo()  # the disk is back, yet the server trusts nothing until a restart
    assert (await client.get("/health")).status_code == 500


async def test_a_full_view_is_answered_only_once_its_audit_entry_is_on_disk(
    client: httpx.AsyncClient, disk: Disk, demo_store: Store
) -> None:
    audit = demo_store.table("audit")
    before = len(audit)
    views = [asyncio.ensure_future(client.get(f"/clients/{WANG}")) for _ in range(5)]
    await until(disk.entered)
    await asyncio.sleep(0.2)
    assert not any(v.done() for v in views)  # none shown before its entry is durable
    disk.open.set()
    for view in views:
        response = await view
        assert response.status_code == 200 and response.json()["masked"] is False
    assert len(audit) == before + 5
    assert demo_store.journal_durable == demo_store.journal_appended
    assert disk.calls <= 3  # the five entries shared fsyncs (and journal records)
    trail = await client.get(
        "/audit", params={"entity_id": WANG, "action": "client.view_sensitive"}
    )
    assert trail.json()["total"] >= 5
    assert {e["actor"] for e in trail.json()["items"]} == {"manager"}


async def test_when_the_audit_entry_cannot_be_saved_the_view_is_refused(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdatasync", broken)
    response = await client.get(f"/clients/{WANG}")
    monkeypatch.undo()
    assert response.status_code == 500
    assert "13812345678" not in response.text
