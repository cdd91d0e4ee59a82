"""Working one task: complete it (an outcome is required), reschedule it, or cancel it.

Each carries the version of the task the user saw. When someone else changed it
meanwhile the server answers 409: the form stays open, says so, and takes the task as
it is now, so saving again is a deliberate second decision, not a silent overwrite."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, NamedTuple

from rich.text import Text
from textual import work
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from branchdesk import i18n
from branchdesk.errors import BranchDeskError, Conflict
from branchdesk.models import Outcome, Task, TaskStatus, today
from branchdesk.remote import Endpoints

from .. import connection
from ..refusals import refusal
from .form_dialog import FormDialog, enum_select


class Saved(NamedTuple):
    """What a task form hands back: the task as saved, and the sentence saying so."""

    task: Task
    note: str


class TaskActionForm(FormDialog[Saved | None]):
    def __init__(self, task: Task, client_name: str = "") -> None:
        super().__init__()
        self.subject = task
        self.client_name = client_name

    def summary(self) -> Static:
        return Static(self._summary_text(), id="task-summary")

    def _summary_text(self) -> Text:
        t = self.subject
        lang = self.lang
        return Text.assemble(
            (self.client_name or t.account_id, "bold"),
            f"  {i18n.day(t.due_date, lang)} · {i18n.label(t.channel, lang)}",
            f" · {i18n.label(t.purpose, lang)} · {i18n.label(t.status, lang)}",
            ("\n" + t.notes, "dim") if t.notes else "",
        )

    def call(self) -> Any:
        """The call to send, or None after ``say``-ing what is missing."""

    def save(self) -> None:
        call = self.call()
        if call is not None:
            self.send(call)

    @work(exclusive=True, group="form")
    async def send(self, call: Any) -> None:
        self.busy = True
        try:
            answer = await connection.submit(self.app, call)
            if isinstance(answer, Conflict):
                latest = await self.app.send(Endpoints.get_task(self.subject.id))  # type: ignore[attr-defined]
                if latest is not None:
                    self.subject = latest
                    self.query_one("#task-summary", Static).update(self._summary_text())
        finally:
            self.busy = False
        if isinstance(answer, BranchDeskError):
            self.say(refusal(answer, self.lang))
        elif answer is not None:
            self.dismiss(Saved(answer, saved_note(answer, self.client_name, self.lang)))


def saved_note(task: Task, name: str, lang: str) -> str:
    """What the notification says once a form saved a task."""
    who = name or task.account_id
    if task.status is TaskStatus.DONE:
        return i18n.t("tui.tasks.done_note", lang, name=who, outcome=i18n.label(task.outcome, lang))
    if task.status is TaskStatus.CANCELLED:
        return i18n.t("tui.tasks.cancelled_note", lang, name=who)
    return i18n.t("tui.tasks.planned_note", lang, name=who, day=i18n.day(task.due_date, lang))


class CompleteForm(TaskActionForm):
    title_key = "tui.form.complete_title"

    def compose_fields(self) -> Iterable[Widget]:
        yield self.summary()
        yield from self.field("outcome", enum_select(Outcome, self.lang, id="outcome", blank=True))
        scores = Select(
            [(str(n), n) for n in range(1, 6)], id="satisfaction", prompt="—", compact=True
        )
        yield from self.field("satisfaction", scores)
        yield from self.field("notes", Input(id="notes", compact=True))

    def on_mount(self) -> None:
        self.query_one("#outcome", Select).focus()

    def call(self) -> Any:
        outcome = self.query_one("#outcome", Select).selection
        if outcome is None:
            self.say(self.t("tui.refusal.outcome"))
            return None
        return Endpoints.complete_task(
            self.subject.id,
            version=self.subject.version,
            outcome=Outcome(outcome),
            notes=self.query_one("#notes", Input).value.strip() or None,
            satisfaction=self.query_one("#satisfaction", Select).selection,
        )


class RescheduleForm(TaskActionForm):
    title_key = "tui.form.reschedule_title"

    def compose_fields(self) -> Iterable[Widget]:
        yield self.summary()
        later = max(self.subject.due_date, today()) + timedelta(days=1)
        yield from self.field("tui.form.due", Input(later.isoformat(), id="due", compact=True))
        yield from self.field("notes", Input(id="notes", compact=True))

    def on_mount(self) -> None:
        self.query_one("#due", Input).focus()

    def call(self) -> Any:
        try:
            due = date.fromisoformat(self.query_one("#due", Input).value.strip())
        except ValueError:
            self.say(self.t("tui.form.bad_date"))
            return None
        if due < today():
            self.say(self.t("tui.form.past_date"))
            return None
        notes = self.query_one("#notes", Input).value.strip() or None
        return Endpoints.reschedule_task(
            self.subject.id, version=self.subject.version, due_date=due, notes=notes
        )


class CancelForm(TaskActionForm):
    title_key = "tui.form.cancel_title"

    def compose_fields(self) -> Iterable[Widget]:
        yield self.summary()
        yield from self.field("tui.form.reason", Input(id="reason", compact=True))

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def call(self) -> Any:
        reason = self.query_one("#reason", Input).value.strip()
        return Endpoints.cancel_task(self.subject.id, version=self.subject.version, reason=reason)
