"""The line at the top: where you are, who is signed in, which server."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from branchdesk import i18n


class TopBar(Static):
    def __init__(self, title: str) -> None:
        super().__init__(id="topbar")
        self.title = title

    def on_mount(self) -> None:
        app = self.app
        lang = app.lang
        left = f"{i18n.t('tui.title', lang)} · {self.title}"
        me = app.me
        who = (
            i18n.t("tui.signed_in_as", lang, name=me.display_name, role=i18n.label(me.role, lang))
            if me
            else ""
        )
        # Text, not markup: a display name is user data.
        self.update(Text.assemble((left, "bold"), "   ", who, "   ", (app.api.base_url, "dim")))
