"""Put an advisor on leave: the first and last day away. The server records the leave and
answers with the temporary plan for their clients (a preview: nothing moves yet), which
is this dialog's result."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from branchdesk import i18n
from branchdesk.errors import Conflict, Invalid
from branchdesk.models import Advisor, today
from branchdesk.models.assignment import Plan
from branchdesk.remote import Endpoints

from .. import connection
from ..assign_format import field_message
from ..words import translate_bindings

FIELDS = ("leave_from", "leave_to")


class LeaveModal(ModalScreen[Plan | None]):
    BINDINGS = [
        Binding("ctrl+s", "submit", "tui.leave.submit", id="leave.submit"),
        Binding("escape", "cancel", "tui.key.cancel", id="leave.cancel"),
    ]

    def __init__(self, advisor: Advisor, backup: str) -> None:
        super().__init__(id="leave", classes="dialog")
        self.advisor, self.backup = advisor, backup
        translate_bindings(self, self.app.lang)

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.app.lang, **values)

    def compose(self) -> ComposeResult:
        first = today()
        with Vertical(classes="dialog-box leave-box"):
            yield Static(
                Text(self.t("tui.leave.title", name=self.advisor.name), style="bold"),
                classes="dialog-title",
            )
            yield Static(Text(self.t("tui.leave.note", backup=self.backup)), classes="dialog-body")
            for name, value in (("leave_from", first.isoformat()), ("leave_to", "")):
                with Horizontal(classes="field-row"):
                    yield Static(Text(self.t(f"tui.leave.{name}")), classes="field-label")
                    yield Input(
                        value,
                        placeholder=(first + timedelta(days=13)).isoformat(),
                        compact=True,
                        id=f"field-{name}",
                    )
                yield Static(classes="field-error", id=f"err-{name}")
            yield Static(classes="dialog-message", id="leave-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("tui.leave.submit"), variant="primary", id="leave-submit")
                yield Button(self.t("tui.key.cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#field-leave_to", Input).focus()
        self._errors({})

    @on(Input.Submitted, "#field-leave_from")
    def _next(self) -> None:
        self.query_one("#field-leave_to", Input).focus()

    @on(Input.Submitted, "#field-leave_to")
    @on(Button.Pressed, "#leave-submit")
    def action_submit(self) -> None:
        days: dict[str, date] = {}
        bad: dict[str, str] = {}
        for name in FIELDS:
            text = self.query_one(f"#field-{name}", Input).value.strip().replace("/", "-")
            try:
                days[name] = date.fromisoformat(text)
            except ValueError:
                bad[name] = self.t("tui.leave.bad_date")
        # The order of the days is checked here too, to say it in the user's language;
        # the server checks it again (and anything else) and its refusal shows the same way.
        if not bad and days["leave_to"] < days["leave_from"]:
            bad["leave_to"] = self.t("tui.leave.before_start")
        elif not bad and days["leave_to"] < today():
            bad["leave_to"] = self.t("tui.leave.over")
        self._errors(bad)
        if not bad:
            self._say(self.t("tui.leave.working"))
            self.start(days["leave_from"], days["leave_to"])

    @work(exclusive=True, group="leave")
    async def start(self, first: date, last: date) -> None:
        call = Endpoints.start_leave(self.advisor.id, first, last, version=self.advisor.version)
        try:
            plan = await connection.send(self.app, call, refusals=(Invalid, Conflict))
        except Invalid as exc:
            fields = {e.field: e.message for e in exc.errors if e.field in FIELDS}
            self._errors(fields)
            if len(fields) < len(exc.errors):
                self._say(str(exc), error=True)
            return
        except Conflict:
            self._say(self.t("tui.adv.stale", name=self.advisor.name), error=True)
            return
        if plan is None:
            self._say("")
            return
        self.dismiss(plan)

    def _errors(self, errors: dict[str, str]) -> None:
        for name in FIELDS:
            line = self.query_one(f"#err-{name}", Static)
            line.display = name in errors
            if name in errors:
                said = field_message(errors[name], self.app.lang)
                label = self.t(f"tui.leave.{name}")
                line.update(Text(self.t("tui.err.field", field=label, message=said)))
            else:
                line.update("")
        self._say(self.t("tui.adv.fix_fields") if errors else "", error=bool(errors))

    def _say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#leave-message", Static)
        line.set_class(error, "-error")
        line.update(Text(message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
