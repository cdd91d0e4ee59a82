"""The plan a leave or a departure made, shown before anything moves: the books it
changes (before → after), every move with its reason, the totals. The go-ahead button
says how many clients move and at what cost, so it is the confirmation; the result is
``True`` to apply it. "Not now" keeps it as a preview on the rebalance screen."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from branchdesk import i18n
from branchdesk.models.assignment import Plan

from ..assign_format import cost
from ..widgets.move_list import MovesPanel
from ..widgets.plan_parts import LoadsPanel, plan_title, plan_totals
from ..words import translate_bindings


class PlanModal(ModalScreen[bool]):
    BINDINGS = [
        Binding("slash", "filter", "tui.key.filter", id="plan.filter"),
        Binding("escape", "cancel", "tui.plan.not_now", id="plan.cancel"),
    ]

    def __init__(self, plan: Plan, heading: str) -> None:
        super().__init__(id="plan-preview", classes="dialog")
        self.plan, self.heading = plan, heading
        translate_bindings(self, self.app.lang)

    def compose(self) -> ComposeResult:
        lang, plan = self.app.lang, self.plan
        with Vertical(classes="dialog-box plan-box"):
            yield Static(Text(self.heading, style="bold"), classes="dialog-title")
            yield Static(plan_title(plan, lang))
            yield Static(plan_totals(plan, lang), classes="plan-totals")
            yield LoadsPanel()
            yield MovesPanel()
            with Horizontal(classes="dialog-buttons"):
                if plan.moves:
                    yes = i18n.t(
                        "tui.plan.apply_n",
                        lang,
                        moves=f"{plan.totals.moves:,}",
                        cost=cost(plan.totals.cost),
                    )
                    yield Button(yes, variant="primary", id="yes")
                yield Button(i18n.t("tui.plan.not_now", lang), id="no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(LoadsPanel).show_loads(self.plan.loads, changed_only=True)
        self.query_one(MovesPanel).show_plan(self.plan)
        self.query_one("#yes" if self.plan.moves else "#no", Button).focus()

    def action_filter(self) -> None:
        self.query_one(MovesPanel).focus_filter()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)
