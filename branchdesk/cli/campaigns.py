"""``branchdesk campaigns``: dormant-activation campaigns — create, list, show, run, close,
results."""

from __future__ import annotations

from datetime import datetime

import click
from rich.text import Text

from .. import i18n
from ..errors import Invalid
from ..models import Campaign, Purpose, Tier
from .common import Group, connect, console, data_option, emit_json, json_option, lang_option, table
from .service_common import DATE, progress_bar, warn


@click.group(cls=Group)
def campaigns() -> None:
    """Dormant-activation campaigns (休眠客户激活)."""


def _mix(values: tuple[str, ...]) -> dict[str, float]:
    """``phone=0.7 wechat=0.3`` → {"phone": 0.7, "wechat": 0.3}."""
    mix: dict[str, float] = {}
    for value in values:
        name, sep, share = value.partition("=")
        try:
            mix[name.strip()] = float(share) if sep else 1.0
        except ValueError:
            raise Invalid(f"{value!r}: write CHANNEL=SHARE, e.g. phone=0.7", "channels") from None
    return mix or {"phone": 1.0}


def _show(c: Campaign, lang: str) -> None:
    f = c.filter
    picks = [
        f"dormant ≥ {f.dormant_days} days" if f.dormant_days is not None else "",
        f"assets ≥ {i18n.money(f.min_assets, lang)}" if f.min_assets is not None else "",
        f"assets ≤ {i18n.money(f.max_assets, lang)}" if f.max_assets is not None else "",
        f"drawdown ≥ {f.min_drawdown:.0%}" if f.min_drawdown is not None else "",
        f"tiers {', '.join(t.value for t in f.tiers)}" if f.tiers else "",
        f"advisors {', '.join(f.advisor_ids)}" if f.advisor_ids else "",
    ]
    rows = [
        ("id", c.id),
        (i18n.t("campaign", lang), c.name),
        (i18n.t("status", lang), i18n.label(c.status, lang)),
        ("filter", "; ".join(p for p in picks if p) or "everyone"),
        (i18n.t("purpose", lang), i18n.label(c.purpose, lang)),
        (i18n.t("channel", lang), ", ".join(f"{k.value} {v:.0%}" for k, v in c.channels.items())),
        (i18n.t("period", lang), f"{c.start} – {c.end}"),
        ("daily limit", f"{c.daily_limit} per advisor"),
        ("version", str(c.version)),
    ]
    for key, value in rows:
        console.print(Text.assemble((f"{key}: ", "bold"), str(value)))


@campaigns.command("create")
@data_option
@click.argument("name")
@click.option("--start", type=DATE, required=True)
@click.option("--end", type=DATE, required=True)
@click.option("--dormant-days", type=click.IntRange(min=0), help="No trade for at least N days.")
@click.option("--min-assets", type=click.FloatRange(min=0))
@click.option("--max-assets", type=click.FloatRange(min=0))
@click.option("--min-drawdown", type=click.FloatRange(0, 1), help="e.g. 0.3 = down 30%.")
@click.option("--tier", "tiers", multiple=True, type=click.Choice([t.value for t in Tier]))
@click.option("--advisor", "advisors", multiple=True, metavar="ID")
@click.option(
    "--purpose",
    type=click.Choice([p.value for p in Purpose]),
    default="relationship",
    show_default=True,
    help="Relationship care by default: activation is relationship work, not sales calls.",
)
@click.option("--channel", "channels", multiple=True, metavar="CHANNEL=SHARE")
@click.option("--daily-limit", type=click.IntRange(1, 500), default=8, show_default=True)
@json_option
@lang_option
def create(
    data: str | None,
    name: str,
    start: datetime,
    end: datetime,
    dormant_days: int | None,
    min_assets: float | None,
    max_assets: float | None,
    min_drawdown: float | None,
    tiers: tuple[str, ...],
    advisors: tuple[str, ...],
    purpose: str,
    channels: tuple[str, ...],
    daily_limit: int,
    as_json: bool,
    lang: str | None,
) -> None:
    """Create a draft campaign.

    \b
    Example:
      branchdesk campaigns create "冬季唤醒" --start 2026-12-01 --end 2026-12-31 \\
          --dormant-days 180 --min-assets 50000 --channel phone=0.7 --channel wechat=0.3
    """
    flt = {
        "dormant_days": dormant_days,
        "min_assets": min_assets,
        "max_assets": max_assets,
        "min_drawdown": min_drawdown,
        "tiers": list(tiers),
        "advisor_ids": list(advisors),
    }
    fields = {
        "name": name,
        "filter": {k: v for k, v in flt.items() if v not in (None, [])},
        "purpose": purpose,
        "channels": _mix(channels),
        "start": start.date().isoformat(),
        "end": end.date().isoformat(),
        "daily_limit": daily_limit,
    }
    with connect(data, write=True) as api:
        campaign = api.create_campaign(fields)
    if as_json:
        emit_json(campaign)
        return
    _show(campaign, lang or i18n.default_lang())


@campaigns.command("list")
@data_option
@json_option
@lang_option
def list_campaigns(data: str | None, as_json: bool, lang: str | None) -> None:
    """List campaigns, newest first.

    \b
    Example:
      branchdesk campaigns list
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        found = api.list_campaigns()
    if as_json:
        emit_json(found)
        return
    rows = [
        [c.id, c.name, i18n.label(c.status, lang), c.start, c.end, i18n.label(c.purpose, lang)]
        for c in found
    ]
    table(["id", "name", "status", "start", "end", "purpose"], rows)


@campaigns.command("show")
@data_option
@click.argument("campaign_id")
@json_option
@lang_option
def show(data: str | None, campaign_id: str, as_json: bool, lang: str | None) -> None:
    """Show one campaign.

    \b
    Example:
      branchdesk campaigns show 1a2b3c4d5e6f7a8b9c0d
    """
    with connect(data) as api:
        campaign = api.get_campaign(campaign_id)
    if as_json:
        emit_json(campaign)
        return
    _show(campaign, lang or i18n.default_lang())


@campaigns.command("run")
@data_option
@click.argument("campaign_id")
@click.option("--dry-run", is_flag=True, help="Show who would get tasks; create nothing.")
@click.option("--version", "version", type=click.IntRange(min=0), help="Default: current.")
@json_option
def run(
    data: str | None, campaign_id: str, dry_run: bool, version: int | None, as_json: bool
) -> None:
    """Create the campaign's tasks for each client's advisor, within the daily limit.
    Running it again adds only clients not targeted yet.

    \b
    Example:
      branchdesk campaigns run 1a2b3c4d5e6f7a8b9c0d --dry-run
    """
    bar = progress_bar("campaign")

    def progress(done: int, total: int) -> None:
        bar.length = max(1, total)
        bar.update(done - bar.pos)

    with connect(data, write=True) as api:
        current = version if version is not None else api.get_campaign(campaign_id).version
        with bar:
            result = api.run_campaign(
                campaign_id, version=current, dry_run=dry_run, progress=progress
            )
    warn(result.warnings)
    if as_json:
        emit_json(result)
        return
    verb = "would create" if dry_run else "created"
    console.print(
        f"{result.matched:,} clients match; {verb} {result.created:,} tasks "
        f"({', '.join(f'{k} {v}' for k, v in result.by_channel.items()) or 'none'}); "
        f"{result.already:,} already targeted; {result.no_consent:,} declined contact; "
        f"{result.over_capacity:,} over the daily limits; {result.no_advisor:,} without an "
        "advisor."
    )
    table(["advisor", "tasks"], sorted(result.by_advisor.items()))


@campaigns.command("close")
@data_option
@click.argument("campaign_id")
@click.option("--version", "version", type=click.IntRange(min=0), help="Default: current.")
@json_option
def close(data: str | None, campaign_id: str, version: int | None, as_json: bool) -> None:
    """Close a campaign: it runs no more; its planned tasks stay with the advisors.

    \b
    Example:
      branchdesk campaigns close 1a2b3c4d5e6f7a8b9c0d
    """
    with connect(data, write=True) as api:
        current = version if version is not None else api.get_campaign(campaign_id).version
        campaign = api.close_campaign(campaign_id, version=current)
    if as_json:
        emit_json(campaign)
        return
    console.print(f"Campaign {campaign.name} closed.")


@campaigns.command("results")
@data_option
@click.argument("campaign_id")
@json_option
@lang_option
def results(data: str | None, campaign_id: str, as_json: bool, lang: str | None) -> None:
    """Targeted, reached, re-activated (traded on or after the start), cost per
    re-activation, per channel.

    \b
    Example:
      branchdesk campaigns results 1a2b3c4d5e6f7a8b9c0d
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        r = api.campaign_results(campaign_id)
    if as_json:
        emit_json(r)
        return
    per = i18n.money(r.cost_per_reactivation, lang) if r.cost_per_reactivation else "—"
    console.print(
        f"{r.name} ({r.start} – {r.end}): {i18n.t('targeted', lang)} {r.targeted:,}, "
        f"{i18n.t('reached', lang)} {r.reached:,}, {i18n.t('reactivated', lang)} "
        f"{r.reactivated:,}; {i18n.t('cost', lang)} {i18n.money(r.cost, lang)} "
        f"(+{i18n.money(r.planned_cost, lang)} planned); "
        f"{i18n.t('cost_per_reactivation', lang)} {per}"
    )
    rows = [
        [i18n.label(c.channel, lang), c.tasks, c.reached, i18n.money(c.cost, lang)]
        for c in r.by_channel
    ]
    table(["channel", "tasks", "reached", "cost"], rows)
