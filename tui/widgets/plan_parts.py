"""The parts of a plan that the rebalance screen and the leave/departure dialog share:
its title and totals as words, and the panel of loads before → after."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from branchdesk import i18n
from branchdesk.models.assignment import AdvisorLoad, Plan, PlanKind, PlanStatus

from ..assign_format import cost, percent
from .load_bars import LoadBars, rows_for


def plan_title(plan: Plan, lang: str) -> Text:
    t = i18n.t
    status_style = {PlanStatus.PREVIEW: "bold", PlanStatus.APPLIED: "bold green"}.get(
        plan.status, "bold yellow"
    )
    one_book = plan.kind is PlanKind.REBALANCE and plan.advisor_id
    return Text.assemble(
        (t("tui.rb.plan", lang, id=plan.id), "bold"),
        " · ",
        t(f"plan_kind_{plan.kind.value}", lang),
        " · ",
        (t(f"plan_status_{plan.status.value}", lang), status_style),
        " · ",
        i18n.day(plan.on, lang),
        *((" · ", t("until", lang, day=i18n.day(plan.until, lang))) if plan.until else ()),
        *((" · ", _scope(plan, lang)) if one_book else ()),
    )


def _scope(plan: Plan, lang: str) -> str:
    """A rebalancing of one advisor's book says whose (a leave or departure's kind does)."""
    name = next((x.name for x in plan.loads if x.advisor_id == plan.advisor_id), "")
    return i18n.t("tui.rb.scope.one", lang, id=plan.advisor_id, name=name)


def plan_totals(plan: Plan, lang: str) -> Text:
    tot = plan.totals
    return Text(
        i18n.t(
            "tui.rb.totals",
            lang,
            moves=f"{tot.moves:,}",
            cost=cost(tot.cost),
            before=percent(tot.spread_before),
            after=percent(tot.spread_after),
            eb=percent(tot.eligible_before),
            ea=percent(tot.eligible_after),
            unplaceable=f"{tot.unplaceable:,}",
        )
    )


class LoadsPanel(Vertical):
    """Bars for each advisor (scrolling when there are many), and what the colours mean."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="panel loads-panel")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="loads-scroll"):
            yield LoadBars()
        yield Static(classes="loads-legend")

    def on_mount(self) -> None:
        self.border_title = i18n.t("tui.rb.loads", self.app.lang)

    def show_loads(
        self, loads: list[AdvisorLoad], *, planned: bool = True, changed_only: bool = False
    ) -> None:
        """``planned=False``: today's loads with no plan (before and after are the same)."""
        lang = self.app.lang
        self.border_title = i18n.t("tui.rb.loads" if planned else "tui.rb.loads_now", lang)
        bars = self.query_one(LoadBars)
        bars.set_rows(rows_for(loads, changed_only=changed_only), compare=planned)
        style = bars.get_component_rich_style
        inside = "tui.rb.legend.inside" if planned else "tui.rb.legend.inside_now"
        before = (
            [("▒", style("load-bars--before")), f" {i18n.t('tui.rb.legend.before', lang)}  "]
            if planned
            else []
        )
        legend = Text.assemble(
            *before,
            ("█", style("load-bars--inside")),
            f" {i18n.t(inside, lang)}  ",
            ("█", style("load-bars--outside")),
            f" {i18n.t('tui.rb.legend.outside', lang)}  ",
            f"({i18n.t('tui.rb.legend.target', lang)})",
            style="dim",
        )
        self.query_one(".loads-legend", Static).update(legend)
