"""``branchdesk calendar``: the official working-day calendar (holidays and make-up days)."""

from __future__ import annotations

import click

from ..service.calendar import parse_schedule
from .common import Group, connect, console, data_option, emit_json, json_option, table
from .service_common import warn


@click.group(cls=Group)
def calendar() -> None:
    """China's official working days: built in for 2004–2026, loadable for later years."""


@calendar.command("load")
@data_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@json_option
def load(data: str | None, file: str, as_json: bool) -> None:
    """Load the State Council's holiday schedule for one or more years from a file:
    CSV lines ``date,kind[,name]`` (kind: holiday or workday — 休/班), or JSON
    ``{"2027": {"holidays": [...], "workdays": [...]}}``. A year loaded again is replaced.

    \b
    Example:
      branchdesk calendar load holidays-2027.csv
    """
    years = parse_schedule(file)
    with connect(data, write=True) as api:
        infos = [api.load_calendar_year(y, schedule) for y, schedule in sorted(years.items())]
    if as_json:
        emit_json(infos)
        return
    for info in infos:
        console.print(
            f"{info.year}: {info.holidays} holidays and {info.workdays} make-up working days "
            f"loaded; {info.working_days} working days in the year."
        )


@calendar.command("show")
@data_option
@click.option("--from", "first", type=click.IntRange(2000, 2100), help="First year.")
@click.option("--to", "last", type=click.IntRange(2000, 2100), help="Last year.")
@json_option
def show(data: str | None, first: int | None, last: int | None, as_json: bool) -> None:
    """Where each year's working days come from: loaded, official (built in) or the
    Monday–Friday fallback.

    \b
    Example:
      branchdesk calendar show --from 2025 --to 2028
    """
    with connect(data) as api:
        infos = api.calendar_years(first=first, last=last)
    if as_json:
        emit_json(infos)
        return
    rows = [[i.year, i.source, i.holidays, i.workdays, i.working_days] for i in infos]
    table(["year", "source", "holidays", "make-up days", "working days"], rows)
    from ..service.calendar import fallback_warning

    warn([fallback_warning(i.year) for i in infos if i.source == "fallback"])
