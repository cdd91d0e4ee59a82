from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, MediaType, Response, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from branchdesk import audit
from branchdesk.access import may_edit, sees_in_full
from branchdesk.activity import Activity
from branchdesk.book import ClientBook, ClientPage
from branchdesk.errors import Forbidden, Invalid
from branchdesk.masking import masked
from branchdesk.models import ActivitySnapshot, Client, ClientStatus, Role, Staff, Tier
from branchdesk.models.api import ClientCreate, ClientUpdate
from branchdesk.models.derive import changes_of
from branchdesk.store import Store
from branchdesk.validate import parse

from ..auth import requires
from ..client_views import ClientViews
from ..params import Limit, Offset
from ..responses import signed_in


class ClientController(Controller):
    path = "/clients"
    tags = ["clients"]
    opt = requires("clients.read")

    @get("/", operation_id="listClients", responses=signed_in(), sync_to_thread=False)
    def list_clients(
        self,
        store: NamedDependency[Store],
        advisor_id: FromQuery[str | None] = None,
        tier: FromQuery[Tier | None] = None,
        status: FromQuery[ClientStatus | None] = None,
        sort: FromQuery[str] = "-assets",
        offset: Offset = 0,
        limit: Limit = 50,
    ) -> ClientPage:
        """One page of the book, filtered and sorted. Phone and ID are always masked in
        lists; open a client to see them in full (where your role allows)."""
        page = ClientBook(store).list(
            advisor_id=advisor_id, tier=tier, status=status, sort=sort, offset=offset, limit=limit
        )
        page.items = [masked(c) for c in page.items]
        return page

    @get("/search", operation_id="searchClients", responses=signed_in(), sync_to_thread=False)
    def search(
        self,
        store: NamedDependency[Store],
        q: Annotated[str, QueryParameter(min_length=1, max_length=60)],
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 20,
    ) -> Response[list[Client]]:
        """Search by account id, phone or its last digits, name, or pinyin (``wl``)."""
        return _json(ClientViews.of(store).masked_list(ClientBook(store).search_ids(q, limit)))

    @get(
        "/{account_id:str}",
        operation_id="getClient",
        responses=signed_in(404),
        sync_to_thread=False,
    )
    def get_client(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        account_id: FromPath[str],
        full: FromQuery[bool] = True,
    ) -> Response[Client]:
        """One client. Their advisor and managers see phone and ID in full, and every
        such view is written to the audit trail; others see them masked."""
        view = ClientViews.of(store).get(account_id)
        if not (full and sees_in_full(me, view.advisor_id)):
            return _json(view.masked)
        audit.record_view(
            store,
            actor=me.username,
            action="client.view_sensitive",
            entity="clients",
            entity_id=account_id,
            detail="phone and ID number shown in full",
        )
        return _json(view.full)

    @get(
        "/{account_id:str}/activity",
        operation_id="getClientActivity",
        responses=signed_in(404),
        sync_to_thread=False,
    )
    def activity(
        self, store: NamedDependency[Store], account_id: FromPath[str]
    ) -> list[ActivitySnapshot]:
        """The client's activity snapshots, oldest first."""
        ClientBook(store).get(account_id)
        return Activity(store).history(account_id).snapshots()

    @post(
        "/",
        operation_id="createClient",
        responses=signed_in(409),
        opt=requires("clients.write"),
        sync_to_thread=False,
    )
    def create(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        data: JSONBody[ClientCreate],
    ) -> Client:
        """Add a client to the book."""
        book = ClientBook(store)
        client = parse(Client, msgspec.to_builtins(data))
        if book.find(client.account_id) is not None:
            raise Invalid("a client with this account id exists; use PATCH", "account_id")
        if me.role is Role.ADVISOR and client.advisor_id != me.advisor_id:
            raise Forbidden("an advisor may add clients to their own book only")
        return book.save(client, actor=me.username, expected_version=0)[0]

    @patch(
        "/{account_id:str}",
        operation_id="updateClient",
        responses=signed_in(404, 409),
        opt=requires("clients.write"),
        sync_to_thread=False,
    )
    def update(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        account_id: FromPath[str],
        data: JSONBody[ClientUpdate],
    ) -> Client:
        """Change some fields; send the ``version`` you read (409 if it moved on)."""
        book = ClientBook(store)
        current = book.get(account_id)
        if not may_edit(me, current):
            raise Forbidden("an advisor may edit their own clients only")
        changes = changes_of(data)
        if "advisor_id" in changes and me.role is not Role.MANAGER:
            raise Forbidden("only a manager reassigns clients (or use a rebalancing plan)")
        return book.update(account_id, changes, actor=me.username, expected_version=data.version)


def _json(body: bytes) -> Response:
    """A response of JSON the server keeps ready (see ``client_views``)."""
    return Response(content=body, media_type=MediaType.JSON)
