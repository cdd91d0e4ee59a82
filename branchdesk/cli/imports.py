"""``branchdesk import clients|activity|advisors|tasks FILE``: the back office's files
into the book — checked first, all or nothing, and the same file twice changes nothing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import httpx
import msgspec
from rich.text import Text

from ..backoffice.headers import load_map
from ..backoffice.runner import ImportResult, run_import
from ..local import LocalApi
from .common import (
    EXIT_BAD_INPUT,
    Group,
    connect,
    console,
    data_option,
    emit_json,
    err_console,
    json_option,
)

#: rows of the error list shown on screen (all of them are in --json and the rejects file)
SHOWN_ERRORS = 30


@click.group("import", cls=Group)
def import_group() -> None:
    """Import back-office files: CSV (UTF-8 or GBK), tab-separated text, XLSX."""


def _options(f: Callable) -> Callable:
    for option in reversed(
        [
            click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
            data_option,
            click.option(
                "--map",
                "map_file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                help='Header mapping: JSON {"file header": "field"} or CSV rows from,to.',
            ),
            click.option("--sheet", help="XLSX sheet to read (default: the first)."),
            click.option(
                "--skip-bad",
                is_flag=True,
                help="Import the good rows; bad ones go to FILE.rejects.csv.",
            ),
            click.option(
                "--dry-run", is_flag=True, help="Report what would change; change nothing."
            ),
            json_option,
        ]
    ):
        f = option(f)
    return f


def _command(kind: str, help_text: str, extra: list[Callable] | None = None) -> click.Command:
    def run(
        file: Path,
        data: str | None,
        map_file: Path | None,
        sheet: str | None,
        skip_bad: bool,
        dry_run: bool,
        as_json: bool,
        period: Any = None,
    ) -> None:
        mapping = load_map(map_file) if map_file else None
        defaults = {"period": period.date().isoformat()} if period else None
        with connect(data, write=not dry_run) as api:
            patient(api)
            result = run_import(
                api,
                kind,
                file,
                mapping=mapping,
                sheet=sheet,
                defaults=defaults,
                dry_run=dry_run,
                skip_bad=skip_bad,
                progress=_progress(file),
            )
            if isinstance(api, LocalApi):
                # The import is durable in the journal already; folding a big one into a
                # snapshot now would double its write. The server's compaction, or the
                # next command that writes, does it.
                api.store.close(compact=False)
        _finish(result, file, as_json)

    command = _options(run)
    for option in extra or []:
        command = option(command)
    return click.command(kind, help=help_text)(command)


def _progress(file: Path) -> Callable[[int, int], None]:
    """A bar at a terminal; plain lines otherwise (logs, scripts, tests watching)."""
    state: dict[str, Any] = {}

    def report(done: int, total: int) -> None:
        if sys.stderr.isatty():
            bar = state.get("bar")
            if bar is None:
                bar = state["bar"] = click.progressbar(
                    length=max(total, done), label=f"Reading {file.name}", file=sys.stderr
                )
            bar.update(done - bar.pos)
        else:
            of = f" of about {total:,}" if total >= done else ""
            err_console.print(f"read {done:,}{of} rows of {file.name}")

    return report


def _finish(result: ImportResult, file: Path, as_json: bool) -> None:
    report = result.report
    if as_json:
        emit_json(
            {
                **msgspec.to_builtins(report),
                "format": result.file_format,
                "header_line": result.columns.header_line,
                "ignored_columns": result.columns.ignored,
                "rejects_file": str(result.rejects) if result.rejects else None,
            }
        )
    else:
        _print_summary(result, file)
    if report.errors:
        raise SystemExit(EXIT_BAD_INPUT)


def _print_summary(result: ImportResult, file: Path) -> None:
    report, columns = result.report, result.columns
    read = ", ".join(
        f"{header} → {column.name}"
        for header, column in ((columns.headers[i], c) for i, c in columns.fields.items())
    )
    console.print(f"{file.name}: {result.file_format}, header on line {columns.header_line}")
    console.print(Text(f"Columns read: {read}", style="dim"))
    if columns.ignored:
        console.print(Text(f"Columns ignored: {', '.join(columns.ignored)}", style="dim"))
    console.print(
        f"{report.rows:,} rows: {report.created:,} new, {report.updated:,} updated, "
        f"{report.unchanged:,} unchanged, {report.rejected:,} rejected."
    )
    for e in report.errors[:SHOWN_ERRORS]:
        where = f"{e.column} ({e.field})" if e.column and e.column != e.field else e.field
        console.print(Text(f"  line {e.line}, {where or 'row'}: {e.reason}", style="red"))
    if len(report.errors) > SHOWN_ERRORS:
        console.print(f"  … and {len(report.errors) - SHOWN_ERRORS:,} more (see --json)")
    if report.dry_run:
        console.print("Dry run: nothing was written.")
    elif not report.applied:
        console.print(
            Text(
                f"Nothing was written: {report.rejected:,} rows are bad. Correct them, or "
                "pass --skip-bad to import the good rows.",
                style="bold red",
            )
        )
    elif report.created or report.updated:
        console.print(f"Written in one step ({report.apply_seconds:.2f}s).")
        if result.rejects:
            console.print(f"The {report.rejected:,} bad rows are in {result.rejects}.")
    else:
        console.print("Nothing changed: the book already holds every row of this file.")
        if result.rejects:
            console.print(f"The {report.rejected:,} bad rows are in {result.rejects}.")


_period = click.option(
    "--period",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The day the figures cover, for files without a 统计日期 / period column.",
)

import_group.add_command(
    _command(
        "clients",
        """Import clients; rows upsert by account id (资金账号), empty cells keep what the book has.

    \b
    Example:
      branchdesk import clients fixtures/samples/clients-gbk.csv --data demo-data
      branchdesk import clients clients.xlsx --map headers.json --skip-bad
    """,
    )
)
import_group.add_command(
    _command(
        "activity",
        """Import activity snapshots (assets, transfers, trades, commission per period).

    \b
    Example:
      branchdesk import activity fixtures/samples/activity-tab.csv --data demo-data
      branchdesk import activity november.xlsx --period 2026-11-30
    """,
        [_period],
    )
)
import_group.add_command(
    _command(
        "advisors",
        """Import advisors (工号, 姓名, 级别, 专长 …); rows upsert by advisor id.

    \b
    Example:
      branchdesk import advisors fixtures/samples/advisors.xlsx --data demo-data
    """,
    )
)
import_group.add_command(
    _command(
        "tasks",
        """Import service tasks (contacts); rows upsert by task id, or by client, day,
    channel, purpose and notes when the file has no id column.

    \b
    Example:
      branchdesk import tasks fixtures/samples/tasks.csv --data demo-data --dry-run
    """,
    )
)


def patient(api: Any) -> None:
    """Give the server time: a big file's commit, or a backup, can outlast the default
    15-second timeout of one request. (The in-process API has no timeout to change.)"""
    http = getattr(api, "http", None)
    if isinstance(http, httpx.Client):
        http.timeout = httpx.Timeout(600.0, connect=5.0)
