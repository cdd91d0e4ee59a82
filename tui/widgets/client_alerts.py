"""A client's churn alerts, in the client detail: rule, severity, status and the
evidence in words (wrapped: the panel is half the screen), unresolved ones first. The
detail's key jumps to the highlighted one in the triage queue
(``tui.screens.alerts.show_alert``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from branchdesk import i18n
from branchdesk.churn.words import alert_words
from branchdesk.models import AlertStatus
from branchdesk.models.churn import AlertView

from .alert_table import severity_cell


class ClientAlerts(Vertical):
    def __init__(self, title: str) -> None:
        super().__init__(id="alerts", classes="panel")
        self.border_title = title
        self.alerts: dict[str, AlertView] = {}

    def compose(self) -> ComposeResult:
        yield OptionList(id="client-alerts")

    def on_mount(self) -> None:
        self.say(i18n.t("tui.loading", self.app.lang))

    def say(self, text: str) -> None:
        """One dim line instead of alerts: loading, none, or not for this role."""
        self.alerts = {}
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_option(Option(Text(text, style="dim"), disabled=True))

    def show(self, alerts: list[AlertView]) -> None:
        lang = self.app.lang
        if not alerts:
            self.say(i18n.t("tui.detail.no_alerts", lang))
            return
        # Unresolved first (each part as the server sorted it: most severe first).
        ordered = sorted(alerts, key=lambda a: a.status is AlertStatus.RESOLVED)
        self.alerts = {a.id: a for a in ordered}
        options = self.query_one(OptionList)
        options.clear_options()
        for a in ordered:
            done = a.status is AlertStatus.RESOLVED
            status = i18n.label(a.resolution if done and a.resolution else a.status, lang)
            line = Text.assemble(
                severity_cell(self.app, a.severity),
                "  ",
                (i18n.label(a.rule, lang), "bold"),
                " · ",
                status,
                "\n",
                (alert_words(a, lang), "dim" if done else ""),
                style="dim" if done else "",
            )
            options.add_option(Option(line, id=a.id))
        options.highlighted = 0

    def current(self) -> AlertView | None:
        options = self.query_one(OptionList)
        if not self.alerts or options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.alerts.get(option.id or "")
