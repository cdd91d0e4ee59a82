"""``branchdesk report coverage|overdue|channels|campaigns``: the service desk's numbers,
added to the shared ``report`` group."""

from __future__ import annotations

from datetime import datetime

import click

from .. import i18n
from ..models import ChannelKind
from .common import connect, console, data_option, emit_json, json_option, lang_option, table
from .report import report
from .service_common import DATE, day_of, write_csv

CSV = click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False), help="Also write it as a CSV file."
)


@report.command("coverage")
@data_option
@click.option("--date", "on", type=DATE, help="As of this day (default today).")
@CSV
@json_option
@lang_option
def coverage(
    data: str | None, on: datetime | None, csv_path: str | None, as_json: bool, lang: str | None
) -> None:
    """Coverage per advisor: share of the book contacted within its tier's cadence.

    \b
    Example:
      branchdesk report coverage --csv coverage.csv
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        r = api.coverage_report(on=day_of(on))
    columns = ["advisor", "name", "clients", "contacted", "coverage"]
    rows = [[x.advisor_id, x.name, x.clients, x.contacted, round(x.share, 4)] for x in r.rows]
    if csv_path:
        write_csv(csv_path, columns, rows)
    if as_json:
        emit_json(r)
        return
    shown = [[*row[:4], f"{row[4]:.0%}"] for row in rows]
    table(columns, shown, title=f"{i18n.t('coverage', lang)} {r.as_of}")
    console.print(f"Branch: {r.contacted:,} of {r.clients:,} clients ({r.share:.0%}).")


@report.command("overdue")
@data_option
@click.option("--assignee", metavar="ID", help="Only this queue.")
@click.option("--date", "on", type=DATE, help="As of this day (default today).")
@click.option("--limit", type=click.IntRange(0, 5000), default=100, show_default=True)
@CSV
@json_option
def overdue(
    data: str | None,
    assignee: str | None,
    on: datetime | None,
    limit: int,
    csv_path: str | None,
    as_json: bool,
) -> None:
    """Overdue tasks per assignee: how many, the oldest, by purpose.

    \b
    Example:
      branchdesk report overdue --csv overdue.csv
    """
    with connect(data) as api:
        r = api.overdue_report(assignee=assignee, on=day_of(on), limit=limit)
    columns = ["assignee", "tasks", "oldest", "by purpose"]
    rows = [
        [x.assignee, x.tasks, x.oldest, ", ".join(f"{k} {v}" for k, v in x.by_purpose.items())]
        for x in r.rows
    ]
    if csv_path:
        write_csv(csv_path, columns, rows)
    if as_json:
        emit_json(r)
        return
    table(columns, rows, title=f"overdue as of {r.as_of}")
    console.print(f"{r.total:,} overdue tasks.")


@report.command("channels")
@data_option
@click.option("--since", type=DATE, help="Default: a year before --until.")
@click.option("--until", type=DATE, help="Default: today.")
@CSV
@json_option
@lang_option
def channels(
    data: str | None,
    since: datetime | None,
    until: datetime | None,
    csv_path: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Channel mix and cost of the done tasks: on-site vs remote, CEM touchpoints.

    \b
    Example:
      branchdesk report channels --since 2026-01-01 --until 2026-11-30
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        r = api.channel_report(since=day_of(since), until=day_of(until))
    columns = ["channel", "kind", "touchpoint", "tasks", "share", "cost", "reached"]
    rows = [
        [
            x.channel.value,
            x.kind.value,
            x.touchpoint.value,
            x.tasks,
            round(x.share, 4),
            x.cost,
            x.reached,
        ]
        for x in r.rows
    ]
    if csv_path:
        write_csv(csv_path, columns, rows)
    if as_json:
        emit_json(r)
        return
    shown = [
        [
            i18n.label(x.channel, lang),
            i18n.label(x.kind, lang),
            i18n.label(x.touchpoint, lang),
            x.tasks,
            f"{x.share:.1%}",
            i18n.money(x.cost, lang),
            x.reached,
        ]
        for x in r.rows
    ]
    table(columns, shown, title=f"{r.since} – {r.until}")
    kinds = "; ".join(
        f"{i18n.label(ChannelKind(k), lang)} {int(v[0]):,} tasks, {i18n.money(v[1], lang)}"
        for k, v in r.by_kind.items()
    )
    console.print(f"{r.tasks:,} tasks, {i18n.money(r.cost, lang)}. {kinds}")


@report.command("campaigns")
@data_option
@CSV
@json_option
@lang_option
def campaign_results(
    data: str | None, csv_path: str | None, as_json: bool, lang: str | None
) -> None:
    """Campaign results: targeted, reached, re-activated, cost per re-activation.

    \b
    Example:
      branchdesk report campaigns --json
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        r = api.campaign_report()
    columns = [
        "campaign",
        "status",
        "start",
        "end",
        "targeted",
        "reached",
        "reactivated",
        "cost",
        "cost_per_reactivation",
    ]
    rows = [
        [
            x.name,
            x.status,
            x.start,
            x.end,
            x.targeted,
            x.reached,
            x.reactivated,
            x.cost,
            x.cost_per_reactivation,
        ]
        for x in r.rows
    ]
    if csv_path:
        write_csv(csv_path, columns, rows)
    if as_json:
        emit_json(r)
        return
    table(columns, rows, title="campaigns")
