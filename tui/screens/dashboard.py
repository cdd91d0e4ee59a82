"""The dashboard: open alerts, my tasks, this month's clients, and (for managers) each
advisor's book size — the numbers come from ``GET /dashboard``."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from branchdesk import i18n
from branchdesk.access import allowed
from branchdesk.models import AdvisorStatus
from branchdesk.models.api import Dashboard
from branchdesk.remote import Endpoints

from ..modals.churn_reports import ChurnReportsScreen
from ..widgets.bars import Bar, Bars
from .base import DeskScreen, ScreenCommand

SEVERITIES = ("high", "medium", "low")


class DashboardScreen(DeskScreen):
    registry_name = "dashboard"
    title_key = "tui.screen.dashboard"
    BINDINGS = [Binding("g", "reports", "tui.key.reports", id="dashboard.reports")]

    def compose_body(self) -> Iterable[Widget]:
        yield Static(Text(self.t("tui.loading")), id="as-of")
        with Vertical(id="panels"):
            yield self._panel("alerts", "tui.dash.alerts")
            yield self._panel("tasks", "tui.dash.tasks")
            yield self._panel("month", "tui.dash.month", month="…")
        with Vertical(id="books", classes="panel") as books:
            books.border_title = self.t("tui.dash.books")
            books.display = False
            yield Bars(id="book-bars")

    def _panel(self, name: str, title: str, **values: object) -> Static:
        panel = Static(id=name, classes="panel")
        panel.border_title = self.t(title, **values)
        return panel

    def reload(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        # Back from the queue, the counts must show the triage just done: one GET.
        if self._resumed_before:
            self.reload()
        self._resumed_before = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reports":
            return self._may_read_reports()
        return True

    def _may_read_reports(self) -> bool:
        me = self.app.me
        return me is not None and allowed(me.role, "reports.read")

    def action_reports(self) -> None:
        self.app.push_screen(ChurnReportsScreen())

    def commands(self) -> list[ScreenCommand]:
        out = super().commands()
        if self._may_read_reports():
            words = (self.t("tui.key.reports"), self.t("tui.cmd.reports.help"))
            out.append(ScreenCommand(*words, self.action_reports))
        return out

    @work(exclusive=True, group="dashboard")
    async def load(self) -> None:
        board = await self.app.send(Endpoints.dashboard())
        if board is None:
            return
        self.show(board)
        self.loaded = True

    def show(self, board: Dashboard) -> None:
        lang = self.lang
        day = i18n.day(board.as_of, lang)
        self.query_one("#as-of", Static).update(
            Text(self.t("tui.dash.as_of", day=day, clients=f"{board.clients:,}"))
        )
        self.query_one("#alerts", Static).update(self._alerts(board))
        self.query_one("#tasks", Static).update(self._tasks(board))
        month = self.query_one("#month", Static)
        month.border_title = self.t("tui.dash.month", month=board.month)
        month.update(self._month(board))
        books = self.query_one("#books")
        books.display = board.advisor_books is not None
        if board.advisor_books is not None:
            self.query_one("#book-bars", Bars).set_rows(self._books(board))

    def _alerts(self, board: Dashboard) -> Text | Group:
        # -- churn alerts: open alerts by severity band, and the key to the queue
        if board.alerts_by_severity is None:  # a role that does not triage alerts
            return Text(self.t("tui.dash.alerts_not_for_role"), style="dim")
        counts = board.alerts_by_severity
        bands = [b for b in SEVERITIES if b in counts] + [b for b in counts if b not in SEVERITIES]
        figures = _figures([(self.t(f"tui.dash.severity.{b}"), f"{counts[b]:,}") for b in bands])
        queue = next((e for e in self.app.visible_screens() if e.name == "alerts"), None)
        if queue is None:
            return figures
        key = self.app.get_key_display_for(queue.key).upper()
        return Group(figures, Text(self.t("tui.dash.alerts_hint", hotkey=key), style="dim"))

    def _tasks(self, board: Dashboard) -> Text | Table:
        if board.tasks_due_today is None and board.tasks_overdue is None:
            return Text(self.t("tui.dash.tasks_pending"), style="dim")
        return _figures(
            [
                (self.t("tui.dash.due_today"), _count(board.tasks_due_today)),
                (self.t("tui.dash.overdue"), _count(board.tasks_overdue)),
            ]
        )

    def _month(self, board: Dashboard) -> Text:
        gained, lost = board.month_gained or 0, board.month_lost or 0
        net = gained - lost
        flow = self.t("tui.dash.flow", gained=gained, lost=lost, net=f"{net:+d}" if net else "0")
        out = Text.assemble((flow, "bold"), "\n", (self.t("tui.dash.flow_note"), "dim"))
        if self._may_read_reports():
            out.append("\n" + self.t("tui.dash.reports_hint"), style="dim")
        return out

    def _books(self, board: Dashboard) -> list[Bar]:
        rows = []
        for book in board.advisor_books or []:
            label = f"{book.id} {book.name}"
            if book.status is not AdvisorStatus.ACTIVE:
                label += f" ({i18n.label(book.status, self.lang)})"
            elif book.capacity != 1.0:
                label += f" ({self.t('tui.dash.part_time', capacity=f'{book.capacity:g}')})"
            style = "dim" if book.status is AdvisorStatus.DEPARTED else ""
            rows.append(Bar(label, book.clients, f"{book.clients:,}", style))
        return rows


def _count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _figures(rows: list[tuple[str, str]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column()
    grid.add_column(justify="right", style="bold")
    for label, figure in rows:
        grid.add_row(Text(label), Text(figure))
    return grid
