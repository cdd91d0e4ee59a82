"""Tasks as a table: one row per task, keyed by task id, with the client's name.

Tasks carry only an account id; the names come from the server once per client and are
kept in ``names`` (shared by the screen across reloads), so a list of 100 tasks costs
at most one call per client not seen before, all sent at once."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.widgets import DataTable

from branchdesk import i18n
from branchdesk.models import Task, TaskStatus, today
from branchdesk.remote import Endpoints

#: column key → (i18n word, width in cells; None: as wide as the cells)
COLUMNS = (
    ("due", "tui.col.due", 14),
    ("client", "tui.col.client", 10),
    ("kind", "kind", 10),
    ("channel", "channel", 17),
    ("purpose", "purpose", 21),
    ("status", "tui.col.task_status", 9),
    ("notes", "notes", None),  # the rest of the row (long notes scroll)
)


class TaskTable(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.tasks: dict[str, Task] = {}
        self.names: dict[str, str] = {}

    def on_mount(self) -> None:
        for key, word, width in COLUMNS:
            self.add_column(i18n.t(word, self.app.lang), key=key, width=width)

    async def learn_names(self, tasks: list[Task]) -> None:
        """Fetch the names of clients not seen before (masked views: no audit entry)."""
        missing = list(dict.fromkeys(t.account_id for t in tasks if t.account_id not in self.names))
        send = self.app.send  # type: ignore[attr-defined]
        found = await asyncio.gather(*(send(Endpoints.get_client(a, full=False)) for a in missing))
        for client in found:
            if client is not None:
                self.names[client.account_id] = client.name

    def show(self, tasks: list[Task], *, append: bool = False) -> None:
        if not append:
            self.clear()
            self.tasks = {}
        lang = self.app.lang
        for task in tasks:
            if task.id in self.tasks:
                continue
            self.tasks[task.id] = task
            self.add_row(*self._cells(task, lang), key=task.id)

    def _cells(self, t: Task, lang: str) -> list[Text]:
        late = t.status is TaskStatus.PLANNED and t.due_date < today()
        return [
            Text(i18n.day(t.due_date, lang), style="bold red" if late else ""),
            Text(self.names.get(t.account_id, t.account_id)),
            Text(i18n.label(t.kind, lang)),
            Text(i18n.label(t.channel, lang)),
            Text(i18n.label(t.purpose, lang)),
            Text(i18n.label(t.status, lang)),
            Text(t.notes),
        ]

    def current(self) -> Task | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return self.tasks.get(str(key.value))
