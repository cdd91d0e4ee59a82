"""A plan's clients, one row each: who moves from whom to whom and why, in words.

A plan over a big book moves thousands of clients; the table holds only the pages the
user has scrolled to (``PAGE`` rows at a time, the next added as the cursor nears the
end), so opening a plan costs the same for 50 moves or 50,000. Clients nobody may take
("stays") and, after an undo, clients that could not be put back come first: they are
what a manager must act on. The filter narrows the list by account, name or advisor."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from branchdesk import i18n
from branchdesk.assignment.reasons import reason_text
from branchdesk.models.assignment import Plan, Reason

PAGE = 200
#: column key → (i18n word, width; None = as wide as its text)
COLUMNS = (
    ("account", "account_id", 12),
    ("name", "name", 8),
    ("route", "tui.rb.col.route", 14),
    ("reason", "tui.rb.col.reason", None),
)


@dataclass(frozen=True)
class MoveItem:
    kind: str  # "move", "stays" (no eligible advisor), "not_restored" (after an undo)
    account_id: str
    name: str
    from_id: str | None
    to_id: str | None
    reason: Reason
    haystack: str  # what the filter matches, lower-cased

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.account_id}"


def items_of(plan: Plan) -> list[MoveItem]:
    def item(kind: str, account: str, name: str, frm, to, reason: Reason) -> MoveItem:  # type: ignore[no-untyped-def]
        words = (account, name, frm or "", to or "", reason.from_name or "", reason.to_name or "")
        return MoveItem(kind, account, name, frm, to, reason, " ".join(words).lower())

    out = [
        item("not_restored", u.account_id, u.name, u.advisor_id, None, u.reason)
        for u in plan.not_restored
    ]
    out += [
        item("stays", u.account_id, u.name, u.advisor_id, None, u.reason) for u in plan.unplaceable
    ]
    out += [item("move", m.account_id, m.name, m.from_id, m.to_id, m.reason) for m in plan.moves]
    return out


class MoveTable(DataTable):
    def __init__(self) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, classes="move-table")
        self.items: list[MoveItem] = []

    def on_mount(self) -> None:
        lang = self.app.lang
        for key, word, width in COLUMNS:
            self.add_column(i18n.t(word, lang), key=key, width=width)

    def set_items(self, items: list[MoveItem]) -> None:
        self.items = items
        self.clear()
        self.add_page()
        self.move_cursor(row=0, animate=False)

    def add_page(self) -> None:
        lang = self.app.lang
        start = self.row_count
        for it in self.items[start : start + PAGE]:
            self.add_row(*_cells(it, lang), key=it.key)

    @property
    def current(self) -> MoveItem | None:
        row = self.cursor_row
        return self.items[row] if 0 <= row < min(self.row_count, len(self.items)) else None


def _cells(it: MoveItem, lang: str) -> list[Text]:
    frm = it.from_id or i18n.t("none", lang)
    if it.kind == "move":
        route = Text(f"{frm} → {it.to_id}")
    else:
        route = Text.assemble(f"{frm} ", (i18n.t(f"tui.rb.{it.kind}", lang), "bold yellow"))
    return [
        Text(it.account_id),
        Text(it.name),
        route,
        Text(reason_text(it.reason, lang), style="" if it.kind == "move" else "yellow"),
    ]


class MovesPanel(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="panel moves-panel")
        self.all: list[MoveItem] = []

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder=i18n.t("tui.rb.filter", self.app.lang), compact=True, classes="move-filter"
        )
        yield MoveTable()
        yield Static(classes="move-reason")

    def on_mount(self) -> None:
        self.border_title = i18n.t("tui.rb.moves", self.app.lang)

    @property
    def table(self) -> MoveTable:
        return self.query_one(MoveTable)

    def show_plan(self, plan: Plan | None) -> None:
        self.all = items_of(plan) if plan else []
        self.query_one(".move-filter", Input).value = ""  # a new plan starts unfiltered
        self._fill(self.all)

    def focus_filter(self) -> None:
        self.query_one(".move-filter", Input).focus()

    @on(Input.Changed, ".move-filter")
    def _filter(self, event: Input.Changed) -> None:
        words = event.value.lower().split()
        if not words:
            self._fill(self.all)
            return
        self._fill([it for it in self.all if all(w in it.haystack for w in words)])

    @on(Input.Submitted, ".move-filter")
    def _to_table(self) -> None:
        self.table.focus()

    def _fill(self, items: list[MoveItem]) -> None:
        self.table.set_items(items)
        self._counts()
        self._reason(self.table.current)

    def _counts(self) -> None:
        lang = self.app.lang
        total, matching, shown = len(self.all), len(self.table.items), self.table.row_count
        self.border_title = i18n.t("tui.rb.moves_count", lang, count=f"{total:,}")
        if matching < total:
            self.border_subtitle = i18n.t(
                "tui.rb.matching", lang, shown=f"{shown:,}", total=f"{matching:,}"
            )
        elif shown < total:
            self.border_subtitle = i18n.t("showing", lang, shown=f"{shown:,}", total=f"{total:,}")
        else:
            self.border_subtitle = ""

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self.table
        if event.cursor_row >= table.row_count - 20 and table.row_count < len(table.items):
            table.add_page()
            self._counts()
        self._reason(table.current)

    def _reason(self, it: MoveItem | None) -> None:
        line = self.query_one(".move-reason", Static)
        if it is None:
            line.update(Text(i18n.t("tui.rb.no_moves", self.app.lang), style="dim"))
            return
        lang = self.app.lang
        head = f"{it.account_id} {it.name}{i18n.t('tui.label_sep', lang)}"
        line.update(Text.assemble((head, "bold"), reason_text(it.reason, lang)))
