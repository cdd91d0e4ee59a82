"""The client book: search as you type, or browse the whole book page by page.

Each keystroke starts a search worker that replaces the one before (``exclusive``), so
only the answer to what is in the box now is shown. With the box empty the book is
listed in the chosen order, one server page at a time: the next page is fetched when
the cursor nears the end of what is loaded, so 50,000 rows are never fetched at once."""

from __future__ import annotations

import time
from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, Static

from branchdesk.remote import Endpoints

from ..messages import OpenClient
from ..widgets.client_table import ClientTable
from .base import DeskScreen, ScreenCommand

PAGE = 50
SEARCH_LIMIT = 50
#: (server sort, i18n word, the column whose header click picks it)
SORTS = (
    ("-assets", "tui.sort.assets", "assets"),
    ("-last_trade", "tui.sort.last_trade", "last_trade"),
    ("last_trade", "tui.sort.idle", None),
    ("tier", "tui.sort.tier", "tier"),
)


class ClientsScreen(DeskScreen):
    registry_name = "clients"
    title_key = "tui.screen.clients"
    BINDINGS = [
        Binding("enter", "open", "tui.key.open", id="clients.open"),
        Binding("ctrl+s", "sort", "tui.key.sort", id="clients.sort"),
        Binding("down", "results", "tui.key.results", show=False, id="clients.results"),
        Binding("escape", "clear", "tui.key.clear", id="clients.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = 0
        self.total = 0  # rows in the book (browsing) or matches (searching)
        self.query_text = ""
        self.shown_query: str | None = None  # whose results the table holds ("" = the book)
        self.shown_at = 0.0  # when they were put there (perf_counter), for the benchmark

    def compose_body(self) -> Iterable[Widget]:
        yield Input(placeholder=self.t("tui.clients.search"), id="search")
        yield Static(Text(self.t("tui.loading")), id="status")
        yield ClientTable(id="book")

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()

    @property
    def table(self) -> ClientTable:
        return self.query_one("#book", ClientTable)

    def reload(self) -> None:
        self.query_text = self.query_one("#search", Input).value.strip()
        if self.query_text:
            self.search(self.query_text)
        else:
            self.browse()

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.reload()

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self.action_open()

    # -- fetching -----------------------------------------------------------------------
    @work(exclusive=True, group="clients")
    async def search(self, text: str) -> None:
        found = await self.app.send(Endpoints.search_clients(text, limit=SEARCH_LIMIT))
        if found is None or text != self.query_text:
            return  # failed (the user was told), or the box has changed since
        self.total = len(found)
        self._fill(found, text)
        if found:
            self._status(self.t("tui.clients.matches", count=len(found), query=text))
        else:
            self._status(self.t("no_matches", query=text))
        self.loaded = True

    @work(exclusive=True, group="clients")
    async def browse(self) -> None:
        page = await self.app.send(Endpoints.list_clients(sort=SORTS[self.sort][0], limit=PAGE))
        if page is None or self.query_text:
            return
        self.total = page.total
        self._fill(page.items, "")
        self._browse_status()
        self.loaded = True

    @work(exclusive=True, group="page")
    async def more(self) -> None:
        offset = self.table.row_count
        call = Endpoints.list_clients(sort=SORTS[self.sort][0], offset=offset, limit=PAGE)
        page = await self.app.send(call)
        if page is None or self.query_text or self.table.row_count != offset:
            return
        self.table.add_clients(page.items, self.app.advisors)
        self._browse_status()

    def _fill(self, clients, query: str) -> None:  # type: ignore[no-untyped-def]
        table = self.table
        table.clear()
        table.add_clients(clients, self.app.advisors)
        table.move_cursor(0)
        self.shown_query, self.shown_at = query, time.perf_counter()

    def _browse_status(self) -> None:
        shown = self.t("showing", shown=f"{self.table.row_count:,}", total=f"{self.total:,}")
        self._status(f"{shown} · {self.t('tui.clients.sorted', sort=self.t(SORTS[self.sort][1]))}")

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(text))

    @on(ClientTable.Highlighted, "#book")
    def _near_the_end(self, event: ClientTable.Highlighted) -> None:
        table = self.table
        more_to_load = not self.query_text and table.row_count < self.total
        if more_to_load and event.cursor_row >= table.row_count - 10:
            self.more()

    # -- actions ------------------------------------------------------------------------
    @on(ClientTable.Selected, "#book")
    def _chosen(self, event: ClientTable.Selected) -> None:
        self.post_message(OpenClient(event.account_id))

    def action_open(self) -> None:
        key = self.table.current_key
        if key is not None:
            self.post_message(OpenClient(key))

    def action_results(self) -> None:
        self.table.focus()

    def action_clear(self) -> None:
        box = self.query_one("#search", Input)
        if box.value:
            box.value = ""
        box.focus()

    def action_sort(self, index: int | None = None) -> None:
        self.sort = (self.sort + 1) % len(SORTS) if index is None else index
        if self.query_text:
            self.query_one("#search", Input).value = ""  # sorting is for browsing the book
        else:
            self.browse()

    @on(ClientTable.HeaderClicked, "#book")
    def _header(self, event: ClientTable.HeaderClicked) -> None:
        for n, (_, _, column) in enumerate(SORTS):
            if column == event.column:
                self.action_sort(n)
                return

    def commands(self) -> list[ScreenCommand]:
        return super().commands() + [
            ScreenCommand(
                self.t("tui.cmd.sort", sort=self.t(word)),
                "",
                lambda n=n: self.action_sort(n),
            )
            for n, (_, word, _) in enumerate(SORTS)
        ]
