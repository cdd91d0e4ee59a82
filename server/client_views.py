"""Clients as the API shows them (in full, and masked), kept between requests as the
JSON the server sends.

Turning a stored client into a response (unpack the row, convert it to a ``Client``,
mask phone and ID, encode it) was most of the work of a read, twenty times over for a
search. The server keeps the JSON it made for each client beside the stored row it was
made from, and reuses it while the table still holds that very row: every write stores
a new row, so a changed client is never shown from an old view. Bytes, rather than
``Client`` objects, because the garbage collector never has to walk them: with some 30,000
cached structs its full collections took 80-220 ms, the server's worst pauses."""

from __future__ import annotations

from typing import NamedTuple
from weakref import WeakKeyDictionary

from litestar.serialization import encode_json

from branchdesk.errors import NotFound
from branchdesk.masking import masked
from branchdesk.models.client import clients_from_store
from branchdesk.store import Store

#: forget every view past this many clients (a view is about 1.5 KB; a book ~50,000)
LIMIT = 200_000

_BY_STORE: WeakKeyDictionary[Store, ClientViews] = WeakKeyDictionary()


class ClientView(NamedTuple):
    row: object  # the stored row the view was made from (compared by identity)
    advisor_id: str | None
    full: bytes  # the client as JSON, phone and ID in full
    masked: bytes  # the same, phone and ID masked


class ClientViews:
    def __init__(self, store: Store) -> None:
        self.table = store.table("clients")
        self._views: dict[str, ClientView] = {}

    @classmethod
    def of(cls, store: Store) -> ClientViews:
        views = _BY_STORE.get(store)
        if views is None:
            views = _BY_STORE[store] = cls(store)
        return views

    def get(self, account_id: str) -> ClientView:
        """The client's view; :class:`NotFound` when there is none."""
        view = self._view(account_id)
        if view is None:
            raise NotFound("client", account_id)
        return view

    def masked_list(self, account_ids: list[str]) -> bytes:
        """The clients, masked, as one JSON array (those still in the book)."""
        views = filter(None, map(self._view, account_ids))
        return b"[" + b",".join(view.masked for view in views) + b"]"

    def _view(self, account_id: str) -> ClientView | None:
        row = self.table.version_token(account_id)
        if row is None:
            return None
        view = self._views.get(account_id)
        if view is None or view.row is not row:
            doc = self.table.doc(account_id)
            assert doc is not None
            client = clients_from_store([doc])[0]
            if len(self._views) >= LIMIT:
                self._views.clear()
            view = ClientView(
                row, client.advisor_id, encode_json(client), encode_json(masked(client))
            )
            self._views[account_id] = view
        return view
