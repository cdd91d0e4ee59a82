"""``branchdesk callbacks``: plan the year's regulatory callbacks (回访) and report them."""

from __future__ import annotations

import click

from .. import i18n
from .common import Group, connect, console, data_option, emit_json, json_option, lang_option, table
from .service_common import warn, write_csv

YEAR = click.IntRange(2000, 2100)


@click.group(cls=Group)
def callbacks() -> None:
    """Regulatory callbacks (回访): new accounts and the yearly 10% sample."""


@callbacks.command("plan")
@data_option
@click.option("--year", type=YEAR, required=True)
@click.option("--dry-run", is_flag=True, help="Show the plan; create nothing.")
@json_option
def plan(data: str | None, year: int, dry_run: bool, as_json: bool) -> None:
    """Plan the year's sample (reproducible, spread over the months) and the callbacks
    of new accounts still missing. Planning again adds only what is missing.

    \b
    Example:
      branchdesk callbacks plan --year 2027
    """
    with connect(data, write=True) as api:
        result = api.plan_callbacks(year, dry_run=dry_run)
    warn(result.warnings)
    if as_json:
        emit_json(result)
        return
    console.print(
        f"{year}: {result.population:,} clients on the book at {result.population_as_of} "
        f"(dormant excluded); {result.required:,} callbacks required, {result.sampled:,} "
        f"sampled ({result.added_annual:,} added now); {result.added_new_accounts:,} "
        "new-account callbacks added."
    )
    table(["month", "callbacks"], [[m, n] for m, n in result.by_month.items()])


@callbacks.command("report")
@data_option
@click.option("--year", type=YEAR, required=True)
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="Also write a CSV.")
@json_option
@lang_option
def report(
    data: str | None, year: int, csv_path: str | None, as_json: bool, lang: str | None
) -> None:
    """Every callback of the year for compliance: client, kind, due, status, attempts,
    outcome, who made it, and for new accounts whether it came within the month.

    \b
    Example:
      branchdesk callbacks report --year 2026 --csv callbacks-2026.csv
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        result = api.callback_report(year)
    columns = [
        "task_id",
        "account_id",
        "name",
        "kind",
        "due_date",
        "status",
        "outcome",
        "attempts",
        "flagged",
        "done_by",
        "done_on",
        "opened",
        "on_time",
    ]
    rows = [[getattr(r, c) for c in columns] for r in result.rows]
    if csv_path:
        write_csv(csv_path, columns, rows)
    if as_json:
        emit_json(result)
        return
    table(columns[1:], [r[1:] for r in rows[:200]], title=f"callbacks {year}")
    console.print(
        f"{len(rows):,} callbacks ({result.annual:,} annual, {result.new_accounts:,} new "
        f"accounts); required {result.required:,} of {result.population:,}; done "
        f"{result.done:,}, reached {result.reached:,}, not reached {result.not_reached:,}, "
        f"flagged {result.flagged:,}, still planned {result.planned:,}."
        + (f" Full list in {csv_path}." if csv_path else "")
    )
