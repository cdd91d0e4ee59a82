"""``branchdesk export clients|tasks|alerts|audit``: records to CSV or XLSX, masked as
the API masks them for your role (without a server you own the folder and see all)."""

from __future__ import annotations

from pathlib import Path

import click

from ..backoffice.exports import file_bytes
from ..models import today
from ..models.backoffice import ExportKind
from ..store.files import write_atomic
from .common import Group, connect, console, data_option, emit_json, json_option
from .imports import patient


@click.group("export", cls=Group)
def export_group() -> None:
    """Export records as CSV (UTF-8 or GBK) or XLSX, with Chinese or English headers."""


def _command(kind: ExportKind, help_text: str) -> click.Command:
    @click.command(kind.value, help=help_text)
    @data_option
    @click.option(
        "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
    )
    @click.option(
        "--encoding",
        type=click.Choice(["utf-8", "gbk"]),
        default="utf-8",
        show_default=True,
        help="CSV only: gbk is what Chinese Excel opens by itself.",
    )
    @click.option(
        "--headers",
        "lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        help="zh: 资金账号 …, labels in Chinese; en: field names.",
    )
    @click.option(
        "--out",
        "out",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"File to write (default: {kind.value}-DATE.csv or .xlsx here).",
    )
    @json_option
    def run(
        data: str | None, fmt: str, encoding: str, lang: str, out: Path | None, as_json: bool
    ) -> None:
        with connect(data) as api:
            patient(api)
            table = api.export_records(kind)
        path = out or Path(f"{kind.value}-{today().isoformat()}.{fmt}")
        write_atomic(path.absolute(), [file_bytes(table, fmt=fmt, lang=lang, encoding=encoding)])
        summary = {
            "file": str(path),
            "rows": len(table.rows),
            "masked": table.masked,
            "format": fmt,
            "encoding": encoding if fmt == "csv" else None,
            "headers": lang,
        }
        if as_json:
            emit_json(summary)
            return
        how = f"CSV, {encoding}" if fmt == "csv" else "XLSX"
        console.print(f"Wrote {len(table.rows):,} {kind.value} to {path} ({how}, {lang} headers).")
        if table.masked:
            console.print(f"Phone and ID number are masked in {table.masked:,} rows for your role.")

    return run


_EXAMPLES = {
    ExportKind.CLIENTS: ("The client book.", "--format xlsx --headers zh"),
    ExportKind.TASKS: ("Service tasks (contacts), planned and done.", "--encoding gbk"),
    ExportKind.ALERTS: ("Churn alerts and how they were resolved.", "--headers en"),
    ExportKind.AUDIT: ("The audit trail.", "--format xlsx --out audit.xlsx"),
}

for _kind, (_what, _options) in _EXAMPLES.items():
    export_group.add_command(
        _command(
            _kind,
            f"""{_what}

    \b
    Example:
      branchdesk export {_kind.value} --data demo-data {_options}
    """,
        )
    )
