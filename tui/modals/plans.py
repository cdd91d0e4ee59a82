"""Past plans, newest first: open one on the rebalance screen (Enter), or undo an applied
one (U). The result says which: ``("open", plan_id)`` or ``("undo", plan_id)``."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from branchdesk import i18n
from branchdesk.models.assignment import PlanStatus, PlanSummary

from ..assign_format import percent
from ..words import translate_bindings

COLUMNS = (
    ("shown", "", 1),
    ("id", "tui.rb.col.plan", 21),
    ("kind", "plan_kind", 12),
    ("status", "plan_status", 8),
    ("advisor", "advisor", 10),
    ("moves", "tui.rb.col.moves", 6),
    ("spread", "spread", 14),
    ("when", "tui.rb.col.when", 11),
    ("by", "tui.rb.col.by", 8),
)


class PlansModal(ModalScreen[tuple[str, str] | None]):
    BINDINGS = [
        Binding("enter", "open", "tui.key.open", id="plans.open"),
        Binding("u", "undo", "tui.key.undo", id="plans.undo"),
        Binding("escape", "close", "tui.key.back", id="plans.close"),
    ]

    def __init__(self, plans: list[PlanSummary], shown: str | None, names: dict[str, str]) -> None:
        super().__init__(id="plans", classes="dialog")
        self.plans, self.shown, self.names = plans, shown, names
        translate_bindings(self, self.app.lang)

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(classes="dialog-box plans-box"):
            yield Static(Text(i18n.t("tui.rb.plans", lang), style="bold"), classes="dialog-title")
            yield DataTable(id="plan-list", cursor_type="row", zebra_stripes=True)
            if not self.plans:
                yield Static(Text(i18n.t("tui.rb.no_plans", lang), style="dim"))
        yield Footer()

    def on_mount(self) -> None:
        lang = self.app.lang
        table = self.query_one("#plan-list", DataTable)
        for key, word, width in COLUMNS:
            table.add_column(i18n.t(word, lang) if word else "", key=key, width=width)
        for p in self.plans:
            who = p.advisor_id or ""
            if who in self.names:
                who = f"{who} {self.names[who]}"
            at = p.applied_at or p.created_at
            table.add_row(
                Text("▶" if p.id == self.shown else ""),
                Text(p.id),
                Text(i18n.t(f"plan_kind_{p.kind.value}", lang)),
                Text(
                    i18n.t(f"plan_status_{p.status.value}", lang),
                    style="green" if p.status is PlanStatus.APPLIED else "",
                ),
                Text(who),
                Text(f"{p.totals.moves:,}", justify="right"),
                Text(f"{percent(p.totals.spread_before)} → {percent(p.totals.spread_after)}"),
                Text(at.strftime("%m-%d %H:%M") if at else ""),
                Text(p.created_by or ""),
                key=p.id,
            )
        table.focus()

    def _current(self) -> str | None:
        table = self.query_one("#plan-list", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        plan_id = self._current()
        if plan_id:
            self.dismiss(("open", plan_id))

    def action_undo(self) -> None:
        plan_id = self._current()
        if plan_id:
            self.dismiss(("undo", plan_id))

    def action_close(self) -> None:
        self.dismiss(None)
