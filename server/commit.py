"""Group commit: every request's changes are on disk before its response leaves, and
the requests in flight share one fsync, run off the event loop.

Each transaction used to fsync the journal on the event loop: the whole server stood
still for one fsync per write (and per audited view), so with 20 people working, a
write waited for the 19 fsyncs queued before it. Now a request's transactions are
journaled without an fsync of their own (``Store.deferred_sync``), and before the
response starts, :meth:`GroupCommit.durable` waits until everything appended so far is
on disk: the first waiter starts a flusher that runs fsyncs in a worker thread while
anyone waits, everyone who commits during one waits for the next, and the loop keeps
serving while the disk works.

What a response says was saved is on disk, as before. Every response, reads included,
waits until everything appended before it is durable, so nobody is shown a change a
crash could still take back. Background jobs outside requests fsync as before."""

from __future__ import annotations

import asyncio
import logging

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from branchdesk.errors import StoreError
from branchdesk.store import Store

log = logging.getLogger("branchdesk.server")

#: turns of the event loop the flusher waits before an fsync (see ``_flush``)
YIELDS_BEFORE_FSYNC = 3


class GroupCommit:
    def __init__(self, store: Store) -> None:
        self.store = store
        # Requests waiting for the disk: (journal mark, future). A mark of None: the
        # request left documents to ``Store.insert_later``, so its mark is wherever the
        # journal ends once they are written, at the start of the next fsync.
        self._waiting: list[tuple[int | None, asyncio.Future[None]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self._failed: BaseException | None = None

    async def durable(self, upto: int | None = None, *, inserts_later: bool = False) -> None:
        """Return once the journal is on disk up to ``upto`` (default: all of it); with
        ``inserts_later``, also the documents this request left to the group commit
        (``Store.insert_later``; other requests' are none of its concern)."""
        mark: int | None = None
        if not (inserts_later and self.store.inserts_waiting):
            mark = self.store.journal_appended if upto is None else upto
            if mark <= self.store.journal_durable:
                return  # nothing of ours waits for the disk: no await, no task switch
        if self._failed is not None:
            # After a failed fsync the page cache cannot be trusted: refuse to say
            # anything is saved until a restart replays the journal.
            raise StoreError("the journal could not be saved to disk; restart the server")
        # One future per request, set once by the flusher: a waiter wakes exactly once
        # (waiting on a shared fsync and checking again cost several wake-ups each).
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((mark, done))
        if self._flusher is None:
            self._flusher = asyncio.ensure_future(self._flush())
        await done

    async def _flush(self) -> None:
        """Run fsyncs, one after another, while anyone waits for one. Everything that
        asks while one runs waits for the next, and they all share it."""
        try:
            while self._waiting:
                # Let the requests already under way reach this fsync first: a few turns
                # of the loop (no timer: microseconds when idle). On a fast disk the
                # fsync otherwise ended before the next requests got there; each costs
                # ~0.15 ms of CPU and two thread hand-offs. Under 20 writers this took
                # an fsync from ~8 requests to ~15.
                for _ in range(YIELDS_BEFORE_FSYNC):
                    await asyncio.sleep(0)
                # Documents left for the group commit (the audit entries of full
                # views) are journaled now, all in one record, just before the fsync
                # that makes them durable: one record per fsync, not one per view.
                self.store.write_later()
                appended = self.store.journal_appended
                self._waiting = [(appended if m is None else m, f) for m, f in self._waiting]
                await asyncio.to_thread(self.store.sync_journal)
                durable = self.store.journal_durable
                still = []
                for mark, done in self._waiting:
                    if mark is not None and mark <= durable:
                        if not done.done():
                            done.set_result(None)
                    else:
                        still.append((mark, done))
                self._waiting = still
        except BaseException as exc:
            self._failed = exc
            log.critical("saving the journal failed: %s; restart the server", exc)
            waiting, self._waiting = self._waiting, []
            for _, done in waiting:
                if not done.done():
                    done.set_exception(
                        StoreError("the journal could not be saved to disk; restart the server")
                    )
            if not isinstance(exc, Exception):
                raise
        finally:
            self._flusher = None

    async def settle(self) -> None:
        """Wait for the fsyncs in flight (before the store is closed under them; closing
        writes what ``insert_later`` still holds)."""
        while self._flusher is not None:
            await asyncio.wait([self._flusher])

    def middleware(self, app: ASGIApp) -> ASGIApp:
        async def group_commit(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return

            async def send_when_durable(message: Message) -> None:
                if message["type"] == "http.response.start":
                    await self.durable(inserts_later=deferred.left_inserts)
                await send(message)

            with self.store.deferred_sync(inserts_later=True) as deferred:
                try:
                    await app(scope, receive, send_when_durable)
                finally:
                    # Changes made after the response started (background tasks), or
                    # before an error an outer layer answers, are made durable too.
                    await self.durable(deferred.upto, inserts_later=deferred.left_inserts)

        return group_commit
