"""Clients as the API shows them (in full, or masked), kept between requests.

Turning a stored client into a ``Client`` (unpack the row, convert it, mask phone and
ID) was most of the work of a read, twenty times over for a search. The server keeps
each view it made beside the stored row it was made from, and reuses it while the
table still holds that very row: every write stores a new row, so a changed client is
never shown from an old view. The views are shared between requests: read them,
never change them (``msgspec.structs.replace`` makes a changed copy)."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from branchdesk.errors import NotFound
from branchdesk.masking import masked
from branchdesk.models import Client
from branchdesk.models.client import clients_from_store
from branchdesk.store import Store

#: forget every view past this many clients (a view of a client is about 1 KB)
LIMIT = 20_000

_BY_STORE: WeakKeyDictionary[Store, ClientViews] = WeakKeyDictionary()


class ClientViews:
    def __init__(self, store: Store) -> None:
        self.table = store.table("clients")
        # account id → (the stored row, the client in full, the client masked)
        self._views: dict[str, tuple[object, Client, Client]] = {}

    @classmethod
    def of(cls, store: Store) -> ClientViews:
        views = _BY_STORE.get(store)
        if views is None:
            views = _BY_STORE[store] = cls(store)
        return views

    def get(self, account_id: str) -> tuple[Client, Client]:
        """The client (in full, masked); :class:`NotFound` when there is none."""
        view = self._view(account_id)
        if view is None:
            raise NotFound("client", account_id)
        return view[1], view[2]

    def masked_many(self, account_ids: list[str]) -> list[Client]:
        views = map(self._view, account_ids)
        return [view[2] for view in views if view is not None]

    def _view(self, account_id: str) -> tuple[object, Client, Client] | None:
        row = self.table.version_token(account_id)
        if row is None:
            return None
        view = self._views.get(account_id)
        if view is None or view[0] is not row:
            doc = self.table.doc(account_id)
            assert doc is not None
            client = clients_from_store([doc])[0]
            if len(self._views) >= LIMIT:
                self._views.clear()
            view = self._views[account_id] = (row, client, masked(client))
        return view
