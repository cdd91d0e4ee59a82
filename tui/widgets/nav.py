"""The left-hand nav: one line per screen the signed-in role may open, with its key."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from branchdesk import i18n

from ..registry import ScreenEntry


class NavItem(Static):
    def __init__(self, entry: ScreenEntry, text: Text, *, current: bool) -> None:
        super().__init__(text, id=f"nav-{entry.name}", classes="-current" if current else "")
        self.entry = entry

    def on_click(self) -> None:
        self.app.run_action(f"goto('{self.entry.name}')")


class Nav(Vertical):
    def __init__(self, current: str) -> None:
        super().__init__(id="nav")
        self.current = current

    def compose(self) -> ComposeResult:
        app = self.app
        for entry in app.visible_screens():
            key = app.get_key_display_for(entry.key).upper()
            text = Text.assemble((f"{key:>3} ", "bold"), i18n.t(entry.title, app.lang))
            yield NavItem(entry, text, current=entry.name == self.current)
