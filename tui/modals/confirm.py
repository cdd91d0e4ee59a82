"""A yes/no question before something that changes many records (apply, undo, depart).

The answer is the dialog's result (``True`` to go ahead). The go-ahead button has the
focus and names what will happen ("Apply 544 moves"), so Enter after reading is enough,
and Escape always backs out."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from branchdesk import i18n

from ..words import translate_bindings


class ConfirmModal(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "cancel", "tui.key.cancel", id="confirm.cancel")]

    def __init__(self, title: str, body: str, yes: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="dialog")
        self.title_text, self.body, self.yes = title, body, yes
        translate_bindings(self, self.app.lang)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box confirm-box"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.body), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(i18n.t("tui.key.cancel", self.app.lang), id="no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)
