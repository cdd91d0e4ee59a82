"""Requests are served on the event loop, in one task: no hop to Litestar's worker
threads and no task group on the hot paths (either costs more than the work; the store
is not thread-safe anyway). The one thing sent to a thread is the journal's fsync,
shared by the requests in flight (tests/server/test_group_commit.py)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import litestar._kwargs.kwargs_model
import pytest
from litestar.concurrency import set_asyncio_executor
from litestar.testing import TestClient

WANG = "310000000002"


class NoThreads(ThreadPoolExecutor):
    def submit(self, *args, **kwargs):  # type: ignore[override]
        raise AssertionError("a request handed work to a worker thread")


@pytest.fixture
def no_threads() -> Iterator[None]:
    set_asyncio_executor(NoThreads())
    yield
    set_asyncio_executor(None)


@pytest.fixture
def no_task_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Litestar resolves a handler's independent dependencies concurrently, in a task
    group; ours are chained so that never happens."""

    def refuse() -> None:
        raise AssertionError("dependencies resolved in a task group")

    monkeypatch.setattr(litestar._kwargs.kwargs_model, "create_task_group", refuse)


def test_guarded_reads_and_writes_stay_on_the_loop(
    http: TestClient, as_role, no_threads: None, no_task_groups: None
) -> None:
    manager, frontdesk = as_role("manager"), as_role("frontdesk")
    assert http.get(f"/clients/{WANG}", headers=manager).status_code == 200
    assert http.get(f"/clients/{WANG}", headers=frontdesk).status_code == 200
    assert http.get("/clients/search", params={"q": "wns"}, headers=manager).status_code == 200
    task = {"account_id": WANG, "channel": "phone", "purpose": "relationship"}
    created = http.post("/tasks", json={**task, "due_date": "2026-12-01"}, headers=manager)
    assert created.status_code == 201
    # A refusal by a guard stays on the loop too.
    assert http.get("/audit", headers=frontdesk).status_code == 403
