"""Group commit: every request's changes are on disk before its response leaves, and
the requests in flight share one fsync, run off the event loop.

Each transaction used to fsync the journal on the event loop: the whole server stood
still for one fsync per write (and per audited view), so with 20 people working, a
write waited for the 19 fsyncs queued before it. Now a request's transactions are
journaled without an fsync of their own (``Store.deferred_sync``), and before the
response starts, :meth:`GroupCommit.durable` waits until everything appended so far is
on disk: the first waiter starts an fsync in a worker thread, everyone who commits
meanwhile waits for the next one, and the loop keeps serving while the disk works.

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


class GroupCommit:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._flush: asyncio.Future[None] | None = None
        self._failed: BaseException | None = None

    async def durable(self, upto: int | None = None) -> None:
        """Return once the journal is on disk up to ``upto`` (default: all of it)."""
        target = self.store.journal_appended if upto is None else upto
        while self.store.journal_durable < target:
            if self._failed is not None:
                # After a failed fsync the page cache cannot be trusted: refuse to say
                # anything is saved until a restart replays the journal.
                raise StoreError("the journal could not be saved to disk; restart the server")
            if self._flush is None:
                self._flush = asyncio.ensure_future(self._sync())
            await asyncio.shield(self._flush)

    async def _sync(self) -> None:
        try:
            await asyncio.to_thread(self.store.sync_journal)
        except OSError as exc:
            self._failed = exc
            log.critical("fsync of the journal failed: %s; restart the server", exc)
            raise
        finally:
            self._flush = None

    async def settle(self) -> None:
        """Wait for an fsync in flight (before the store is closed under it)."""
        while self._flush is not None:
            try:
                await asyncio.shield(self._flush)
            except OSError:
                return

    def middleware(self, app: ASGIApp) -> ASGIApp:
        async def group_commit(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return

            async def send_when_durable(message: Message) -> None:
                if message["type"] == "http.response.start":
                    await self.durable()
                await send(message)

            with self.store.deferred_sync() as deferred:
                try:
                    await app(scope, receive, send_when_durable)
                finally:
                    # Changes made after the response started (background tasks), or
                    # before an error an outer layer answers, are made durable too.
                    await self.durable(deferred.upto)

        return group_commit
