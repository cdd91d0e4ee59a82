"""The rejects file: the bad rows of an import as they were, each with its line,
column and reason, beside the input (``clients.csv`` → ``clients.rejects.csv``), so the
branch can correct them and import just that file again."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from ..models.backoffice import RowError
from ..store.files import write_atomic
from .decode import open_sheet
from .values import text

#: the columns added in front of the file's own
LEAD = ["行号 line", "列 column", "原因 reason"]


def rejects_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}.rejects.csv")


def write_rejects(
    source: Path,
    header_line: int,
    errors: list[RowError],
    *,
    sheet: str | None = None,
) -> Path:
    """Write the rejects file (UTF-8 with a BOM, so Excel opens it right). The bad rows
    are read again from ``source`` rather than held in memory during the import."""
    by_line: dict[int, list[RowError]] = defaultdict(list)
    for e in errors:
        by_line[e.line].append(e)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    for line, cells in open_sheet(source, sheet=sheet).rows:
        if line == header_line:
            writer.writerow(LEAD + [text(c) if c is not None else "" for c in cells])
        elif line in by_line:
            found = by_line[line]
            columns = "; ".join(dict.fromkeys(e.column or e.field for e in found))
            reasons = "; ".join(f"{e.column or e.field}: {e.reason}" for e in found)
            writer.writerow(
                [line, columns, reasons, *(text(c) if c is not None else "" for c in cells)]
            )
    path = rejects_path(source)
    write_atomic(path, [out.getvalue().encode("utf-8-sig")])
    return path
