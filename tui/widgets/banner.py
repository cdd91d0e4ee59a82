"""The banner that says the server is unreachable (on every screen, sign-in included)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from branchdesk import i18n


class Banner(Static):
    def on_mount(self) -> None:
        self.watch(self.app, "offline", self._show, init=True)

    def _show(self, offline: bool) -> None:
        self.display = offline
        if offline:
            app = self.app
            text = i18n.t(
                "tui.offline", app.lang, url=app.api.base_url, seconds=f"{app.RETRY_SECONDS:g}"
            )
            self.update(Text(f"⚠ {text}"))
