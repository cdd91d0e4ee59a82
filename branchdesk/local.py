"""The branch's operations called in-process on an open store, for the CLI when no server
runs. Method for method the same as :class:`branchdesk.remote.SyncApiClient`, so a
command does not care which one it holds."""

from __future__ import annotations

from .book import ClientBook, ClientPage
from .models import Client, ClientStatus, Tier
from .store import Store


class LocalApi:
    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor
        self.book = ClientBook(store)

    def close(self) -> None:
        self.store.close()

    # -- clients ------------------------------------------------------------------------
    def list_clients(
        self,
        *,
        advisor_id: str | None = None,
        tier: Tier | None = None,
        status: ClientStatus | None = None,
        sort: str = "-assets",
        offset: int = 0,
        limit: int = 50,
    ) -> ClientPage:
        return self.book.list(
            advisor_id=advisor_id, tier=tier, status=status, sort=sort, offset=offset, limit=limit
        )

    def search_clients(self, query: str, *, limit: int = 20) -> list[Client]:
        return self.book.search(query, limit=limit)

    def get_client(self, account_id: str) -> Client:
        return self.book.get(account_id)
