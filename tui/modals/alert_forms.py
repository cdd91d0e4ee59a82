"""The three steps of triage as dialogs: acknowledge (with a note), the follow-up task,
and resolve (retained, lost with a reason, or a false alarm).

Each sends the alert's version as the person saw it, so a step taken on a stale alert
is refused (409) instead of overwriting someone else's (see :mod:`.form`). Nothing is
checked here that the server checks: "lost" without a reason is refused by the server,
with the field named, and shown in the dialog."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, Select, Static

from branchdesk import i18n
from branchdesk.churn.followup import default_purpose
from branchdesk.churn.severity import band
from branchdesk.churn.words import alert_words
from branchdesk.errors import FieldError
from branchdesk.models import Channel, ChurnReason, Purpose, Resolution
from branchdesk.models.churn import AlertView
from branchdesk.remote import Call, Endpoints

from .form import FormModal


def _about(alert: AlertView, lang: str) -> Text:
    """The alert the dialog acts on, so nobody resolves the wrong one."""
    score = i18n.t(
        "tui.alerts.score",
        lang,
        score=alert.severity,
        band=i18n.t(f"tui.dash.severity.{band(alert.severity)}", lang),
    )
    return Text.assemble(
        (f"{i18n.label(alert.rule, lang)} · {score}", "bold"),
        "\n",
        alert_words(alert, lang),
    )


def _names(alert: AlertView, lang: str) -> dict[str, str]:
    return {"name": alert.client_name or alert.account_id, "rule": i18n.label(alert.rule, lang)}


class AlertForm(FormModal):
    FIELD_WORDS: ClassVar[dict[str, str]] = {
        **FormModal.FIELD_WORDS,
        "channel": "tui.col.channel",
        "purpose": "tui.col.purpose",
        "due_date": "tui.col.due",
        "resolution": "churn.resolution",
        "reason": "churn.reason",
        "reason_text": "tui.resolve.reason_text",
    }
    TITLE_WORD: ClassVar[str] = ""

    def __init__(self, alert: AlertView) -> None:
        super().__init__("")
        self.alert = alert
        self.title_text = self.t(self.TITLE_WORD, **_names(alert, self.app.lang))

    def about(self) -> Static:
        return Static(_about(self.alert, self.app.lang), classes="form-about")

    def note(self) -> str:
        return self.query_one("#field-note", Input).value.strip()

    def note_input(self) -> Input:
        return Input(placeholder=self.t("tui.form.note"), id="field-note", max_length=500)


class AcknowledgeForm(AlertForm):
    TITLE_WORD = "tui.ack.title"
    SUBMIT = "tui.key.ack"

    def compose_fields(self) -> Iterable[Widget]:
        yield self.about()
        yield Static(Text(self.t("tui.ack.hint"), style="dim"))
        yield self.note_input()

    def build_call(self) -> Call[Any]:
        a = self.alert
        return Endpoints.acknowledge_alert(a.id, version=a.version, note=self.note())


class TaskForm(AlertForm):
    """Defaults: the client's preferred channel; relationship care for drifting clients
    and retention for leaving ones (the server's own default); due the next working day
    by China's official calendar — left to the server, which owns that calendar."""

    TITLE_WORD = "tui.task.title"
    SUBMIT = "tui.key.task"

    def __init__(self, alert: AlertView, channel: Channel = Channel.PHONE) -> None:
        super().__init__(alert)
        self.channel = channel

    def compose_fields(self) -> Iterable[Widget]:
        lang = self.app.lang
        yield self.about()
        yield Static(self.t("tui.col.channel"), classes="form-label")
        channels = [(i18n.label(c, lang), str(c)) for c in Channel]
        yield Select(channels, value=str(self.channel), allow_blank=False, id="field-channel")
        yield Static(self.t("tui.col.purpose"), classes="form-label")
        purposes = [(i18n.label(p, lang), str(p)) for p in Purpose]
        purpose = str(default_purpose(self.alert.rule))
        yield Select(purposes, value=purpose, allow_blank=False, id="field-purpose")
        yield Input(placeholder=self.t("tui.task.due"), id="field-due_date", max_length=10)
        yield self.note_input()
        yield Static(Text(self.t("tui.task.hint"), style="dim"))

    def on_mount(self) -> None:
        self.query_one("#field-channel", Select).focus()

    def build_call(self) -> Call[Any]:
        a = self.alert
        due = self.query_one("#field-due_date", Input).value.strip()
        return Endpoints.alert_task(
            a.id,
            version=a.version,
            channel=Channel(self.query_one("#field-channel", Select).value),
            purpose=Purpose(self.query_one("#field-purpose", Select).value),
            due_date=due or None,  # the server reads and checks it (400 names due_date)
            note=self.note(),
        )


class ResolveForm(AlertForm):
    TITLE_WORD = "tui.resolve.title"
    SUBMIT = "tui.key.resolve"

    def compose_fields(self) -> Iterable[Widget]:
        lang = self.app.lang
        yield self.about()
        yield Static(self.t("tui.resolve.how"), classes="form-label")
        with RadioSet(id="field-resolution"):
            for r in Resolution:
                yield RadioButton(i18n.label(r, lang), id=f"resolution-{r}")
        with Vertical(id="lost-fields"):
            yield Static(self.t("tui.resolve.reason"), classes="form-label")
            reasons = [(i18n.label(r, lang), str(r)) for r in ChurnReason]
            yield Select(reasons, prompt="—", id="field-reason", disabled=True)
            yield Input(
                placeholder=self.t("tui.resolve.reason_text"),
                id="field-reason_text",
                max_length=500,
                disabled=True,
            )
        yield self.note_input()

    def on_mount(self) -> None:
        self.query_one("#field-resolution", RadioSet).focus()

    def resolution(self) -> Resolution | None:
        pressed = self.query_one("#field-resolution", RadioSet).pressed_button
        return None if pressed is None else Resolution(str(pressed.id).split("-", 1)[1])

    def reason(self) -> ChurnReason | None:
        value = self.query_one("#field-reason", Select).value
        return ChurnReason(value) if isinstance(value, str) else None

    @on(RadioSet.Changed, "#field-resolution")
    @on(Select.Changed, "#field-reason")
    def _only_a_lost_client_has_a_reason(self) -> None:
        lost = self.resolution() is Resolution.LOST
        self.query_one("#field-reason", Select).disabled = not lost
        other = lost and self.reason() is ChurnReason.OTHER
        self.query_one("#field-reason_text", Input).disabled = not other

    def build_call(self) -> Call[Any] | None:
        resolution = self.resolution()
        if resolution is None:  # nothing to send: the server needs to know how it ended
            self.show_errors([FieldError("resolution", self.t("tui.resolve.choose"))])
            return None
        lost = resolution is Resolution.LOST
        return Endpoints.resolve_alert(
            self.alert.id,
            version=self.alert.version,
            resolution=resolution,
            reason=self.reason() if lost else None,
            reason_text=self.query_one("#field-reason_text", Input).value if lost else "",
            note=self.note(),
        )
