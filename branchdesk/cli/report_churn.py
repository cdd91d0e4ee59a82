"""``branchdesk report churn|reasons|flow``: the churn numbers, on screen or as CSV."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .. import i18n
from ..models import AlertRule
from ..models.churn import FunnelStage
from .common import connect, console, data_option, emit_json, json_option, lang_option, table

_DAY = click.DateTime(["%Y-%m-%d"])
_CSV = click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Also write the table to this CSV file (UTF-8 with BOM, opens in Excel).",
)


def _period(f):
    f = click.option("--since", type=_DAY, default=None, help="From this day (inclusive).")(f)
    return click.option("--until", type=_DAY, default=None, help="To this day (inclusive).")(f)


def _out(columns: Sequence[str], rows: list[list[Any]], csv_path: Path | None, title: str) -> None:
    table(columns, rows, title=title)
    if csv_path is not None:
        with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            writer.writerows(rows)
        console.print(f"→ {csv_path}")


def _day(value: Any):
    return value.date() if value else None


@click.command("churn")
@data_option
@_period
@_CSV
@json_option
@lang_option
def churn_report(data, since, until, csv_path, as_json, lang) -> None:
    """The alert funnel: raised → acknowledged → retained / lost / false alarm, per rule,
    with the median hours from raising to the first action.

    \b
    Example:
      branchdesk report churn --since 2026-11-01 --csv funnel.csv
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        funnel = api.churn_funnel(since=_day(since), until=_day(until))
    if as_json:
        emit_json(funnel)
        return
    keys = ("raised", "acknowledged", "retained", "lost", "false_alarm", "open", "median_hours")
    columns = [i18n.t("churn.rule", lang), *(i18n.t(f"churn.{k}", lang) for k in keys)]

    def row(stage: FunnelStage) -> list[Any]:
        name = (
            i18n.label(AlertRule(stage.rule), lang)
            if stage.rule
            else i18n.t("churn.all_rules", lang)
        )
        hours = stage.median_hours_to_first_action
        return [
            name,
            stage.raised,
            stage.acknowledged,
            stage.retained,
            stage.lost,
            stage.false_alarm,
            stage.open,
            "" if hours is None else hours,
        ]

    rows = [row(s) for s in funnel.by_rule] + [row(funnel.total)]
    _out(columns, rows, csv_path, i18n.t("churn.funnel", lang))


@click.command("reasons")
@data_option
@_period
@_CSV
@json_option
@lang_option
def reasons_report(data, since, until, csv_path, as_json, lang) -> None:
    """Why clients left (alerts resolved as lost), ranked by clients and by assets.

    \b
    Example:
      branchdesk report reasons --csv reasons.csv
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        found = api.churn_reasons(since=_day(since), until=_day(until))
    if as_json:
        emit_json(found)
        return
    columns = [
        i18n.t("churn.reason", lang),
        i18n.t("churn.clients", lang),
        i18n.t("churn.share", lang),
        i18n.t("churn.assets", lang),
        i18n.t("churn.share", lang),
    ]
    for title, ranked in (("churn.by_count", found.by_count), ("churn.by_assets", found.by_assets)):
        rows = [
            [
                i18n.label(r.reason, lang),
                r.clients,
                i18n.percent(r.share_by_count, lang),
                i18n.money(r.assets, lang, exact=True),
                i18n.percent(r.share_by_assets, lang),
            ]
            for r in ranked
        ]
        # The CSV holds the ranking by count (the one the seed notes ask for first).
        _out(columns, rows, csv_path if title == "churn.by_count" else None, i18n.t(title, lang))


@click.command("flow")
@data_option
@click.option("--months", type=click.IntRange(1, 120), default=12, show_default=True)
@click.option("--until", type=_DAY, default=None, help="The last month (default: this month).")
@_CSV
@json_option
@lang_option
def flow_report(data, months, until, csv_path, as_json, lang) -> None:
    """Net client flow per month: gained (accounts opened) − lost.

    \b
    Example:
      branchdesk report flow --months 6 --csv flow.csv
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        found = api.client_flow(months=months, until=_day(until))
    if as_json:
        emit_json(found)
        return
    keys = ("month", "gained", "lost", "net")
    columns = [i18n.t(f"churn.{k}", lang) for k in keys]
    rows = [[m.month, m.gained, m.lost, m.net] for m in found.months]
    rows.append(["Σ", found.gained, found.lost, found.net])
    _out(columns, rows, csv_path, i18n.t("churn.flow", lang))


CHURN_REPORTS = (churn_report, reasons_report, flow_report)
