"""Rows of a file → the fields of records, every unreadable cell reported by line,
column and reason. Nothing here touches the store: the CLI runs it on its side, and
the server checks what arrives (``check_row``) before it stages a row."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from itertools import repeat
from operator import itemgetter
from typing import Any

from ..errors import Invalid
from ..models.backoffice import ImportRow, RowError
from ..validate import parse
from .decode import Row
from .headers import ColumnMap
from .kinds import Kind
from .values import EMPTY, is_empty, text, unit_of

ONE = Decimal(1)


#: rows read at once: each column of a block is converted in one pass
BLOCK_ROWS = 2048


class _Bad:
    """A cell that could not be read, and why."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


_MISSING = object()  # an empty cell: the field is left out (the book keeps its value)


def read_rows(
    cmap: ColumnMap, rows: Iterable[Row], defaults: Mapping[str, Any] | None = None
) -> Iterator[tuple[ImportRow | None, list[RowError]]]:
    """(row, []) for each readable row, (None, errors) for each that is not; each row's
    errors in the order of its cells (the unit cell first), then the empty required ones.

    Rows are read a block at a time, a column at a time: a column holds few different
    values (dates, levels, choices, the branch), so each is converted once per block,
    and the per-cell work is a few C-level passes (strip, look up) instead of a Python
    loop body per cell — reading was a third of a 100,000-row import."""
    block: list[Row] = []
    for row in rows:
        block.append(row)
        if len(block) >= BLOCK_ROWS:
            yield from _read_block(cmap, block, defaults)
            block = []
    if block:
        yield from _read_block(cmap, block, defaults)


def _read_block(
    cmap: ColumnMap, block: list[Row], defaults: Mapping[str, Any] | None
) -> Iterator[tuple[ImportRow | None, list[RowError]]]:
    header = cmap.headers
    lines = [line for line, _ in block]
    cells = [c for _, c in block]
    width = min(map(len, cells))
    errors: dict[int, list[RowError]] = {}  # row of the block → its errors, in order

    def bad(i: int, name: str, index: int, reason: str) -> None:
        errors.setdefault(i, []).append(
            RowError(line=lines[i], field=name, column=header[index], reason=reason)
        )

    units = _row_units(cmap, _column(cells, cmap.unit_column, width), bad)
    names, values, gaps = [], [], []
    for index, column in cmap.fields.items():
        unit = cmap.units.get(index)
        cells_of = _column(cells, index, width)
        if column.money and unit is None and units is not None:
            found, kinds = _convert_each(cells_of, column.convert, units)
        else:
            found, kinds = _convert_column(cells_of, column.convert, column.money, unit)
        if _Bad in kinds:
            for i, value in enumerate(found):
                if value.__class__ is _Bad:
                    bad(i, column.name, index, value.reason)
        if _MISSING in found:
            gaps.append(column.name)
        names.append(column.name)
        values.append(found)
    # Each row's fields in C (dict of zip), then the empty cells' fields taken out.
    rows = list(map(dict, map(zip, repeat(names), zip(*values, strict=True))))
    if not names:
        rows = [{} for _ in lines]
    for name in gaps:
        for fields in rows:
            if fields[name] is _MISSING:
                del fields[name]
    needed = [name for name in cmap.kind.required if name not in (defaults or {})]
    for i, fields in enumerate(rows):
        if defaults:
            fields = {**defaults, **fields}
        problems = errors.get(i, [])
        for name in needed:
            if name not in fields and not any(e.field == name for e in problems):
                problems.append(
                    RowError(line=lines[i], field=name, column=cmap.header_of(name), reason="empty")
                )
        if problems:
            yield None, problems
        else:
            yield ImportRow(line=lines[i], fields=fields), []


def _column(cells: list[list[Any]], index: int | None, width: int) -> list[Any]:
    """The cells of one column, None past the end of a short row (``width``: the
    shortest row's)."""
    if index is None:
        return []
    if index < width:
        return list(map(itemgetter(index), cells))
    return [c[index] if index < len(c) else None for c in cells]


def _row_units(cmap: ColumnMap, column: list[Any], bad: Any) -> list[Decimal] | None:
    """Each row's money unit from the unit column (元 where it is empty), or None when
    the file has no unit column."""
    if cmap.unit_column is None:
        return None
    units = []
    for i, cell in enumerate(column):
        unit = ONE
        if not is_empty(cell):
            word = text(cell)
            found = unit_of(word)
            if found is None:
                bad(i, "unit", cmap.unit_column, f"unknown money unit {word!r} (元 or 万元)")
            else:
                unit = found
        units.append(unit)
    return units


#: stripped cells that mean "nothing here"
_BLANK = frozenset({*EMPTY, None})


def _convert_column(
    column: list[Any], convert: Any, money: bool, unit: Decimal | None
) -> tuple[list, set[type]]:
    """Each cell's value (``_MISSING`` when empty, ``_Bad`` when unreadable), and the
    classes of those values. Text cells (a CSV's) are converted once per different
    value; a column with numbers, dates or gaps (XLSX) cell by cell."""
    unit = unit or ONE
    try:
        stripped = list(map(str.strip, column))  # in C
    except TypeError:
        return _convert_each(column, convert, repeat(unit) if money else None)
    distinct = set(stripped)
    answers: dict[Any, Any] = dict.fromkeys(distinct & _BLANK, _MISSING)
    rest = list(distinct - _BLANK)
    if convert is text:  # plain text, already stripped
        if not answers:  # and no empty cell
            return stripped, {str}
        answers.update(zip(rest, rest, strict=True))
        return list(map(answers.__getitem__, stripped)), set(map(type, answers.values()))
    try:  # in C while every cell reads (the usual case)
        answers.update(
            zip(
                rest, map(convert, rest, repeat(unit)) if money else map(convert, rest), strict=True
            )
        )
    except ValueError:  # then cell by cell, to tell which do not
        for cell in rest:
            try:
                answers[cell] = convert(cell, unit) if money else convert(cell)
            except ValueError as exc:
                answers[cell] = _Bad(str(exc))
    return list(map(answers.__getitem__, stripped)), set(map(type, answers.values()))


def _convert_each(
    column: list[Any], convert: Any, units: Iterable[Decimal] | None
) -> tuple[list, set[type]]:
    """Each cell on its own; money in its row's unit (``units``: a unit column's, or
    the header's; None for other columns)."""
    out: list[Any] = []
    for cell, unit in zip(column, units or repeat(None), strict=False):
        cell = cell.strip() if cell.__class__ is str else cell
        if cell in _BLANK:
            out.append(_MISSING)
            continue
        try:
            out.append(convert(cell) if unit is None else convert(cell, unit))
        except ValueError as exc:
            out.append(_Bad(str(exc)))
    return out, set(map(type, out))


def check_row(kind: Kind, row: ImportRow) -> list[RowError]:
    """What is wrong with a row's fields on their own (types, phone, ID number); the
    server's first look at every row it is sent."""
    try:
        parse(kind.row_type, row.fields)
    except Invalid as exc:
        return [RowError(line=row.line, field=e.field, reason=e.message) for e in exc.errors]
    return []


def check_rows(kind: Kind, rows: list[ImportRow]) -> tuple[list[ImportRow], list[RowError]]:
    """(good rows, errors of the others). Pure: the server runs it off its event loop."""
    good: list[ImportRow] = []
    errors: list[RowError] = []
    for row in rows:
        problems = check_row(kind, row)
        if problems:
            errors += problems
        else:
            good.append(row)
    return good, errors
