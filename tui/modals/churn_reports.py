"""The churn reports for managers and advisors: the alert funnel, why clients leave
(ranked by clients and by the money that left with them), and the net client flow of
the last six months (gained − lost, the seed's "2 − 5 = −3")."""

from __future__ import annotations

import asyncio

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from branchdesk import i18n
from branchdesk.models.churn import ChurnFunnel, ChurnReasons, ClientFlow, ReasonRow
from branchdesk.remote import Endpoints

from ..words import translate_bindings

FLOW_MONTHS = 6


class ChurnReportsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", "tui.key.back", id="reports.close")]

    def __init__(self) -> None:
        super().__init__(classes="form")
        translate_bindings(self, self.app.lang)

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.app.lang, **values)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box", id="reports-box"):
            yield Static(Text(self.t("tui.reports.title"), style="bold"), id="form-title")
            yield Static(Text(self.t("tui.loading"), style="dim"), id="funnel")
            yield Static(id="lost")
            with Horizontal(id="reasons"):
                yield Static(id="by-count")
                yield Static(id="by-assets")
            yield Static(id="flow")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)

    @work(exclusive=True, group="reports")
    async def load(self) -> None:
        send = self.app.send
        funnel, reasons, flow = await asyncio.gather(
            send(Endpoints.churn_funnel()),
            send(Endpoints.churn_reasons()),
            send(Endpoints.client_flow(months=FLOW_MONTHS)),
        )
        if funnel is not None:
            self.query_one("#funnel", Static).update(self._funnel(funnel))
        if reasons is not None:
            self._reasons(reasons)
        if flow is not None:
            self.query_one("#flow", Static).update(self._flow(flow))

    def _funnel(self, funnel: ChurnFunnel) -> Table:
        total = funnel.total
        table = Table(title=self.t("churn.funnel"), title_justify="left", expand=True)
        words = ("raised", "acknowledged", "retained", "lost", "false_alarm", "open")
        for word in words:
            table.add_column(self.t(f"churn.{word}"), justify="right")
        table.add_column(self.t("churn.median_hours"), justify="right")
        hours = total.median_hours_to_first_action
        figures = [getattr(total, w) for w in words]
        table.add_row(*(f"{n:,}" for n in figures), "—" if hours is None else f"{hours:g}")
        return table

    def _reasons(self, reasons: ChurnReasons) -> None:
        lang = self.app.lang
        if not reasons.lost_clients:
            self.query_one("#lost", Static).update(
                Text(self.t("tui.reports.none_lost"), style="dim")
            )
            return
        assets = i18n.money(reasons.lost_assets, lang)
        lost = self.t("tui.reports.lost", clients=f"{reasons.lost_clients:,}", assets=assets)
        self.query_one("#lost", Static).update(Text(lost, style="bold"))
        self.query_one("#by-count", Static).update(
            self._ranking("churn.by_count", reasons.by_count, by_assets=False)
        )
        self.query_one("#by-assets", Static).update(
            self._ranking("churn.by_assets", reasons.by_assets, by_assets=True)
        )

    def _ranking(self, title: str, rows: list[ReasonRow], *, by_assets: bool) -> Table:
        lang = self.app.lang
        table = Table(title=self.t(title), title_justify="left", expand=True)
        table.add_column(self.t("churn.reason"))
        table.add_column(self.t("churn.assets" if by_assets else "churn.clients"), justify="right")
        table.add_column(self.t("churn.share"), justify="right")
        for row in rows:
            figure = i18n.money(row.assets, lang) if by_assets else f"{row.clients:,}"
            share = row.share_by_assets if by_assets else row.share_by_count
            label = Text(i18n.label(row.reason, lang))
            if row.examples:  # the words given with "other": user data
                label.append(f" ({'; '.join(row.examples[:2])})", style="dim")
            table.add_row(label, figure, i18n.percent(share, lang))
        return table

    def _flow(self, flow: ClientFlow) -> Table:
        table = Table(title=self.t("churn.flow"), title_justify="left", expand=True)
        for word in ("churn.month", "churn.gained", "churn.lost", "churn.net"):
            table.add_column(self.t(word), justify="right")
        for m in flow.months:
            table.add_row(m.month, f"{m.gained:,}", f"{m.lost:,}", f"{m.net:+,}" if m.net else "0")
        return table
