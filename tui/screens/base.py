"""``DeskScreen``: what every screen after sign-in shares.

Top bar, nav, the server-unreachable banner and the footer come from here; a screen
yields only its body (``compose_body``) and fetches its data in ``reload``, which the
shell also calls after the server comes back or the user signs in again."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from branchdesk import i18n

from ..widgets.banner import Banner
from ..widgets.nav import Nav
from ..widgets.topbar import TopBar
from ..words import translate_bindings


@dataclass(frozen=True)
class ScreenCommand:
    """A command-palette entry offered by the screen it was opened from."""

    title: str
    help: str
    run: Callable[[], object]


class DeskScreen(Screen):
    #: the registry entry this screen belongs to (highlighted in the nav)
    registry_name: ClassVar[str] = ""
    #: i18n key of the title shown in the top bar
    title_key: ClassVar[str] = ""

    BINDINGS = [Binding("f5,ctrl+r", "reload", "tui.key.refresh", id="screen.refresh")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.lang)
        #: False until a reload succeeded; a screen shown again after a failure retries
        self.loaded = False
        self._resumed_before = False

    @property
    def lang(self) -> str:
        return self.app.lang

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.app.lang, **values)

    def compose(self) -> ComposeResult:
        yield TopBar(self.t(self.title_key))
        yield Banner(id="banner")
        with Horizontal(id="desk"):
            yield Nav(self.registry_name)
            with Vertical(id="body"):
                yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> Iterable[Widget]:
        return ()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        # Shown again (another screen closed or the user came back to this one): fetch
        # again only if the last fetch failed. The first resume comes with the mount.
        if self._resumed_before and not self.loaded:
            self.reload()
        self._resumed_before = True

    def reload(self) -> None:
        """Fetch this screen's data (start workers; never block)."""

    def action_reload(self) -> None:
        self.reload()

    def commands(self) -> list[ScreenCommand]:
        """Commands this screen adds to the palette."""
        return [
            ScreenCommand(self.t("tui.key.refresh"), self.t("tui.cmd.refresh.help"), self.reload)
        ]
