"""Pick a client by typing: name, pinyin initials, account id or phone digits.

Each keystroke asks the server's search (the same one the client book uses); only the
answer to what is in the box now is shown. Enter or a click picks the highlighted one."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from branchdesk import i18n
from branchdesk.models import Client
from branchdesk.remote import Endpoints

MATCHES = 6


class ClientPicker(Vertical):
    class Picked(Message):
        def __init__(self, client: Client) -> None:
            super().__init__()
            self.client = client

    def __init__(self, client: Client | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.client = client
        self._found: dict[str, Client] = {}

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield Input(
            placeholder=i18n.t("tui.form.client_search", lang), id="client-query", compact=True
        )
        yield OptionList(id="client-matches")
        yield Static(id="client-picked")

    def on_mount(self) -> None:
        self.query_one("#client-matches", OptionList).display = False
        self._show_picked()

    def _show_picked(self) -> None:
        lang = self.app.lang
        c = self.client
        text = (
            Text(i18n.t("tui.form.no_client", lang), style="dim")
            if c is None
            else Text.assemble(
                ("✓ ", "bold"),
                (c.name, "bold"),
                f"  {c.account_id}  {i18n.label(c.tier, lang)}",
                f"  {c.risk_level.value}" if c.risk_level else "",
            )
        )
        self.query_one("#client-picked", Static).update(text)

    @on(Input.Changed, "#client-query")
    def _typed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if text:
            self.search(text)
        else:
            self.query_one("#client-matches", OptionList).display = False

    @work(exclusive=True, group="client-picker")
    async def search(self, text: str) -> None:
        found = await self.app.send(Endpoints.search_clients(text, limit=MATCHES))  # type: ignore[attr-defined]
        if found is None or text != self.query_one("#client-query", Input).value.strip():
            return
        self._found = {c.account_id: c for c in found}
        matches = self.query_one("#client-matches", OptionList)
        matches.clear_options()
        lang = self.app.lang
        for c in found:
            label = Text.assemble((c.name, "bold"), f"  {c.account_id}  {i18n.label(c.tier, lang)}")
            matches.add_option(Option(label, id=c.account_id))
        if not found:
            matches.add_option(Option(Text(i18n.t("no_matches", lang, query=text)), disabled=True))
        matches.highlighted = 0 if found else None
        matches.display = True

    @on(Input.Submitted, "#client-query")
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        matches = self.query_one("#client-matches", OptionList)
        if matches.display and matches.highlighted is not None:
            option = matches.get_option_at_index(matches.highlighted)
            if option.id:
                self._pick(option.id)

    @on(OptionList.OptionSelected, "#client-matches")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self._pick(event.option.id)

    def _pick(self, account_id: str) -> None:
        self.client = self._found[account_id]
        self.query_one("#client-matches", OptionList).display = False
        self._show_picked()
        self.post_message(self.Picked(self.client))

    def key_down(self) -> None:
        # From the box, Down moves through the matches without leaving the box.
        matches = self.query_one("#client-matches", OptionList)
        if matches.display and matches.option_count:
            matches.action_cursor_down()
