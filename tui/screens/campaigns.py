"""Campaigns (F8), for managers: every dormant-activation campaign with its results
(reached, re-activated, cost per re-activation); create one, preview it (a dry run that
changes nothing), then run it — which plans one task per picked client for their advisor.

The panel under the list shows the highlighted campaign: its last preview or run, or its
results. Running asks for the campaign's version, so two managers cannot run one twice
by accident; a refusal is shown in the panel."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import DataTable, Static

from branchdesk import i18n
from branchdesk.errors import BranchDeskError, Conflict
from branchdesk.models import Campaign, Channel
from branchdesk.models.service_api import CampaignResults, CampaignRun
from branchdesk.remote import Endpoints

from .. import connection
from ..modals.campaign_form import CampaignForm
from ..refusals import refusal
from .base import DeskScreen, ScreenCommand

#: column key → (i18n word, width in cells; None: as wide as its header and cells)
COLUMNS = (
    ("name", "campaign", 24),
    ("status", "tui.col.task_status", None),
    ("period", "period", 18),
    ("targeted", "targeted", None),
    ("reached", "reached", None),
    ("reactivated", "reactivated", None),
    ("cost", "cost", None),
    ("per", "cost_per_reactivation", None),
)


class CampaignsScreen(DeskScreen):
    registry_name = "campaigns"
    title_key = "tui.screen.campaigns"
    BINDINGS = [
        Binding("n", "new", "tui.key.new_campaign", id="campaigns.new"),
        Binding("p", "preview", "tui.key.preview", id="campaigns.preview"),
        Binding("g", "run", "tui.key.run", id="campaigns.run"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.campaigns: dict[str, Campaign] = {}
        self.results: dict[str, CampaignResults] = {}
        self.runs: dict[str, CampaignRun] = {}  # the last preview or run of each, this session
        self.refusals: dict[str, str] = {}  # why the last preview or run was refused

    def compose_body(self) -> Iterable[Widget]:
        yield Static(Text(self.t("tui.loading")), id="campaigns-status")
        table = DataTable(id="campaign-list", cursor_type="row", zebra_stripes=True)
        yield table
        with VerticalScroll(id="campaign-panel", classes="panel") as panel:
            panel.border_title = self.t("tui.campaign.detail")
            yield Static(id="campaign-results")

    def on_mount(self) -> None:
        table = self.table
        for key, word, width in COLUMNS:
            table.add_column(self.t(word), key=key, width=width)
        table.focus()
        super().on_mount()

    @property
    def table(self) -> DataTable:
        return self.query_one("#campaign-list", DataTable)

    def reload(self) -> None:
        self.load()

    @work(exclusive=True, group="campaigns")
    async def load(self, select: str | None = None) -> None:
        campaigns, report = await asyncio.gather(
            self.app.send(Endpoints.list_campaigns()), self.app.send(Endpoints.campaign_report())
        )
        if campaigns is None:
            return
        self.campaigns = {c.id: c for c in campaigns}
        self.results = {r.campaign_id: r for r in report.rows} if report else {}
        table = self.table
        keep = select or self._current_id()
        table.clear()
        for c in campaigns:
            table.add_row(*self._cells(c, self.results.get(c.id)), key=c.id)
        if keep in self.campaigns:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        count = len(campaigns)
        status = self.t("tui.campaign.count", count=count) if count else self.t("tui.campaign.none")
        self.query_one("#campaigns-status", Static).update(
            Text(f"{status} · {self.t('tui.campaign.hint')}")
        )
        self._show_detail()
        self.loaded = True

    def _cells(self, c: Campaign, r: CampaignResults | None) -> list[Text]:
        lang = self.lang
        period = f"{c.start.isoformat()} – {c.end.isoformat()[5:]}"  # short in both languages
        figures = ["—"] * 5
        if r is not None:
            per = r.cost_per_reactivation
            figures = [
                f"{r.targeted:,}",
                f"{r.reached:,}",
                f"{r.reactivated:,}",
                i18n.money(r.cost, lang),
                i18n.money(per, lang) if per is not None else "—",
            ]
        return [
            Text(c.name),
            Text(i18n.label(c.status, lang)),
            Text(period),
            *(Text(f, justify="right") for f in figures),
        ]

    def _current_id(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowHighlighted, "#campaign-list")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        panel = self.query_one("#campaign-results", Static)
        campaign_id = self._current_id()
        if campaign_id is None:
            panel.update(Text(self.t("tui.campaign.none"), style="dim"))
            return
        parts: list[object] = [self._describe(self.campaigns[campaign_id])]
        if campaign_id in self.refusals:
            parts.append(Text(self.refusals[campaign_id], style="bold red"))
        run = self.runs.get(campaign_id)
        if run is not None:
            parts.append(self._run_text(run))
        results = self.results.get(campaign_id)
        if results is not None and results.targeted:
            parts.extend(self._results(results))
        panel.update(Group(*parts) if parts else Text(""))

    def _describe(self, c: Campaign) -> Text:
        """Who, how and how many a day — what the manager decided when creating it."""
        lang = self.lang
        mix = self.t("tui.list_sep").join(
            f"{i18n.label(ch, lang)} {share:.0%}" for ch, share in c.channels.items()
        )
        days = c.filter.dormant_days
        return Text.assemble(
            (c.name, "bold"),
            "  ",
            i18n.label(c.purpose, lang),
            " · ",
            self.t(
                "tui.campaign.describe",
                days=days if days is not None else "—",
                mix=mix,
                limit=c.daily_limit,
            ),
            "\n",
        )

    def _run_text(self, run: CampaignRun) -> Text:
        lang = self.lang
        channels = self.t("tui.list_sep").join(
            f"{i18n.label(Channel(k), lang)} {v:,}" for k, v in run.by_channel.items()
        )
        key = "tui.campaign.preview" if run.dry_run else "tui.campaign.ran"
        text = Text(
            self.t(
                key,
                matched=f"{run.matched:,}",
                created=f"{run.created:,}",
                already=f"{run.already:,}",
                no_consent=f"{run.no_consent:,}",
                over=f"{run.over_capacity:,}",
                no_advisor=f"{run.no_advisor:,}",
                channels=channels or "—",
            ),
            style="bold" if run.dry_run else "",
        )
        for warning in run.warnings:
            text.append("\n" + warning, style="yellow")
        if run.dry_run:
            text.append("\n" + self.t("tui.campaign.run_hint"), style="dim")
        return text

    def _results(self, r: CampaignResults) -> list[object]:
        lang = self.lang
        grid = Table(title=self.t("tui.campaign.results"), title_justify="left", expand=False)
        for word in ("channel", "tasks_n", "reached", "cost"):
            grid.add_column(self.t(word), justify="right" if word != "channel" else "left")
        for row in r.by_channel:
            grid.add_row(
                Text(i18n.label(row.channel, lang)),
                f"{row.tasks:,}",
                f"{row.reached:,}",
                i18n.money(row.cost, lang),
            )
        summary = self.t(
            "tui.campaign.summary",
            targeted=f"{r.targeted:,}",
            contacted=f"{r.contacted:,}",
            reactivated=f"{r.reactivated:,}",
            planned=i18n.money(r.planned_cost, lang),
        )
        return [Text(""), grid, Text(summary)]

    # -- actions ------------------------------------------------------------------------
    def action_new(self) -> None:
        self.app.push_screen(CampaignForm(), self._created)

    def _created(self, campaign: Campaign | None) -> None:
        if campaign is not None:
            self.campaigns[campaign.id] = campaign
            self.run_campaign(campaign.id, dry_run=True, reload=True)

    def action_preview(self) -> None:
        campaign_id = self._current_id()
        if campaign_id:
            self.run_campaign(campaign_id, dry_run=True)

    def action_run(self) -> None:
        campaign_id = self._current_id()
        if campaign_id:
            self.run_campaign(campaign_id, dry_run=False)

    @work(exclusive=True, group="campaign-run")
    async def run_campaign(self, campaign_id: str, *, dry_run: bool, reload: bool = False) -> None:
        campaign = self.campaigns[campaign_id]
        call = Endpoints.run_campaign(campaign_id, version=campaign.version, dry_run=dry_run)
        answer = await connection.submit(self.app, call)  # type: ignore[arg-type]
        self.refusals.pop(campaign_id, None)
        if isinstance(answer, BranchDeskError):
            stale = "tui.refusal.stale_campaign"
            self.refusals[campaign_id] = refusal(answer, self.lang, stale=stale)
            reload = reload or isinstance(answer, Conflict)  # fetch its version and status
        elif answer is not None:
            self.runs[campaign_id] = answer
            self.campaigns[campaign_id] = answer.campaign
            reload = reload or not dry_run  # a run changes the figures in the list
        if reload:
            self.load(select=campaign_id)
        else:
            self._show_detail()

    def commands(self) -> list[ScreenCommand]:
        return [
            *super().commands(),
            ScreenCommand(self.t("tui.key.new_campaign"), "", self.action_new),
            ScreenCommand(self.t("tui.key.preview"), "", self.action_preview),
            ScreenCommand(self.t("tui.key.run"), "", self.action_run),
        ]
