"""F1: every key, grouped as the user thinks of them — screens, this screen, everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from branchdesk import i18n

from ..words import translate_bindings

if TYPE_CHECKING:
    from ..app import BranchDeskApp

Section = tuple[str, list[tuple[str, str]]]  # (heading, [(key, what it does)])


def help_sections(app: BranchDeskApp) -> list[Section]:
    """Read from the live bindings, so the help can never disagree with the keys."""
    lang = app.lang
    screens = [
        (app.get_key_display_for(e.key), i18n.t(e.title, lang)) for e in app.visible_screens()
    ]
    here: list[tuple[str, str]] = []
    everywhere: list[tuple[str, str]] = []
    seen: set[str] = set()
    for node, binding, enabled, _ in app.screen.active_bindings.values():
        if not enabled or not binding.description or binding.system or binding.action in seen:
            continue
        if binding.action.startswith("goto"):
            continue  # listed under the screens
        if node is not app and node is not app.screen:
            continue  # a widget's own editing and scrolling keys are the usual ones
        seen.add(binding.action)
        row = (app.get_key_display(binding), binding.description)
        (everywhere if node is app else here).append(row)
    everywhere.append(("Esc", i18n.t("tui.key.back", lang)))
    return [
        (i18n.t("tui.help.screens", lang), screens),
        (i18n.t("tui.help.this_screen", lang), here),
        (i18n.t("tui.help.everywhere", lang), everywhere),
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1", "close", "tui.key.back", id="help.close"),
    ]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__(id="help")
        self.sections = sections
        translate_bindings(self, self.app.lang)

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with VerticalScroll(id="help-box"):
            yield Static(Text(i18n.t("tui.help.title", lang), style="bold"), id="help-title")
            for heading, rows in self.sections:
                if not rows:
                    continue
                grid = Table.grid(padding=(0, 2))
                grid.add_column(style="bold", no_wrap=True)
                grid.add_column()
                for key, what in rows:
                    grid.add_row(Text(key), Text(what))
                yield Static(Text(heading, style="underline"), classes="help-heading")
                yield Static(grid)
            yield Static(Text(i18n.t("tui.help.close", lang), style="dim"), id="help-close")

    def action_close(self) -> None:
        self.dismiss(None)
