"""Rows of a file → the fields of records, every unreadable cell reported by line,
column and reason. Nothing here touches the store: the CLI runs it on its side, and
the server checks what arrives (``check_row``) before it stages a row."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from ..errors import Invalid
from ..models.backoffice import ImportRow, RowError
from ..validate import parse
from .decode import Row
from .headers import ColumnMap
from .kinds import Kind
from .values import EMPTY, is_empty, text, unit_of

ONE = Decimal(1)


def read_rows(
    cmap: ColumnMap, rows: Iterable[Row], defaults: Mapping[str, Any] | None = None
) -> Iterator[tuple[ImportRow | None, list[RowError]]]:
    """(row, []) for each readable row, (None, errors) for each that is not."""
    kind = cmap.kind
    header = cmap.headers
    # (cell index, field, converter, money?, unit from the header) — the loop below runs
    # once per cell of the file, so it is kept flat.
    plan = [
        (index, column.name, column.convert, column.money, cmap.units.get(index))
        for index, column in cmap.fields.items()
    ]
    unit_index = cmap.unit_column
    needed = [name for name in kind.required if name not in (defaults or {})]
    for line, cells in rows:
        width = len(cells)
        unit = ONE
        errors: list[RowError] = []
        if unit_index is not None and unit_index < width and not is_empty(cells[unit_index]):
            word = text(cells[unit_index])
            found = unit_of(word)
            if found is None:
                reason = f"unknown money unit {word!r} (元 or 万元)"
                errors.append(
                    RowError(line=line, field="unit", column=header[unit_index], reason=reason)
                )
            else:
                unit = found
        fields: dict[str, Any] = dict(defaults) if defaults else {}
        for index, name, convert, money, header_unit in plan:
            if index >= width:
                continue
            cell = cells[index]
            if cell.__class__ is str:
                cell = cell.strip()
                if not cell or cell in EMPTY:
                    continue
            elif cell is None:
                continue
            if convert is text and cell.__class__ is str:
                fields[name] = cell  # plain text, already stripped
                continue
            try:
                fields[name] = convert(cell, header_unit or unit) if money else convert(cell)
            except ValueError as exc:
                errors.append(
                    RowError(line=line, field=name, column=header[index], reason=str(exc))
                )
        for name in needed:
            if name not in fields and not any(e.field == name for e in errors):
                errors.append(
                    RowError(line=line, field=name, column=cmap.header_of(name), reason="empty")
                )
        if errors:
            yield None, errors
        else:
            yield ImportRow(line=line, fields=fields), []


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
