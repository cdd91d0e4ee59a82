"""Churn alerts (F4): the triage queue, most severe first, paged from the server.

The highlighted alert is shown whole under the queue (evidence in words, every step);
keys act on it: acknowledge, the follow-up task, resolve, open the client. Each step is
sent with the version on screen: when someone else moved the alert on meanwhile, the
server answers 409 and the alert is reloaded here with a word on what changed. Managers
also scan now, read the churn reports and change the rule thresholds from here."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Select, Static

from branchdesk import i18n
from branchdesk.access import allowed
from branchdesk.models import AlertStatus, Channel, Role
from branchdesk.models.churn import AlertTaskResult, AlertView
from branchdesk.remote import Endpoints

from ..messages import OpenClient
from ..modals.alert_forms import AcknowledgeForm, ResolveForm, TaskForm
from ..modals.churn_reports import ChurnReportsScreen
from ..modals.churn_rules import RulesForm
from ..modals.form import Stale
from ..widgets.alert_detail import AlertDetail
from ..widgets.alert_filters import ALL, AlertFilters
from ..widgets.alert_table import AlertTable
from .base import DeskScreen, ScreenCommand

if TYPE_CHECKING:
    from ..app import BranchDeskApp

PAGE = 50
FILTERS = ("status", "rule", "tier", "advisor")
#: (server sort, i18n word, the column whose header click picks it)
SORTS = (
    ("-severity", "tui.sort.severity", "severity"),
    ("-assets", "tui.sort.at_risk", "at_risk"),
    ("-raised", "tui.sort.raised", None),
)
#: action → the permission it needs (the server checks again; this hides the key)
NEEDS = {
    "acknowledge": "alerts.triage",
    "task": "alerts.triage",
    "resolve": "alerts.triage",
    "scan": "alerts.scan",
    "reports": "reports.read",
    "rules": "rules.write",
}
#: action → the statuses it applies to, and the words for the action itself
STEPS = {
    "acknowledge": ({AlertStatus.OPEN}, "tui.key.ack"),
    "task": ({AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED}, "tui.key.task"),
    "resolve": (set(AlertStatus) - {AlertStatus.RESOLVED}, "tui.key.resolve"),
}


class AlertsScreen(DeskScreen):
    registry_name = "alerts"
    title_key = "tui.screen.alerts"
    BINDINGS = [
        Binding("a", "acknowledge", "tui.key.ack", id="alerts.ack"),
        Binding("t", "task", "tui.key.task", id="alerts.task"),
        Binding("r", "resolve", "tui.key.resolve", id="alerts.resolve"),
        Binding("o", "open_client", "tui.key.client", id="alerts.client"),
        Binding("f", "filter", "tui.key.filter", id="alerts.filter"),
        Binding("ctrl+s", "sort", "tui.key.sort", id="alerts.sort"),
        Binding("s", "scan", "tui.key.scan", id="alerts.scan"),
        Binding("g", "reports", "tui.key.reports", id="alerts.reports"),
        Binding("u", "rules", "tui.key.rules", id="alerts.rules"),
        Binding("escape", "all_clients", "tui.key.all_clients", id="alerts.all_clients"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = 0
        self.total = 0
        self.alerts: dict[str, AlertView] = {}
        self.client: tuple[str, str] | None = None  # (account, name): one client's alerts
        self.select_id: str | None = None  # put the cursor here once it is loaded
        self.filters_before: dict[str, str] = {}  # the filters before one client's alerts

    def compose_body(self) -> Iterable[Widget]:
        me = self.app.me
        own = me.advisor_id if me is not None and me.role is Role.ADVISOR else None
        yield AlertFilters(advisor_id=own, id="alert-filters")
        yield Static(Text(self.t("tui.loading")), id="alerts-status")
        yield AlertTable(id="queue")
        yield AlertDetail(id="alert-detail", classes="panel")

    def on_mount(self) -> None:
        self.table.focus()

    @property
    def table(self) -> AlertTable:
        return self.query_one("#queue", AlertTable)

    @property
    def filters(self) -> AlertFilters:
        return self.query_one("#alert-filters", AlertFilters)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS:
            me = self.app.me
            return me is not None and allowed(me.role, NEEDS[action])
        if action == "all_clients":
            return self.client is not None
        return True

    # -- fetching -----------------------------------------------------------------------
    def reload(self) -> None:
        self.filters.add_advisors(self.app.advisors)
        self.load()

    @on(Select.Changed, "#alert-filters Select")
    def _filtered(self) -> None:
        self.load()
        # Back to the queue: on a closed Select, ↓ and Enter would open it again.
        self.table.focus()

    def query_params(self) -> dict[str, Any]:
        params = self.filters.params()
        if self.client is not None:
            params["account_id"] = self.client[0]
        return {**params, "sort": SORTS[self.sort][0]}

    @work(exclusive=True, group="alerts")
    async def load(self) -> None:
        params = self.query_params()
        page = await self.app.send(Endpoints.list_alerts(**params, limit=PAGE))
        if page is None:
            return
        self.total = page.total
        self.alerts = {a.id: a for a in page.items}
        table = self.table
        table.clear()
        table.add_alerts(page.items)
        row = table.get_row_index(self.select_id) if self.select_id in table.rows else 0
        self.select_id = None
        table.move_cursor(row=row, animate=False)
        self._status()
        self._show_current()
        self.loaded = True

    @work(exclusive=True, group="alerts-page")
    async def more(self) -> None:
        offset = self.table.row_count
        page = await self.app.send(
            Endpoints.list_alerts(**self.query_params(), offset=offset, limit=PAGE)
        )
        if page is None or self.table.row_count != offset:
            return
        self.alerts.update((a.id, a) for a in page.items)
        self.table.add_alerts(page.items)
        self._status()

    def _status(self) -> None:
        shown = self.t("showing", shown=f"{self.table.row_count:,}", total=f"{self.total:,}")
        if self.client is not None:
            account, name = self.client
            about = self.t("tui.alerts.client", name=name, account=account)
        else:
            about = self.t("tui.clients.sorted", sort=self.t(SORTS[self.sort][1]))
        text = f"{shown} · {about}"
        self.query_one("#alerts-status", Static).update(Text(text))

    @on(DataTable.RowHighlighted, "#queue")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_current()
        table = self.table
        if table.row_count < self.total and event.cursor_row >= table.row_count - 10:
            self.more()

    def _show_current(self) -> None:
        self.query_one("#alert-detail", AlertDetail).show(
            self.current(), self.app.advisors, hint=self._empty_hint()
        )

    def _empty_hint(self) -> str:
        # A fresh branch (or one started before the morning's scan) has no alerts yet:
        # say where they come from rather than leave an empty table to puzzle over.
        if self.total or self.client is not None or not self.filters.untouched():
            return ""
        if self.check_action("scan", ()):
            return self.t("tui.alerts.empty_scan")
        return self.t("tui.alerts.empty")

    def current(self) -> AlertView | None:
        alert_id = self.table.current_id()
        return None if alert_id is None else self.alerts.get(alert_id)

    def put(self, alert: AlertView) -> None:
        """Show an alert as the server has it now."""
        self.alerts[alert.id] = alert
        self.table.update_alert(alert)
        self._show_current()

    # -- one client's alerts (from the client detail) ---------------------------------
    def show_client(self, account_id: str, name: str, alert_id: str | None = None) -> None:
        """Narrow the queue to one client's alerts, resolved ones too, the cursor on
        ``alert_id``."""
        filters = self.filters
        if self.client is None:  # Esc brings the queue back as it was
            self.filters_before = {n: filters.value(n) for n in FILTERS}
        self.client = (account_id, name)
        self.select_id = alert_id
        with self.prevent(Select.Changed):
            for filter_name in FILTERS:
                filters.set(filter_name, ALL)
        self.refresh_bindings()
        self.load()

    def action_all_clients(self) -> None:
        self.client = None
        with self.prevent(Select.Changed):
            for filter_name, value in self.filters_before.items():
                self.filters.set(filter_name, value)
        self.refresh_bindings()
        self.load()

    # -- triage -------------------------------------------------------------------------
    def _pick(self, action: str) -> AlertView | None:
        """The highlighted alert, if the step applies to it; else say why not."""
        alert = self.current()
        if alert is None:
            self.notify(self.t("tui.alerts.pick"), severity="warning")
            return None
        statuses, word = STEPS[action]
        if alert.status not in statuses:
            status = i18n.label(alert.status, self.lang)
            self.notify(
                self.t("tui.alerts.cannot", status=status, action=self.t(word)),
                severity="warning",
            )
            return None
        return alert

    def action_acknowledge(self) -> None:
        alert = self._pick("acknowledge")
        if alert is not None:
            self.app.push_screen(AcknowledgeForm(alert), partial(self._acted, alert))

    def action_task(self) -> None:
        alert = self._pick("task")
        if alert is not None:
            self._open_task_form(alert)

    @work(exclusive=True, group="alert-step")
    async def _open_task_form(self, alert: AlertView) -> None:
        # The client's preferred channel is the default; not the full record (no audit).
        client = await self.app.send(Endpoints.get_client(alert.account_id, full=False))
        channel = client.preferred_channel if client is not None else Channel.PHONE
        self.app.push_screen(TaskForm(alert, channel), partial(self._acted, alert))

    def action_resolve(self) -> None:
        alert = self._pick("resolve")
        if alert is not None:
            self.app.push_screen(ResolveForm(alert), partial(self._acted, alert))

    def _acted(self, alert: AlertView, result: object) -> None:
        names = {
            "name": alert.client_name or alert.account_id,
            "rule": i18n.label(alert.rule, self.lang),
        }
        if isinstance(result, Stale):
            self.refresh_alert(alert.id, stale=True)
        elif isinstance(result, AlertTaskResult):
            self.put(result.alert)
            task = result.task
            advisor = self.app.advisors.get(task.assignee or "")
            who = (
                f"{task.assignee} {advisor.name}" if advisor else (task.assignee or self.t("none"))
            )
            words = self.t(
                "tui.alerts.task_created",
                **names,
                channel=i18n.label(task.channel, self.lang),
                purpose=i18n.label(task.purpose, self.lang),
                due=i18n.day(task.due_date, self.lang),
                assignee=who,
            )
            self.notify(words, markup=False, timeout=8)
        elif isinstance(result, AlertView):
            self.put(result)
            if result.status is AlertStatus.RESOLVED:
                how = i18n.label(result.resolution, self.lang)
                self.notify(self.t("tui.alerts.resolved", **names, resolution=how), markup=False)
            else:
                self.notify(self.t("tui.alerts.acknowledged", **names), markup=False)

    @work(group="alert-refresh")
    async def refresh_alert(self, alert_id: str, *, stale: bool = False) -> None:
        alert = await self.app.send(Endpoints.get_alert(alert_id))
        if alert is None:
            return
        self.put(alert)
        if stale:
            words = self.t(
                "tui.alerts.changed",
                name=alert.client_name or alert.account_id,
                rule=i18n.label(alert.rule, self.lang),
                status=i18n.label(alert.status, self.lang),
                by=alert.history[-1].by if alert.history else self.t("none"),
            )
            self.notify(words, severity="warning", markup=False, timeout=10)

    def action_open_client(self) -> None:
        alert = self.current()
        if alert is not None:
            self.post_message(OpenClient(alert.account_id))

    @on(DataTable.RowSelected, "#queue")
    def _chosen(self) -> None:
        self.action_open_client()

    # -- the queue's order and filters --------------------------------------------------
    def action_sort(self, index: int | None = None) -> None:
        self.sort = (self.sort + 1) % len(SORTS) if index is None else index
        self.load()

    @on(DataTable.HeaderSelected, "#queue")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        for n, (_, _, column) in enumerate(SORTS):
            if column == event.column_key.value:
                self.action_sort(n)
                return

    def action_filter(self) -> None:
        self.query_one("#filter-status", Select).focus()

    # -- managers -----------------------------------------------------------------------
    @work(exclusive=True, group="alert-scan")
    async def action_scan(self) -> None:
        result = await self.app.send(Endpoints.scan())
        if result is None:
            return
        words = self.t(
            "churn.scan_done",
            clients=f"{result.clients:,}",
            on=i18n.day(result.on, self.lang),
            findings=f"{result.findings:,}",
            raised=f"{result.raised:,}",
            reraised=f"{result.reraised:,}",
            updated=f"{result.updated:,}",
            unchanged=f"{result.unchanged:,}",
            seconds=result.seconds,
        )
        self.notify(words, timeout=8)
        self.load()

    def action_reports(self) -> None:
        self.app.push_screen(ChurnReportsScreen())

    def action_rules(self) -> None:
        self.app.push_screen(RulesForm())

    def commands(self) -> list[ScreenCommand]:
        out = super().commands()
        for action, word, help_word in (
            ("acknowledge", "tui.key.ack", "tui.cmd.ack.help"),
            ("task", "tui.key.task", "tui.cmd.task.help"),
            ("resolve", "tui.key.resolve", "tui.cmd.resolve.help"),
            ("open_client", "tui.key.client", "tui.cmd.client.help"),
            ("filter", "tui.key.filter", "tui.cmd.filter.help"),
            ("scan", "tui.key.scan", "tui.cmd.scan.help"),
            ("reports", "tui.key.reports", "tui.cmd.reports.help"),
            ("rules", "tui.key.rules", "tui.cmd.rules.help"),
            ("all_clients", "tui.key.all_clients", "tui.cmd.all_clients.help"),
        ):
            if self.check_action(action, ()):
                run = getattr(self, f"action_{action}")
                out.append(ScreenCommand(self.t(word), self.t(help_word), run))
        out += [
            ScreenCommand(
                self.t("tui.cmd.sort", sort=self.t(word)), "", partial(self.action_sort, n)
            )
            for n, (_, word, _) in enumerate(SORTS)
        ]
        return out


async def show_alert(app: BranchDeskApp, alert: AlertView) -> None:
    """The alerts screen, narrowed to ``alert``'s client with the cursor on it — from a
    client's detail, whether that was opened from the queue or from the client book."""
    stack = app.screen_stack
    if len(stack) >= 2 and isinstance(stack[-2], AlertsScreen):
        await app.pop_screen()  # opened from the queue: go back down to it
    else:
        await app.run_action("goto('alerts')")
    screen = app.screen
    if isinstance(screen, AlertsScreen):
        screen.show_client(alert.account_id, alert.client_name or alert.account_id, alert.id)
