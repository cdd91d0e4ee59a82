"""XLSX in and out with openpyxl: read-only streaming for imports, write-only for exports.

Written files are byte-for-byte reproducible when asked (the committed sample files are
regenerated and compared by a test): openpyxl stamps the time into the document
properties and each zip entry, so both are pinned."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import Invalid
from .decode import Row

_FIXED_TIME = datetime(2026, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def xlsx_rows(path: Path, sheet: str | None = None) -> tuple[Iterator[Row], int]:
    """The rows of the first sheet (or ``sheet``), numbered as Excel numbers them."""
    import openpyxl

    # A file object, not the path: openpyxl judges a path by its name, and refuses an
    # XLSX saved as "clients.csv".
    handle = path.open("rb")
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        handle.close()
        raise Invalid(f"{path.name} is not a readable XLSX file ({exc})", field="file") from None
    if sheet is not None and sheet not in book.sheetnames:
        book.close()
        handle.close()
        raise Invalid(f"no sheet {sheet!r}; the file has {', '.join(book.sheetnames)}", "sheet")
    ws = book[sheet] if sheet else book.worksheets[0]
    total = ws.max_row or 0

    def rows() -> Iterator[Row]:
        try:
            # Read-only sheets hand back every row from the first, blank ones included,
            # so counting gives Excel's row numbers.
            for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                if any(v is not None and str(v).strip() for v in values):
                    yield number, list(values)
        finally:
            book.close()
            handle.close()

    return rows(), total


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet1"
) -> bytes:
    """One sheet with a bold header row, as XLSX bytes, the same bytes for the same rows."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(title)
    bold = Font(bold=True)
    head = []
    for name in header:
        cell = openpyxl.cell.WriteOnlyCell(ws, value=name)
        cell.font = bold
        head.append(cell)
    ws.append(head)
    for row in rows:
        ws.append(list(row))
    book.properties.created = book.properties.modified = _FIXED_TIME
    book.properties.creator = "BranchDesk"
    raw = io.BytesIO()
    book.save(raw)
    return _pin_zip_times(raw.getvalue())


def _pin_zip_times(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                data = _MODIFIED.sub(rb"\g<1>2026-01-01T00:00:00Z\g<2>", data)
            target.writestr(pinned, data)
    return out.getvalue()
