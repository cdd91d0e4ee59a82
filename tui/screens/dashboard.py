"""The dashboard: open alerts, my tasks, this month's clients, and (for managers) each
advisor's book size — the numbers come from ``GET /dashboard``."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual import work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from branchdesk import i18n
from branchdesk.models import AdvisorStatus
from branchdesk.models.api import Dashboard
from branchdesk.remote import Endpoints

from ..widgets.bars import Bar, Bars
from .base import DeskScreen

SEVERITIES = ("high", "medium", "low")


class DashboardScreen(DeskScreen):
    registry_name = "dashboard"
    title_key = "tui.screen.dashboard"

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

    def _alerts(self, board: Dashboard) -> Text | Table:
        if board.alerts_by_severity is None:
            return Text(self.t("tui.dash.alerts_pending"), style="dim")
        counts = board.alerts_by_severity
        bands = [b for b in SEVERITIES if b in counts] + [b for b in counts if b not in SEVERITIES]
        return _figures([(self.t(f"tui.dash.severity.{b}"), str(counts[b])) for b in bands])

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
        return Text.assemble((flow, "bold"), "\n", (self.t("tui.dash.flow_note"), "dim"))

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
