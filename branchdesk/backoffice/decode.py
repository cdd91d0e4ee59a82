"""Opening a back-office file whatever its name says: XLSX by its bytes, text by its
encoding (BOM → strict UTF-8 → GB18030, the order DOMAIN.md gives) and its separator
(tab or comma, sniffed from the header line: many ".csv" files are tab-separated)."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Invalid

Row = tuple[int, list[Any]]  # (line or spreadsheet row number, cells)
SNIFF_LINES = 20

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),  # Excel's "Unicode text" export
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class Sheet:
    """The rows of one file, numbered as a person sees them (line 1 is the first line)."""

    path: Path
    format: str  # "csv", "tsv" or "xlsx"
    encoding: str | None
    rows: Iterator[Row]
    total_lines: int  # for progress: how many lines or rows the file has

    @property
    def description(self) -> str:
        if self.format == "xlsx":
            return "XLSX"
        sep = "tab-separated" if self.format == "tsv" else "comma-separated"
        encoding = {"gb18030": "GBK", "utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8"}
        return f"{sep} text, {encoding.get(self.encoding or '', self.encoding)}"


def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """(text, encoding). GBK files written by Chinese Excel have no BOM; GB18030 is its
    superset, so it reads them and the rare characters GBK lacks."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise Invalid(f"{name} is neither UTF-8 nor GBK/GB18030 text; save it as CSV (UTF-8)")


def sniff_delimiter(text: str) -> str:
    """Tab or comma: the one that splits the first lines into the same number of cells
    most often (a title line above the header, or "¥1,234" inside tab-separated cells,
    does not fool it); tab when they tie."""
    lines = [line for line in text.splitlines()[:SNIFF_LINES] if line.strip()]
    best, best_score = ",", 0
    for delimiter in ("\t", ","):
        counts = Counter(n for n in (line.count(delimiter) for line in lines) if n)
        score = counts.most_common(1)[0][1] if counts else 0
        if score > best_score or (score and score == best_score and delimiter == "\t"):
            best, best_score = delimiter, score
    return best


def text_rows(text: str, delimiter: str) -> Iterator[Row]:
    """Rows with the line each starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous = 0
    for cells in reader:
        line = previous + 1
        previous = reader.line_num
        if any(c.strip() for c in cells):
            yield line, cells


def open_sheet(path: str | Path, *, sheet: str | None = None) -> Sheet:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Invalid(f"cannot read {path}: {exc.strerror}", field="file") from None
    if data.startswith(b"PK\x03\x04"):
        from .xlsx import xlsx_rows

        rows, total = xlsx_rows(path, sheet)
        return Sheet(path, "xlsx", None, rows, total)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Invalid(f"{path.name} is an old Excel .xls file; save it as .xlsx or CSV", "file")
    text, encoding = decode(data, path.name)
    delimiter = sniff_delimiter(text)
    fmt = "tsv" if delimiter == "\t" else "csv"
    lines = text.count("\n") + (not text.endswith("\n"))
    return Sheet(path, fmt, encoding, text_rows(text, delimiter), lines)
