"""My tasks (F6): today, overdue, or the coming week, oldest due first, from the
server's queue index; log a contact that just happened, plan one, and work the list.

Every change goes through a form that sends it itself (see :mod:`tui.modals.form`), so
a refusal keeps what was typed; once saved the list is fetched again."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Static, Tab, Tabs

from branchdesk.access import allowed
from branchdesk.models import Task, TaskStatus
from branchdesk.remote import Endpoints

from ..messages import OpenClient
from ..modals.task_actions import CancelForm, CompleteForm, RescheduleForm, Saved
from ..modals.task_form import TaskForm
from ..widgets.task_table import TaskTable
from .base import DeskScreen, ScreenCommand

PAGE = 100
#: (tab id = the server's scope, i18n word)
SCOPES = (
    ("today", "tui.tasks.today"),
    ("overdue", "tui.tasks.overdue"),
    ("week", "tui.tasks.week"),
)


class TasksScreen(DeskScreen):
    registry_name = "tasks"
    title_key = "tui.screen.tasks"
    BINDINGS = [
        Binding("l", "log", "tui.key.log", id="tasks.log"),
        Binding("n", "plan", "tui.key.plan", id="tasks.plan"),
        Binding("c", "complete", "tui.key.complete", id="tasks.complete"),
        Binding("r", "reschedule", "tui.key.reschedule", id="tasks.reschedule"),
        Binding("x", "cancel_task", "tui.key.cancel_task", id="tasks.cancel"),
        Binding("enter", "open", "tui.key.open", id="tasks.open"),
        Binding("s", "next_scope", "tui.key.next_list", id="tasks.scope"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scope = "today"
        self.total = 0
        self.note = ""  # what the last form saved, until the next list is shown

    def compose_body(self) -> Iterable[Widget]:
        yield Tabs(*(Tab(self.t(word), id=scope) for scope, word in SCOPES), id="scopes")
        yield Static(Text(self.t("tui.loading")), id="tasks-status")
        yield TaskTable(id="task-list")

    def on_mount(self) -> None:
        self.query_one("#scopes", Tabs).can_focus = False
        self.table.focus()
        super().on_mount()

    @property
    def table(self) -> TaskTable:
        return self.query_one("#task-list", TaskTable)

    # -- fetching -----------------------------------------------------------------------
    def reload(self) -> None:
        self.load()

    @work(exclusive=True, group="tasks")
    async def load(self) -> None:
        scope = self.scope
        send = self.app.send
        page, counts = await asyncio.gather(
            send(Endpoints.my_tasks(scope=scope, limit=PAGE)), send(Endpoints.my_task_counts())
        )
        if page is None or scope != self.scope:
            return
        if counts is not None:
            tabs = self.query_one("#scopes", Tabs)
            for key, count in (("today", counts.due_today), ("overdue", counts.overdue)):
                tabs.query_one(f"#{key}", Tab).label = f"{self.t(f'tui.tasks.{key}')} ({count})"
        await self.table.learn_names(page.items)
        self.total = page.total
        self.table.show(page.items)
        self._status()
        self.loaded = True

    @work(exclusive=True, group="tasks-page")
    async def more(self) -> None:
        offset = self.table.row_count
        page = await self.app.send(Endpoints.my_tasks(scope=self.scope, offset=offset, limit=PAGE))
        if page is None or self.table.row_count != offset:
            return
        await self.table.learn_names(page.items)
        self.table.show(page.items, append=True)
        self._status()

    def _status(self) -> None:
        if not self.total:
            text = self.t("tui.tasks.none")
        else:
            text = self.t("showing", shown=f"{self.table.row_count:,}", total=f"{self.total:,}")
        hint = self.t("tui.tasks.hint")
        status = Text(f"{text} · {hint}")
        if self.note:
            status = Text.assemble((self.note, "bold"), "\n", status)
        self.query_one("#tasks-status", Static).update(status)

    @on(DataTable.RowHighlighted, "#task-list")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if self.table.row_count < self.total and event.cursor_row >= self.table.row_count - 10:
            self.more()

    # -- lists --------------------------------------------------------------------------
    @on(Tabs.TabActivated, "#scopes")
    def _scope(self, event: Tabs.TabActivated) -> None:
        if event.tab.id and event.tab.id != self.scope:
            self.scope = event.tab.id
            self.query_one("#tasks-status", Static).update(Text(self.t("tui.loading")))
            self.load()

    def action_next_scope(self) -> None:
        self.query_one("#scopes", Tabs).action_next_tab()

    def show_scope(self, scope: str) -> None:
        self.query_one("#scopes", Tabs).active = scope

    # -- actions ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A researcher reads tasks but does not work them: no keys that would be refused.
        if action in ("log", "plan", "complete", "reschedule", "cancel_task"):
            me = self.app.me
            return me is not None and allowed(me.role, "tasks.write")
        return True

    def action_log(self) -> None:
        self.app.push_screen(TaskForm("log"), self._saved)

    def action_plan(self) -> None:
        self.app.push_screen(TaskForm("plan"), self._saved)

    def _chosen(self) -> Task | None:
        task = self.table.current()
        if task is None:
            self.notify(self.t("tui.tasks.none_chosen"), severity="warning")
        elif task.status is not TaskStatus.PLANNED:
            self.notify(self.t("tui.tasks.not_open"), severity="warning")
            return None
        return task

    def _work(self, form_class: type) -> None:
        task = self._chosen()
        if task is not None:
            name = self.table.names.get(task.account_id, "")
            self.app.push_screen(form_class(task, name), self._saved)

    def action_complete(self) -> None:
        self._work(CompleteForm)

    def action_reschedule(self) -> None:
        self._work(RescheduleForm)

    def action_cancel_task(self) -> None:
        self._work(CancelForm)

    def _saved(self, saved: Saved | None) -> None:
        if saved is not None:
            self.note = saved.note
            self.notify(saved.note, markup=False)
            self.load()

    def action_open(self) -> None:
        task = self.table.current()
        if task is not None:
            self.post_message(OpenClient(task.account_id))

    @on(DataTable.RowSelected, "#task-list")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def commands(self) -> list[ScreenCommand]:
        keys = (
            ("tui.key.log", "tui.cmd.log.help", self.action_log),
            ("tui.key.plan", "tui.cmd.plan.help", self.action_plan),
        )
        lists = [
            ScreenCommand(self.t("tui.cmd.show_list", list=self.t(word)), "", self._shower(scope))
            for scope, word in SCOPES
        ]
        actions = [ScreenCommand(self.t(a), self.t(b), c) for a, b, c in keys]
        return [*super().commands(), *actions, *lists]

    def _shower(self, scope: str):  # type: ignore[no-untyped-def]
        return lambda: self.show_scope(scope)
