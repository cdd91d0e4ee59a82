"""``BranchDeskApp``: the shell every screen lives in. It holds the API client (the
only way to the server), who is signed in, the language, and the online state; screens
come from the registry in :mod:`tui.screens`, one Textual mode per screen."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from branchdesk import i18n
from branchdesk.errors import BranchDeskError
from branchdesk.models import Advisor
from branchdesk.models.api import LoginResponse, StaffView
from branchdesk.remote import ApiClient, Call, Endpoints

from . import connection
from .commands import DeskCommands
from .messages import OpenClient
from .modals.help import HelpScreen, help_sections
from .registry import ScreenEntry, visible_for
from .screens import SCREENS
from .screens.base import DeskScreen
from .screens.client_detail import ClientDetailScreen
from .screens.signin import SignInScreen
from .words import translate_bindings

T = TypeVar("T")


class Lobby(Screen):
    """What lies under the sign-in dialog before anyone is signed in."""


class BranchDeskApp(App[None]):
    CSS_PATH = "branchdesk.tcss"
    TITLE = "BranchDesk"
    COMMANDS: ClassVar = {DeskCommands}
    MODES: ClassVar = {"lobby": Lobby}
    DEFAULT_MODE = "lobby"
    BINDINGS = [
        Binding("f1", "help", "tui.key.help", id="app.help"),
        Binding(
            "ctrl+p",
            "command_palette",
            "tui.key.palette",
            show=False,
            priority=True,
            id="app.palette",
        ),
        Binding("ctrl+t", "toggle_lang", "tui.key.lang", id="app.lang"),
        Binding("ctrl+o", "sign_out", "tui.key.sign_out", show=False, id="app.sign_out"),
        Binding("ctrl+q", "quit", "tui.key.quit", priority=True, id="app.quit"),
        *(
            Binding(e.key, f"goto('{e.name}')", e.title, show=False, id=f"app.goto.{e.name}")
            for e in SCREENS
        ),
    ]
    #: seconds between probes of an unreachable server
    RETRY_SECONDS: ClassVar[float] = 2.0

    offline: reactive[bool] = reactive(False)

    def __init__(self, api: ApiClient, *, lang: str | None = None) -> None:
        super().__init__()
        self.api = api
        self.lang = lang or i18n.default_lang()
        self.me: StaffView | None = None
        self.advisors: dict[str, Advisor] = {}  # id → advisor, loaded once per session
        self._modes_added: list[str] = []
        self._probe: Timer | None = None
        self._reauth_open = False
        translate_bindings(self, self.lang)

    # -- sessions -------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.push_screen(SignInScreen(), self._signed_in)

    def visible_screens(self) -> list[ScreenEntry]:
        return visible_for(SCREENS, self.me.role if self.me else None)

    async def _signed_in(self, login: LoginResponse | None) -> None:
        if login is None:
            return
        self.me = login.staff
        self.load_advisors()
        await self._open_screens()

    async def _open_screens(self, show: str | None = None) -> None:
        """One mode per screen the role may use; then show ``show`` (or the first)."""
        for entry in self.visible_screens():
            self.add_mode(entry.name, entry.screen)
            self._modes_added.append(entry.name)
        self.refresh_bindings()
        await self.switch_mode(show if show in self._modes_added else self._modes_added[0])

    async def _close_screens(self) -> None:
        """Drop every screen of the session (they hold the previous user's data)."""
        await self.switch_mode("lobby")
        for name in self._modes_added:
            await self.remove_mode(name)
        self._modes_added = []

    async def action_sign_out(self) -> None:
        if self.me is None:
            return
        try:
            await self.api.logout()
        except BranchDeskError:
            self.api.token = None  # the server forgets it on its own; we already did
        self.me = None
        self.advisors = {}
        await self._close_screens()
        self.refresh_bindings()
        self.push_screen(SignInScreen(), self._signed_in)

    def session_ended(self) -> None:
        """A call came back 401: sign in again over the current screen, keeping it."""
        if self._reauth_open or self.me is None:
            return
        self._reauth_open = True
        self.push_screen(SignInScreen(username=self.me.username, expired=True), self._signed_again)

    async def _signed_again(self, login: LoginResponse | None) -> None:
        self._reauth_open = False
        if login is None:
            return
        if self.me is None or login.staff.username != self.me.username:
            # Someone else took over the terminal: start their session from scratch.
            await self._close_screens()
            await self._signed_in(login)
            return
        self.me = login.staff
        if isinstance(self.screen, DeskScreen):
            self.screen.reload()

    @work(exclusive=True, group="advisors")
    async def load_advisors(self) -> None:
        advisors = await self.send(Endpoints.list_advisors())
        if advisors is not None:
            self.advisors = {a.id: a for a in advisors}

    # -- the server ---------------------------------------------------------------------
    async def send(
        self, call: Call[T], *, refusals: tuple[type[BranchDeskError], ...] = ()
    ) -> T | None:
        """Call the server; None when it failed (the user has been told how). Errors
        of the ``refusals`` types are raised for the caller to show (see connection)."""
        return await connection.send(self, call, refusals=refusals)

    def went_offline(self) -> None:
        self.offline = True
        if self._probe is None:
            self._probe = self.set_interval(self.RETRY_SECONDS, self._probe_server)

    def came_back(self) -> None:
        if self._probe is not None:
            self._probe.stop()
            self._probe = None
        if self.offline:
            self.offline = False
            self.notify(i18n.t("tui.online", self.lang))
            if isinstance(self.screen, DeskScreen):
                self.screen.reload()

    @work(exclusive=True, group="probe")
    async def _probe_server(self) -> None:
        if await self.send(Endpoints.health()) is not None:
            self.came_back()

    # -- navigation ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "goto":
            return any(e.name == parameters[0] for e in self.visible_screens())
        if action == "sign_out":
            return self.me is not None
        return True

    async def action_goto(self, name: str) -> None:
        if name in self._modes_added:
            await self.switch_mode(name)

    def on_open_client(self, message: OpenClient) -> None:
        self.push_screen(ClientDetailScreen(message.account_id))

    def get_key_display_for(self, key: str) -> str:
        return self.get_key_display(Binding(key, ""))

    # -- keys, help, palette, language --------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections(self)))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = i18n.t("tui.palette.placeholder", self.lang)
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    async def action_toggle_lang(self) -> None:
        """Switch Chinese ↔ English: every screen is built again in the new language."""
        self.lang = "en" if self.lang == "zh" else "zh"
        translate_bindings(self, self.lang)
        if isinstance(self.screen, SignInScreen):
            # Show the dialog again in the new language, keeping the username typed.
            dialog = self.screen
            username = dialog.query_one("#username", Input).value
            callback = self._signed_in if self.me is None else self._signed_again
            self.pop_screen()
            self.push_screen(SignInScreen(username=username, expired=dialog.expired), callback)
            if self.me is None:
                return
        current = self.current_mode
        await self._close_screens()
        await self._open_screens(show=current)
