"""Reading a big text file on both cores: a forked child reads the rows after 60% of
its lines while this process reads the ones before, and sends them back through a pipe
(see :mod:`.forked`).

Reading (splitting lines into cells, then checking and converting every cell) is pure
Python per row, two seconds of a 100,000-row import, and the GIL keeps a thread from
helping. The split is by line number on the one parse of the file both processes
share: the child, forked with the parser where this process left it (just past the
header), runs the same parser over this process's part without converting anything, so
a quoted cell spanning lines across the split is read exactly as one process reads it.
Rows are checked one by one (``read_rows``), so which process checks a row changes
nothing: the same rows, errors and line numbers, in file order.

Only text files (the parser is in memory; an XLSX reader shares an open file), only
big ones (a fork and the pipe cost tens of milliseconds), and only when no other
thread runs yet (the fork happens before the first batch is sent). If the child fails
for any reason, this process reads its part too: slower, never different."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any

from ..models.backoffice import ImportRow, RowError
from .decode import Sheet
from .forked import Forked
from .headers import ColumnMap
from .rows import read_rows

#: below this many lines a fork is not worth it
MIN_LINES = 20_000
#: the part of the file this process reads: the child also parses (without checking)
#: the lines before its part and pickles what it read, and this process unpickles it,
#: so both finish at about the same time when this process takes a bit more than half
PARENT_SHARE = 0.6

Read = tuple[ImportRow | None, list[RowError]]


def read_sheet(
    cmap: ColumnMap, sheet: Sheet, defaults: Mapping[str, Any] | None = None
) -> Iterator[Read]:
    """``read_rows`` over the sheet's rows, in two processes when that pays. Call it
    before starting any thread: it forks here, not when first iterated."""
    if sheet.format not in ("csv", "tsv") or sheet.total_lines < MIN_LINES or not _can_fork():
        return read_rows(cmap, sheet.rows, defaults)
    middle = int(sheet.total_lines * PARENT_SHARE)  # rows past this line: the child's
    child = Forked(lambda: _read_part(cmap, sheet, defaults, middle))
    return _parent(cmap, sheet, defaults, middle, child)


def _can_fork() -> bool:
    return hasattr(os, "fork")


def _parent(
    cmap: ColumnMap,
    sheet: Sheet,
    defaults: Mapping[str, Any] | None,
    middle: int,
    child: Forked,
) -> Iterator[Read]:
    try:
        later: list[Any] = []  # the first row past the middle (read to see where it starts)
        yield from read_rows(cmap, _until(sheet.rows, middle, later), defaults)
        data = child.result()
    finally:
        child.cancel()  # if the import stopped before taking the child's rows
    if data is None:  # the child failed: read its part here
        yield from read_rows(cmap, chain(later, sheet.rows), defaults)
        return
    # The parser's copy of the text (4 bytes a character: ~47 MB for 100,000 rows) goes
    # when the parser is finished; this one will not be, so close it.
    sheet.rows.close()  # type: ignore[attr-defined]
    items = pickle.loads(data)
    del data
    for item in items:
        if item.__class__ is tuple:
            yield ImportRow(line=item[0], fields=item[1]), []
        else:
            yield None, item


def _until(rows: Iterator, middle: int, later: list) -> Iterator:
    """The rows starting on or before line ``middle``; the first after it goes to
    ``later``."""
    for row in rows:
        if row[0] > middle:
            later.append(row)
            return
        yield row


def _read_part(
    cmap: ColumnMap, sheet: Sheet, defaults: Mapping[str, Any] | None, middle: int
) -> bytes:
    """In the child: the rows after line ``middle``, read and pickled."""
    rows = (row for row in sheet.rows if row[0] > middle)
    # (line, fields) tuples pickle in a quarter of the time ImportRow structs take, and
    # keep every value's type (a tuple stays a tuple, a date a date).
    items = [
        (row.line, row.fields) if row is not None else problems
        for row, problems in read_rows(cmap, rows, defaults)
    ]
    return pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
