"""One client: profile (masked or full, as the server decides for the role), 12 months
of assets, the advisor and every reassignment, alerts, and tasks."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime, time

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static

from branchdesk import i18n
from branchdesk.access import allowed
from branchdesk.models import ActivitySnapshot, Advisor, AlertStatus, Client, Task, today
from branchdesk.models.api import AdvisorChange
from branchdesk.remote import Endpoints

from ..modals.task_actions import Saved
from ..modals.task_form import TaskForm
from ..widgets.bars import Bar, Bars
from ..widgets.client_alerts import ClientAlerts
from .alerts import show_alert
from .base import DeskScreen, ScreenCommand

CHART_MONTHS = 12
NARROW = 110  # columns below which the panels stack


class ClientDetailScreen(DeskScreen):
    registry_name = "clients"
    title_key = "tui.screen.client"
    BINDINGS = [
        Binding("escape", "back", "tui.key.back", id="client.back"),
        Binding("a", "to_alert", "tui.key.to_alert", id="client.to_alert"),  # churn alerts
        Binding("l", "log", "tui.key.log", id="client.log"),  # service desk: a contact
        Binding("n", "plan", "tui.key.plan", id="client.plan"),
    ]

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.client: Client | None = None

    def compose_body(self) -> Iterable[Widget]:
        yield Static(Text(self.t("tui.loading")), id="client-title")
        with VerticalScroll(id="client-body"):
            with Horizontal(id="client-top"):
                with Vertical(classes="column"):
                    yield self._panel("profile", "tui.detail.profile")
                    yield self._panel("advisor", "tui.detail.advisor")
                with Vertical(classes="column"):
                    with Vertical(id="chart-panel", classes="panel") as chart:
                        chart.border_title = self.t("tui.detail.chart")
                        yield Bars(id="chart")
                        yield Static(id="chart-note")
                    yield ClientAlerts(self.t("tui.detail.alerts"))
            with Vertical(id="tasks-panel", classes="panel") as tasks:
                tasks.border_title = self.t("tui.detail.tasks")
                yield DataTable(id="tasks", cursor_type="row", zebra_stripes=True)

    def _panel(self, name: str, title: str) -> Static:
        panel = Static(id=name, classes="panel")
        panel.border_title = self.t(title)
        return panel

    def on_mount(self) -> None:
        table = self.query_one("#tasks", DataTable)
        for key in ("due", "channel", "purpose", "task_status", "outcome", "notes"):
            table.add_column(self.t(f"tui.col.{key}"), key=key)

    def on_resize(self) -> None:
        # Side by side needs room: on a narrow terminal the panels stack instead.
        self.set_class(self.size.width < NARROW, "-narrow")

    def action_back(self) -> None:
        self.app.pop_screen()

    def commands(self) -> list[ScreenCommand]:
        back = ScreenCommand(self.t("tui.key.back"), self.t("tui.cmd.back.help"), self.action_back)
        log = ScreenCommand(self.t("tui.key.log"), self.t("tui.cmd.log.help"), self.action_log)
        plan = ScreenCommand(self.t("tui.key.plan"), self.t("tui.cmd.plan.help"), self.action_plan)
        return [*super().commands(), back, log, plan]

    # -- service: one key from the client to a logged or planned contact ------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("log", "plan"):
            me = self.app.me
            return me is not None and allowed(me.role, "tasks.write")
        if action == "to_alert":  # churn alerts: only with an alert to go to
            panels = self.query(ClientAlerts)
            return self._sees_alerts() and bool(panels and panels.first().alerts)
        return True

    def action_log(self) -> None:
        if self.client is not None:
            self.app.push_screen(TaskForm("log", client=self.client), self._saved)

    def action_plan(self) -> None:
        if self.client is not None:
            self.app.push_screen(TaskForm("plan", client=self.client), self._saved)

    def _saved(self, saved: Saved | None) -> None:
        if saved is not None:
            self.notify(saved.note, markup=False)
            self.load()  # the tasks panel and the last contact change

    def reload(self) -> None:
        self.load()

    @work(exclusive=True, group="client")
    async def load(self) -> None:
        send = self.app.send
        client = await send(Endpoints.get_client(self.account_id))
        if client is None:
            return
        self.client = client
        self.show_profile(client)
        calls = [
            send(Endpoints.client_activity(self.account_id)),
            send(Endpoints.client_history(self.account_id)),
            send(Endpoints.client_tasks(self.account_id)),
        ]
        if client.advisor_id:
            calls.append(send(Endpoints.get_advisor(client.advisor_id)))
        activity, history, tasks, *advisor = await asyncio.gather(*calls)
        if activity is not None:
            self.show_chart(activity)
        if history is not None:
            self.show_advisor(client, advisor[0] if advisor else None, history)
        if tasks is not None:
            self.show_tasks(tasks)
        self.load_alerts()
        self.loaded = None not in (activity, history, tasks)

    # -- churn alerts: the client's alerts, and a key to work one in the queue ----------
    def _sees_alerts(self) -> bool:
        me = self.app.me
        return me is not None and allowed(me.role, "alerts.read")

    @work(exclusive=True, group="client-alerts")
    async def load_alerts(self) -> None:
        panel = self.query_one(ClientAlerts)
        if not self._sees_alerts():
            panel.say(self.t("tui.dash.alerts_not_for_role"))
            return
        call = Endpoints.list_alerts(account_id=self.account_id, status=list(AlertStatus))
        alerts = await self.app.send(call)
        if alerts is not None:
            panel.show(alerts.items)
            self.refresh_bindings()

    async def action_to_alert(self) -> None:
        alert = self.query_one(ClientAlerts).current()
        if alert is not None:
            await show_alert(self.app, alert)

    @on(OptionList.OptionSelected, "#client-alerts")
    async def _alert_chosen(self) -> None:
        await self.action_to_alert()

    # -- panels -------------------------------------------------------------------------
    def show_profile(self, c: Client) -> None:
        lang = self.lang
        title = Text.assemble(
            (c.name, "bold"),
            f"  {c.account_id}  ",
            i18n.label(c.tier, lang),
            " · ",
            i18n.label(c.status, lang),
            "  ",
            (i18n.money(c.total_assets, lang), "bold"),
        )
        self.query_one("#client-title", Static).update(title)
        rows = [
            (self.t("phone"), c.phone or self.t("none")),
            (self.t("id_number"), c.id_number or self.t("none")),
            (self.t("birthday"), i18n.day(c.birthday, lang)),
            (self.t("tui.detail.account_type"), i18n.label(c.account_type, lang)),
            (self.t("open_date"), i18n.day(c.open_date, lang)),
            (self.t("risk_level"), c.risk_level.value if c.risk_level else self.t("none")),
            (self.t("preferences"), "、".join(i18n.label(p, lang) for p in c.preferences)),
            (self.t("preferred_channel"), i18n.label(c.preferred_channel, lang)),
            (self.t("contact_consent"), self.t("yes" if c.contact_consent else "no")),
            (self.t("total_assets"), i18n.money(c.total_assets, lang)),
            (self.t("tui.detail.peak"), i18n.money(c.peak_assets_12m, lang)),
            (self.t("last_trade_date"), self._when(c.last_trade_date)),
            (self.t("last_contact_date"), self._when(c.last_contact_date)),
        ]
        if c.email:
            rows.insert(2, (self.t("tui.detail.email"), c.email))
        if c.closed_date:
            rows.insert(5, (self.t("tui.detail.closed"), i18n.day(c.closed_date, lang)))
        note = self.t("tui.detail.masked" if c.masked else "tui.detail.full")
        self.query_one("#profile", Static).update(_grid(rows, note))

    def _when(self, day) -> str:  # type: ignore[no-untyped-def]
        if day is None:
            return self.t("none")
        now = datetime.combine(today(), time())
        return f"{i18n.day(day, self.lang)} ({i18n.ago(day, self.lang, now=now)})"

    def show_chart(self, snapshots: list[ActivitySnapshot]) -> None:
        recent = snapshots[-CHART_MONTHS:]
        bars = self.query_one("#chart", Bars)
        note = self.query_one("#chart-note", Static)
        if not recent:
            bars.set_rows([])
            note.update(Text(self.t("tui.detail.no_activity"), style="dim"))
            return
        bars.set_rows(
            [
                Bar(s.period.isoformat()[:7], s.total_assets, i18n.money(s.total_assets, self.lang))
                for s in recent
            ]
        )
        note.update("")

    def show_advisor(
        self, c: Client, advisor: Advisor | None, history: list[AdvisorChange]
    ) -> None:
        lang = self.lang
        out = Text()
        if c.advisor_id is None:
            out.append(self.t("tui.detail.unassigned"))
        else:
            name = advisor.name if advisor else ""
            out.append(f"{c.advisor_id} {name}", style="bold")
            if advisor:
                out.append(
                    f"  {i18n.label(advisor.level, lang)} · {i18n.label(advisor.status, lang)}"
                )
            if c.advisor_since:
                out.append("\n" + self.t("tui.detail.since", day=i18n.day(c.advisor_since, lang)))
        if not history:
            out.append("\n" + self.t("tui.detail.no_moves"), style="dim")
        for change in history:
            line = self.t(
                "tui.detail.moved",
                day=i18n.day(change.at.date(), lang),
                old=change.from_advisor or self.t("none"),
                new=change.to_advisor or self.t("none"),
                actor=change.actor,
            )
            out.append("\n" + line)
        self.query_one("#advisor", Static).update(out)

    def show_tasks(self, tasks: list[Task]) -> None:
        table = self.query_one("#tasks", DataTable)
        table.clear()
        lang = self.lang
        for task in tasks:
            table.add_row(
                Text(i18n.day(task.due_date, lang)),
                Text(i18n.label(task.channel, lang)),
                Text(i18n.label(task.purpose, lang)),
                Text(i18n.label(task.status, lang)),
                Text(i18n.label(task.outcome, lang)),
                Text(task.notes),
                key=task.id,
            )
        if not tasks:
            table.add_row(Text(self.t("tui.detail.no_tasks"), style="dim"), *[""] * 5)


def _grid(rows: list[tuple[str, str]], note: str) -> Group:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for label, value in rows:
        grid.add_row(Text(label), Text(value))
    return Group(grid, Text(""), Text(note, style="italic"))
