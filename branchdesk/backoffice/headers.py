"""Finding the columns of a file: which header means which field, in which money unit.

Headers are compared in a normal form (NFKC, so full-width ``（万元）`` reads as
``(万元)``; no case, spaces, underscores or dashes). A unit may follow a money header —
``总资产(万元)``, ``总资产万元``, ``转入金额（元）`` — or sit in a unit column (``单位``)
that applies to every money cell of its row. A mapping file overrides all of this."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson

from ..errors import FieldError, Invalid
from .decode import Row, decode
from .kinds import Column, Kind
from .values import UNITS, text, unit_of

UNIT_COLUMN_WORDS = ("单位", "金额单位", "货币单位", "unit")
#: a mapping value that means "do not read this column"
SKIP_WORDS = frozenset({"", "-", "skip", "ignore", "忽略"})
#: how far down a file the header row may be (title lines above it are skipped)
HEADER_SEARCH_ROWS = 20

_UNIT_SUFFIX = re.compile(r"^(.+?)[(\[]?(亿元|万元|人民币元|亿|万|元)[)\]]?$")
_PAREN_SUFFIX = re.compile(r"^(.+?)[(\[].*[)\]]$")


def normal(header: Any) -> str:
    folded = unicodedata.normalize("NFKC", text(header)).lower()
    return re.sub(r"[\s_\-.·]+", "", folded)


def words_of(kind: Kind) -> dict[str, Column]:
    """Every header word of ``kind`` in normal form → its column."""
    found: dict[str, Column] = {}
    for column in kind.columns:
        for word in (column.name, column.zh, *column.words):
            found.setdefault(normal(word), column)
    return found


@dataclass
class ColumnMap:
    """Which cell of a row holds which field, as found on the header row."""

    kind: Kind
    header_line: int
    headers: list[str]
    fields: dict[int, Column] = field(default_factory=dict)  # cell index → column
    units: dict[int, Decimal] = field(default_factory=dict)  # from the header
    unit_column: int | None = None
    ignored: list[str] = field(default_factory=list)  # headers not read

    def header_of(self, name: str) -> str:
        """The file's own header for a field, for error reports."""
        for index, column in self.fields.items():
            if column.name == name:
                return self.headers[index]
        return ""


def load_map(path: str | Path) -> dict[str, str]:
    """A mapping file: JSON ``{"file header": "field"}``, or CSV rows ``from,to`` (a
    first row ``from,to`` is a header). An empty target (or ``skip``) skips the column;
    ``total_assets:万元`` also names the unit."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Invalid(f"cannot read the mapping file {path}: {exc.strerror}", "map") from None
    content, _ = decode(raw, path.name)
    if content.lstrip().startswith("{"):
        try:
            data = orjson.loads(content)
        except orjson.JSONDecodeError as exc:
            raise Invalid(f"{path.name} is not valid JSON: {exc}", "map") from None
        if not all(isinstance(k, str) and isinstance(v, str | None) for k, v in data.items()):
            raise Invalid(f'{path.name}: write {{"file header": "field", …}}', "map")
        return {k: (v or "") for k, v in data.items()}
    mapping: dict[str, str] = {}
    for n, cells in enumerate(csv.reader(io.StringIO(content)), 1):
        if not cells or not "".join(cells).strip():
            continue
        if len(cells) != 2:
            raise Invalid(f"{path.name} line {n}: write two cells, from,to", "map")
        if n == 1 and [normal(c) for c in cells] == ["from", "to"]:
            continue
        mapping[cells[0].strip()] = cells[1].strip()
    return mapping


def _target(kind: Kind, value: str) -> tuple[Column | None, Decimal | None]:
    name, _, unit_word = value.partition(":")
    if name.strip().lower() in SKIP_WORDS:
        return None, None
    by_name = {c.name: c for c in kind.columns}
    column = by_name.get(name.strip()) or words_of(kind).get(normal(name))
    if column is None:
        raise Invalid(
            f"the mapping names {name!r}, which {kind.name} files do not have; "
            f"use one of: {', '.join(kind.field_names)}",
            "map",
        )
    unit = unit_of(unit_word) if unit_word else None
    if unit_word and (unit is None or not column.money):
        raise Invalid(f"unit {unit_word!r} in the mapping fits no money column", "map")
    return column, unit


def _match(
    kind: Kind, header: str, words: Mapping[str, Column]
) -> tuple[Column | None, Decimal | None]:
    key = normal(header)
    if not key:
        return None, None
    if key in words:
        return words[key], None
    if (m := _UNIT_SUFFIX.match(key)) and m.group(1) in words and words[m.group(1)].money:
        return words[m.group(1)], UNITS[m.group(2)]
    if (m := _PAREN_SUFFIX.match(key)) and m.group(1) in words:
        return words[m.group(1)], None  # "手机号码(必填)"
    return None, None


def map_headers(
    kind: Kind,
    header_line: int,
    cells: list[Any],
    overrides: Mapping[str, str] | None = None,
    *,
    defaults: Iterable[str] = (),
) -> ColumnMap:
    """The columns of the header row ``cells``; refuses a file without the columns its
    kind needs, or with two columns for one field. ``defaults``: fields the command
    line supplies, so the file may lack them."""
    words = words_of(kind)
    mapped = {normal(k): v for k, v in (overrides or {}).items()}
    unit_words = {normal(w) for w in UNIT_COLUMN_WORDS}
    cmap = ColumnMap(kind, header_line, [text(c) if c is not None else "" for c in cells])
    derived = {normal(w) for pair in kind.derived.items() for w in pair}
    seen: dict[str, str] = {}
    problems: list[FieldError] = []
    for index, header in enumerate(cmap.headers):
        key = normal(header)
        if key in mapped:
            column, unit = _target(kind, mapped[key])
        elif key in unit_words:
            cmap.unit_column = index
            continue
        else:
            column, unit = _match(kind, header, words)
        if column is None:
            if header:
                cmap.ignored.append(header)
            continue
        if key in derived and key not in mapped:
            cmap.ignored.append(header)
            continue
        if column.name in seen:
            problems.append(
                FieldError(
                    column.name,
                    f"two columns mean {column.name}: {seen[column.name]!r} and {header!r}; "
                    "drop one, or map one away with --map",
                )
            )
            continue
        seen[column.name] = header
        cmap.fields[index] = column
        if unit is not None:
            cmap.units[index] = unit
    present = set(seen) | set(defaults)
    found = ", ".join(filter(None, cmap.headers))
    for name in kind.required:
        if name not in present:
            column = kind.column(name)
            problems.append(
                FieldError(
                    name,
                    f"no {column.zh} / {name} column (found: {found}); "
                    "rename the header or map it with --map",
                )
            )
    if problems:
        raise Invalid(problems)
    return cmap


def find_header(
    kind: Kind,
    rows: Iterator[Row],
    overrides: Mapping[str, str] | None = None,
    *,
    defaults: Iterable[str] = (),
) -> ColumnMap:
    """The header row: the first row (of the first few) naming the kind's key column.
    Title lines above it ("客户资料 2026-11-25") are passed over."""
    words = words_of(kind)
    mapped = {normal(k): v for k, v in (overrides or {}).items()}
    key = kind.required[0]
    first: tuple[int, list[Any]] | None = None
    for _ in range(HEADER_SEARCH_ROWS):
        try:
            line, cells = next(rows)
        except StopIteration:
            break
        first = first or (line, cells)
        for cell in cells:
            target = mapped.get(normal(cell))
            column = (
                _target(kind, target)[0]
                if target is not None
                else _match(kind, text(cell), words)[0]
            )
            if column is not None and column.name == key:
                return map_headers(kind, line, cells, overrides, defaults=defaults)
    if first is None:
        raise Invalid("the file is empty", field="file")
    # Let map_headers say which columns are missing, naming what it found.
    return map_headers(kind, first[0], first[1], overrides, defaults=defaults)
