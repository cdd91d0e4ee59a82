"""Sign-in: first thing after launch, and again when a session ends mid-work.

A modal, so that when the token expires it opens *over* the screen the user was working
on: that screen, and whatever they typed into it, is untouched underneath. The token
lives only in the API client's memory."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from branchdesk import i18n
from branchdesk.errors import BranchDeskError, ServerUnavailable, Unauthorized
from branchdesk.models.api import LoginResponse

from ..refusals import signin_refusal
from ..widgets.banner import Banner
from ..words import translate_bindings


class SignInScreen(ModalScreen[LoginResponse]):
    def __init__(self, *, username: str = "", expired: bool = False) -> None:
        super().__init__(id="signin")
        self.username = username
        self.expired = expired
        translate_bindings(self, self.app.lang)  # the App's keys shown in this footer

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.app.lang, **values)

    def compose(self) -> ComposeResult:
        yield Banner(id="banner")
        with Vertical(id="signin-box"):
            yield Static(Text(self.t("tui.title"), style="bold"), id="signin-title")
            yield Static(Text(self.t("tui.signin.server", url=self.app.api.base_url)), id="server")
            if self.expired:
                yield Static(Text(self.t("tui.signin.expired")), id="expired")
            yield Input(self.username, placeholder=self.t("tui.signin.username"), id="username")
            yield Input(placeholder=self.t("tui.signin.password"), password=True, id="password")
            yield Button(self.t("tui.key.submit"), id="submit", variant="primary")
            yield Static(id="message")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#password" if self.username else "#username", Input).focus()

    @on(Input.Submitted, "#username")
    def _to_password(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        username = self.query_one("#username", Input).value.strip()
        password = self.query_one("#password", Input).value
        if not (username and password):
            self._say(self.t("tui.signin.empty"))
            return
        self._say(self.t("tui.signin.working"))
        self.sign_in(username, password)

    def _say(self, message: str) -> None:
        self.query_one("#message", Static).update(Text(message))

    @work(exclusive=True, group="signin")
    async def sign_in(self, username: str, password: str) -> None:
        try:
            login = await self.app.api.login(username, password)
        except ServerUnavailable:
            self.app.went_offline()
            self._say("")
            return
        except Unauthorized as exc:
            self._say(signin_refusal(exc, self.app.lang))
            self.query_one("#password", Input).clear()
            return
        except BranchDeskError as exc:  # too many attempts (429) and the like
            self._say(signin_refusal(exc, self.app.lang))
            return
        self.dismiss(login)
