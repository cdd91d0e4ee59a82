"""Rebalance (managers): preview a fair sharing of the book, read why each client moves,
apply it after a confirmation, undo it.

The screen shows one plan at a time — the newest when it opens, then whatever was
previewed or opened from the list of past plans (H). Options: balance by client count or
weighted load, the band around each target, and the whole book or one advisor's clients.
Every write answers with the plan as it now stands, which replaces the one shown."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from branchdesk import i18n
from branchdesk.access import allowed
from branchdesk.models import AdvisorStatus
from branchdesk.models.assignment import AdvisorLoad, BalanceBy, Plan, PlanStatus, PlanSummary
from branchdesk.remote import Endpoints

from ..assign_format import cost, number, percent
from ..modals.confirm import ConfirmModal
from ..modals.plans import PlansModal
from ..plan_actions import apply_plan
from ..widgets.move_list import MovesPanel
from ..widgets.plan_parts import LoadsPanel, plan_title, plan_totals
from .base import ScreenCommand
from .live import LiveDeskScreen

WHOLE_BOOK = ""
WRITES = ("apply", "undo")


class RebalanceScreen(LiveDeskScreen):
    registry_name = "rebalance"
    title_key = "tui.screen.rebalance"
    BINDINGS = [
        Binding("p", "preview", "tui.key.preview", id="rebalance.preview"),
        Binding("a", "apply", "tui.key.apply", id="rebalance.apply"),
        Binding("u", "undo", "tui.key.undo", id="rebalance.undo"),
        Binding("h", "plans", "tui.key.plans", id="rebalance.plans"),
        Binding("slash", "filter", "tui.key.filter", id="rebalance.filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plan: Plan | None = None
        self.plans: list[PlanSummary] = []
        self.options_set = False

    def compose_body(self) -> Iterable[Widget]:
        with Horizontal(id="rb-options"):
            yield Static(Text(self.t("tui.rb.balance")), classes="option-label")
            balances = [(Text(self.t(f"tui.rb.balance.{b.value}")), b.value) for b in BalanceBy]
            balance = Select(balances, allow_blank=False, compact=True, id="rb-balance")
            yield _fit(balance, [label for label, _ in balances])
            yield Static(Text(self.t("tui.rb.tolerance")), classes="option-label")
            yield Input("5", compact=True, id="rb-tolerance", restrict=r"[0-9.]*", max_length=5)
            yield Static(Text(self.t("tui.rb.scope")), classes="option-label")
            whole = [(self.t("tui.rb.scope.all"), WHOLE_BOOK)]
            yield Select(whole, allow_blank=False, compact=True, id="rb-scope")
            yield Button(self.t("tui.key.preview"), compact=True, id="rb-preview")
        yield Static(Text(self.t("tui.loading")), id="rb-title")
        yield Static(id="rb-totals")
        yield Static(id="rb-status")
        yield LoadsPanel(id="rb-loads")
        yield MovesPanel(id="rb-moves")

    def on_mount(self) -> None:
        # The list has the focus, so P, A, U and H work at once (a box would take them).
        self.query_one(MovesPanel).table.focus()
        # DeskScreen.on_mount (called by Textual after this one) starts the first load.

    @property
    def may_write(self) -> bool:
        me = self.app.me
        return me is not None and allowed(me.role, "assignments.write")

    # -- fetching -----------------------------------------------------------------------
    def reload(self) -> None:
        self.load()

    @work(exclusive=True, group="rebalance")
    async def load(self) -> None:
        send = self.app.send
        plans, rules, advisors, loads = await asyncio.gather(
            send(Endpoints.list_plans(limit=50)),
            send(Endpoints.rule_set("assignment")),
            send(Endpoints.list_advisors()),
            send(Endpoints.advisor_loads()),
        )
        if plans is None or rules is None or advisors is None or loads is None:
            return
        self.plans = plans
        if not self.options_set:
            self._set_options(rules.values, advisors)
        shown = self.plan.id if self.plan else None
        if plans and (self.plan is None or _newer(plans[0], self.plan)):
            shown = plans[0].id  # the newest plan, unless the one shown is newer still
        plan = await send(Endpoints.get_plan(shown)) if shown else None
        self.show(plan, loads)
        self.loaded = True

    def _set_options(self, rules: dict, advisors) -> None:  # type: ignore[no-untyped-def,type-arg]
        """The branch's own rules are the starting point of every preview."""
        self.query_one("#rb-balance", Select).value = rules.get("balance", BalanceBy.COUNT.value)
        tolerance = float(rules.get("tolerance", 0.05)) * 100
        self.query_one("#rb-tolerance", Input).value = number(tolerance)
        scope = [(Text(self.t("tui.rb.scope.all")), WHOLE_BOOK)]
        for a in advisors:
            label = self.t("tui.rb.scope.one", id=a.id, name=a.name)
            if a.status is not AdvisorStatus.ACTIVE:
                label += self.t("tui.rb.scope.away", status=i18n.label(a.status, self.lang))
            scope.append((Text(label), a.id))  # a name is data, never markup
        select = self.query_one("#rb-scope", Select)
        select.set_options(scope)
        select.value = WHOLE_BOOK
        _fit(select, [label for label, _ in scope])
        self.options_set = True

    def show(self, plan: Plan | None, loads: list[AdvisorLoad] | None = None) -> None:
        """Show a plan, or with none today's loads (``loads``) and how to make one."""
        self.plan = plan
        lang = self.lang
        title = self.query_one("#rb-title", Static)
        totals = self.query_one("#rb-totals", Static)
        panel = self.query_one(LoadsPanel)
        if plan is None:
            title.update(Text(self.t("tui.rb.none_yet"), style="dim"))
            totals.update("")
            if loads is not None:
                panel.show_loads(loads, planned=False)
        else:
            title.update(plan_title(plan, lang))
            totals.update(plan_totals(plan, lang))
            panel.show_loads(plan.loads)
        self.query_one(MovesPanel).show_plan(plan)
        self._say("")
        self.refresh_bindings()

    def _say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#rb-status", Static)
        line.display = bool(message)
        line.set_class(error, "-error")
        line.update(Text(message))

    # -- preview ------------------------------------------------------------------------
    @on(Button.Pressed, "#rb-preview")
    @on(Input.Submitted, "#rb-tolerance")
    def action_preview(self) -> None:
        text = self.query_one("#rb-tolerance", Input).value.strip()
        try:
            tolerance = float(text) / 100
        except ValueError:
            tolerance = -1.0
        if not 0 <= tolerance <= 1:
            self._say(self.t("tui.rb.bad_tolerance"), error=True)
            return
        balance = BalanceBy(self.query_one("#rb-balance", Select).value)
        scope = self.query_one("#rb-scope", Select).value
        self._say(self.t("tui.rb.previewing"))
        self.preview(balance, tolerance, scope or None)

    @work(exclusive=True, group="rebalance")
    async def preview(self, balance: BalanceBy, tolerance: float, advisor_id: str | None) -> None:
        call = Endpoints.preview_plan(advisor_id=advisor_id, balance=balance, tolerance=tolerance)
        plan = await self.app.send(call)
        if plan is None:
            self._say("")
            return
        self.show(plan)
        self.query_one(MovesPanel).table.focus()

    # -- apply and undo -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in WRITES:
            return True
        if not self.may_write:
            return False
        plan = self.plan
        if action == "apply":
            return (plan is not None and plan.status is PlanStatus.PREVIEW) or None
        return (plan is not None and plan.status is PlanStatus.APPLIED) or None

    def action_apply(self) -> None:
        plan = self.plan
        if plan is None or plan.status is not PlanStatus.PREVIEW:
            self._say(self.t("tui.rb.no_preview"), error=True)
            return
        if not plan.moves:
            self._say(self.t("tui.plan.nothing"))
            return
        tot = plan.totals
        modal = ConfirmModal(
            self.t("tui.rb.apply.title", id=plan.id),
            self.t(
                "tui.rb.apply.body",
                moves=f"{tot.moves:,}",
                cost=cost(tot.cost),
                before=percent(tot.spread_before),
                after=percent(tot.spread_after),
            ),
            self.t("tui.rb.apply.yes", moves=f"{tot.moves:,}"),
            id="confirm-apply",
        )
        self.app.push_screen(modal, lambda yes: self.apply(plan) if yes else None)

    @work(exclusive=True, group="rebalance")
    async def apply(self, plan: Plan) -> None:
        applied, message = await apply_plan(self.app, plan)
        if applied is None:
            self._say(message, error=True)
            return
        self.show(applied)
        self._say(message)

    def action_undo(self, plan_id: str | None = None) -> None:
        plan = self.plan
        if plan_id is not None and (plan is None or plan.id != plan_id):
            self.open_plan(plan_id, then_undo=True)
            return
        if plan is None or plan.status is not PlanStatus.APPLIED:
            self._say(self.t("tui.rb.no_applied"), error=True)
            return
        modal = ConfirmModal(
            self.t("tui.rb.undo.title", id=plan.id),
            self.t("tui.rb.undo.body", moves=f"{plan.totals.moves:,}"),
            self.t("tui.key.undo"),
            id="confirm-undo",
        )
        self.app.push_screen(modal, lambda yes: self.undo(plan) if yes else None)

    @work(exclusive=True, group="rebalance")
    async def undo(self, plan: Plan) -> None:
        undone = await self.app.send(Endpoints.undo_plan(plan.id))
        if undone is None:
            return
        self.show(undone)
        kept = len(undone.not_restored)
        message = i18n.t(
            "plan_undone", self.lang, id=undone.id, restored=f"{len(undone.moves) - kept:,}"
        )
        if kept:
            message += self.t("tui.rb.not_restored_note", count=f"{kept:,}")
        self._say(message)

    # -- past plans ---------------------------------------------------------------------
    def action_plans(self) -> None:
        self.open_plans()

    @work(exclusive=True, group="rebalance")
    async def open_plans(self) -> None:
        # Fetched afresh: an apply or undo since (here, on the advisors screen or by
        # another manager) changes the statuses the list shows.
        plans = await self.app.send(Endpoints.list_plans(limit=50))
        if plans is None:
            return  # the banner or a notice said why
        self.plans = plans
        names = {a.id: a.name for a in self.app.advisors.values()}
        shown = self.plan.id if self.plan else None
        self.app.push_screen(PlansModal(self.plans, shown, names), self._chose)

    def _chose(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        what, plan_id = choice
        if what == "undo":
            self.action_undo(plan_id)
        else:
            self.open_plan(plan_id)

    @work(exclusive=True, group="rebalance")
    async def open_plan(self, plan_id: str, *, then_undo: bool = False) -> None:
        plan = await self.app.send(Endpoints.get_plan(plan_id))
        if plan is None:
            return
        self.show(plan)
        if then_undo:
            self.action_undo()

    def action_filter(self) -> None:
        self.query_one(MovesPanel).focus_filter()

    def commands(self) -> list[ScreenCommand]:
        out = super().commands()
        actions = ["preview", *(a for a in WRITES if self.check_action(a, ()) is True)]
        actions += ["plans", "filter"]
        for action in actions:
            out.append(
                ScreenCommand(
                    self.t(f"tui.cmd.rb.{action}"),
                    self.t(f"tui.cmd.rb.{action}.help"),
                    getattr(self, f"action_{action}"),
                )
            )
        return out


def _newer(summary: PlanSummary, plan: Plan) -> bool:
    if summary.created_at and plan.created_at:
        return summary.created_at > plan.created_at
    return summary.id > plan.id  # ids start with the time they were made


def _fit(select: Select, labels: list[Text]) -> Select:
    """As wide as the longest choice (and its arrow): no wider, so the options and the
    preview button share one line; no narrower, a wrapped choice reads as two."""
    select.styles.width = max(label.cell_len for label in labels) + 6
    return select
