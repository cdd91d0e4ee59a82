"""Service reports (F10): coverage per advisor, overdue tasks, channel mix and cost,
campaign results — one tab each, one table each, the numbers from the server's
``/reports`` (the same ones ``branchdesk report …`` prints)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from branchdesk import i18n
from branchdesk.models import ChannelKind, Purpose
from branchdesk.models.service_api import (
    CampaignReport,
    ChannelReport,
    CoverageReport,
    OverdueReport,
)
from branchdesk.remote import Endpoints

from .base import DeskScreen

#: tab id → (i18n title, columns as (i18n word, right-aligned))
TABS: dict[str, tuple[str, tuple[tuple[str, bool], ...]]] = {
    "coverage": (
        "tui.report.coverage",
        (("advisor", False), ("clients_n", True), ("contacted", True), ("coverage", True)),
    ),
    "overdue": (
        "tui.report.overdue",
        (("assignee", False), ("tasks_n", True), ("oldest", False), ("tui.report.purposes", False)),
    ),
    "channels": (
        "tui.report.channels",
        (
            ("channel", False),
            ("kind", False),
            ("tasks_n", True),
            ("share", True),
            ("reached", True),
            ("cost", True),
        ),
    ),
    "campaigns": (
        "tui.report.campaigns",
        (
            ("campaign", False),
            ("targeted", True),
            ("reached", True),
            ("reactivated", True),
            ("cost", True),
            ("cost_per_reactivation", True),
        ),
    ),
}


class ReportsScreen(DeskScreen):
    registry_name = "reports"
    title_key = "tui.screen.reports"
    BINDINGS = [Binding("s", "next_report", "tui.key.next_report", id="reports.next")]

    def compose_body(self) -> Iterable[Widget]:
        with TabbedContent(id="report-tabs"):
            for name, (title, _) in TABS.items():
                with TabPane(self.t(title), id=f"tab-{name}"):
                    yield Static(Text(self.t("tui.loading")), id=f"{name}-note")
                    yield DataTable(id=f"{name}-table", classes="report-table", zebra_stripes=True)

    def on_mount(self) -> None:
        for name, (_, columns) in TABS.items():
            table = self.query_one(f"#{name}-table", DataTable)
            for word, _right in columns:
                table.add_column(self.t(word), key=word)
        super().on_mount()

    def action_next_report(self) -> None:
        tabs = self.query_one("#report-tabs", TabbedContent)
        names = [f"tab-{n}" for n in TABS]
        tabs.active = names[(names.index(tabs.active) + 1) % len(names)]

    def reload(self) -> None:
        self.load()

    @work(exclusive=True, group="reports")
    async def load(self) -> None:
        send = self.app.send
        coverage, overdue, channels, campaigns = await asyncio.gather(
            send(Endpoints.coverage_report()),
            send(Endpoints.overdue_report(limit=1)),
            send(Endpoints.channel_report()),
            send(Endpoints.campaign_report()),
        )
        if coverage is not None:
            self._coverage(coverage)
        if overdue is not None:
            self._overdue(overdue)
        if channels is not None:
            self._channels(channels)
        if campaigns is not None:
            self._campaigns(campaigns)
        self.loaded = None not in (coverage, overdue, channels, campaigns)

    # -- one table per report -------------------------------------------------------------
    def _fill(self, name: str, rows: list[list[str]], note: str) -> None:
        table = self.query_one(f"#{name}-table", DataTable)
        table.clear()
        columns = TABS[name][1]
        for row in rows:
            table.add_row(
                *(
                    Text(v, justify="right" if right else "left")
                    for v, (_, right) in zip(row, columns, strict=True)
                )
            )
        self.query_one(f"#{name}-note", Static).update(Text(note))

    def _coverage(self, r: CoverageReport) -> None:
        lang = self.lang
        rows = [
            [
                f"{row.advisor_id} {row.name}",
                f"{row.clients:,}",
                f"{row.contacted:,}",
                i18n.percent(row.share, lang),
            ]
            for row in r.rows
        ]
        note = self.t(
            "tui.report.coverage_note",
            day=i18n.day(r.as_of, lang),
            contacted=f"{r.contacted:,}",
            clients=f"{r.clients:,}",
            share=i18n.percent(r.share, lang),
        )
        self._fill("coverage", rows, note)

    def _overdue(self, r: OverdueReport) -> None:
        lang = self.lang
        rows = []
        for row in r.rows:
            top = sorted(row.by_purpose.items(), key=lambda kv: -kv[1])[:3]
            purposes = self.t("tui.list_sep").join(
                f"{i18n.label(Purpose(p), lang)} {n}" for p, n in top
            )
            who = self.app.advisors.get(row.assignee)
            name = (
                f"{row.assignee} {who.name}"
                if who
                else (row.assignee or self.t("tui.report.unassigned"))
            )
            rows.append([name, f"{row.tasks:,}", i18n.day(row.oldest, lang), purposes])
        note = self.t("tui.report.overdue_note", day=i18n.day(r.as_of, lang), total=f"{r.total:,}")
        self._fill("overdue", rows, note)

    def _channels(self, r: ChannelReport) -> None:
        lang = self.lang
        rows = [
            [
                i18n.label(row.channel, lang),
                i18n.label(row.kind, lang),
                f"{row.tasks:,}",
                i18n.percent(row.share, lang),
                f"{row.reached:,}",
                i18n.money(row.cost, lang),
            ]
            for row in r.rows
        ]
        kinds = self.t("tui.clause_sep").join(
            self.t(
                "tui.report.kind_total",
                kind=i18n.label(ChannelKind(k), lang),
                tasks=f"{int(v[0]):,}",
                cost=i18n.money(v[1], lang),
            )
            for k, v in r.by_kind.items()
        )
        note = self.t(
            "tui.report.channels_note",
            since=i18n.day(r.since, lang),
            until=i18n.day(r.until, lang),
            tasks=f"{r.tasks:,}",
            cost=i18n.money(r.cost, lang),
        )
        self._fill("channels", rows, f"{note}  {kinds}")

    def _campaigns(self, r: CampaignReport) -> None:
        lang = self.lang
        rows = [
            [
                row.name,
                f"{row.targeted:,}",
                f"{row.reached:,}",
                f"{row.reactivated:,}",
                i18n.money(row.cost, lang),
                i18n.money(row.cost_per_reactivation, lang)
                if row.cost_per_reactivation is not None
                else "—",
            ]
            for row in r.rows
        ]
        note = (
            self.t("tui.report.campaigns_note", count=len(r.rows))
            if r.rows
            else self.t("tui.campaign.none")
        )
        self._fill("campaigns", rows, note)
