"""Periodic work inside the server, on its event loop (so it never races a request):
journal compaction when the branch is quiet, and jobs other capabilities schedule."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger("branchdesk.server")

Job = Callable[[], Awaitable[None] | None]


@dataclass
class Periodic:
    name: str
    every_seconds: float
    job: Job


class Background:
    def __init__(self) -> None:
        self.jobs: list[Periodic] = []
        self._tasks: list[asyncio.Task] = []

    def every(self, seconds: float, name: str) -> Callable[[Job], Job]:
        def register(job: Job) -> Job:
            self.jobs.append(Periodic(name, seconds, job))
            return job

        return register

    async def start(self) -> None:
        self._tasks = [asyncio.create_task(self._loop(p), name=p.name) for p in self.jobs]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def _loop(self, periodic: Periodic) -> None:
        while True:
            await asyncio.sleep(periodic.every_seconds)
            started = time.perf_counter()
            try:
                result = periodic.job()
                if asyncio.iscoroutine(result):
                    await result
            except Exception:
                log.exception("background job %s failed; it will run again", periodic.name)
            else:
                log.debug("%s took %.3fs", periodic.name, time.perf_counter() - started)
