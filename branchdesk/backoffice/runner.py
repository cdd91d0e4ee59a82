"""Running an import from a file, on either API (the store in-process, or the server):
read and check the rows here, send the good ones in batches, commit, and put together
one report of everything wrong with the file — the rows this side could not read and
the rows the book refused — with the file's own line numbers and column headers."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models.backoffice import BATCH_ROWS, ImportKind, ImportReport, ImportRow, RowError
from .decode import Sheet, open_sheet
from .gcpause import gc_paused
from .headers import ColumnMap, find_header
from .kinds import KINDS
from .rejects import write_rejects
from .rows import read_rows

#: progress(rows read so far, lines in the file); called once per batch
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    report: ImportReport
    columns: ColumnMap
    file_format: str  # "comma-separated text, gb18030" …
    rejects: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.report.errors


def run_import(
    api: Any,
    kind: str,
    path: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
    defaults: Mapping[str, Any] | None = None,
    dry_run: bool = False,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    path = Path(path)
    spec = KINDS[kind]
    source = open_sheet(path, sheet=sheet)
    columns = find_header(spec, source.rows, mapping, defaults=(defaults or {}).keys())
    session = api.start_import(ImportKind(kind), file_name=path.name)
    try:
        # Bulk work: hundreds of thousands of small objects (see gcpause).
        with gc_paused():
            local_errors, local_bad = _send_rows(
                api, session.id, columns, source, defaults, progress
            )
            # Bad rows here and no --skip-bad: still let the book check the rest (as a
            # dry run), so that one report names every problem of the file.
            write = not dry_run and (skip_bad or not local_errors)
            report = api.commit_import(session.id, dry_run=not write, skip_bad=skip_bad)
    except BaseException:
        _cancel(api, session.id)
        raise
    errors = [_with_column(e, columns) for e in local_errors + report.errors]
    errors.sort(key=lambda e: (e.line, e.field))
    report.errors = errors
    report.rows += local_bad
    report.rejected = len({e.line for e in errors})
    report.dry_run = dry_run
    result = ImportResult(report, columns, source.description)
    if errors and report.applied:
        result.rejects = write_rejects(path, columns.header_line, errors, sheet=sheet)
    return result


def _send_rows(
    api: Any,
    import_id: str,
    columns: ColumnMap,
    source: Sheet,
    defaults: Mapping[str, Any] | None,
    progress: Progress | None,
) -> tuple[list[RowError], int]:
    """Read every row, send the readable ones in batches; returns the others' errors
    and how many rows they were.

    A batch is sent from a second thread while this one reads the next: to a server,
    sending is mostly waiting for it to check the rows, and on another core it does
    that while we read. One batch at a time, in order, as before."""
    errors: list[RowError] = []
    bad = read = 0
    batch: list[ImportRow] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-send") as sender:
        sending: Future | None = None

        def send(rows: list[ImportRow]) -> Future:
            if sending is not None:
                sending.result()  # the previous batch is in (or its error is raised here)
            return sender.submit(api.add_import_rows, import_id, rows)

        for row, problems in read_rows(columns, source.rows, defaults):
            read += 1
            if row is None:
                errors += problems
                bad += 1
            else:
                batch.append(row)
            if len(batch) >= BATCH_ROWS:
                sending = send(batch)
                batch = []
                if progress:
                    progress(read, source.total_lines)
        if batch:
            sending = send(batch)
        if sending is not None:
            sending.result()
    if progress:
        progress(read, source.total_lines)
    return errors, bad


def _with_column(error: RowError, columns: ColumnMap) -> RowError:
    if error.column:
        return error
    error.column = columns.header_of(error.field)
    return error


def _cancel(api: Any, import_id: str) -> None:
    # The server may be gone; its staged rows expire on their own.
    with contextlib.suppress(Exception):
        api.cancel_import(import_id)
