"""The triage queue as a table: one row per alert, keyed by alert id.

The evidence is a sentence in the UI's language (``branchdesk.churn.words``), cropped
here and shown whole in the detail pane under the table. Cells are ``Text``: client
names are user data. Severity is coloured by band from the theme (error for high,
warning for medium), never a fixed colour."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable

from branchdesk import i18n
from branchdesk.churn.severity import band
from branchdesk.churn.words import alert_words
from branchdesk.models import AlertStatus
from branchdesk.models.churn import AlertView

#: column key → (i18n word, width in cells). Fixed widths, as in the client book: a new
#: page repaints without measuring every cell. The evidence takes the rest of the
#: terminal's width (cropped; whole in the detail pane below).
COLUMNS = (
    ("severity", "churn.severity", 8),
    ("name", "name", 14),  # 7 characters: most institutions' names read
    ("rule", "churn.rule", 13),
    ("status", "status", 12),
    ("at_risk", "churn.assets_at_risk", 11),
    ("evidence", "churn.evidence", 0),
)
#: cells around the table that are not its columns: the nav, the body's padding, the
#: scrollbar; and each column's padding. (The advisor is in the detail pane: here the
#: room goes to the evidence.)
AROUND, PADDING = 18 + 2 + 2, 2


def band_style(app: App, score: int) -> Style:
    """High in the theme's error colour, medium in its warning colour, low as text."""
    colours = app.get_css_variables()
    name = band(score)
    if name == "high":
        return Style(color=colours["error"], bold=True)
    if name == "medium":
        return Style(color=colours["warning"])
    return Style()


def severity_cell(app: App, score: int) -> Text:
    return Text(f"● {score:>3}", style=band_style(app, score))


class AlertTable(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        lang = self.app.lang
        fixed = sum(width + PADDING for _, _, width in COLUMNS)
        rest = max(self.app.size.width - AROUND - fixed, 16)
        for key, word, width in COLUMNS:
            self.add_column(i18n.t(word, lang), key=key, width=width or rest)

    def add_alerts(self, alerts: list[AlertView]) -> None:
        for alert in alerts:
            if alert.id not in self.rows:  # a page may overlap one the queue shifted into
                self.add_row(*self._cells(alert), key=alert.id)

    def update_alert(self, alert: AlertView) -> None:
        """Show an alert as it is now (after an action, or reloaded after a 409)."""
        if alert.id not in self.rows:
            return
        for (key, _, _), cell in zip(COLUMNS, self._cells(alert), strict=True):
            self.update_cell(alert.id, key, cell)

    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)

    def _cells(self, a: AlertView) -> list[Text]:
        lang = self.app.lang
        done = a.status is AlertStatus.RESOLVED
        status = i18n.label(a.resolution, lang) if done and a.resolution else ""
        return [
            severity_cell(self.app, a.severity),
            Text(a.client_name or a.account_id),
            Text(i18n.label(a.rule, lang)),
            Text(status or i18n.label(a.status, lang), style="dim" if done else ""),
            Text(i18n.money(a.assets_at_risk, lang), justify="right"),
            Text(alert_words(a, lang), no_wrap=True, overflow="ellipsis"),
        ]
