"""Documents held compactly in memory: a tuple of values whose last item is the keys.

As TinyDB's plain dicts, a 50,000-client book with 200,000 tasks took 650 MB: CPython
gives a dict of 22 to 42 keys room for 64 (848 bytes for each 23-key task), and every
document carried its own copy of "done", "phone", "2026-05-03" … A row is
``(value, …, value, shape)``: 8 bytes a value, and the shape (the keys, in order) is one
object shared by every row with the same keys. Values that repeat are shared objects
once read from a snapshot, which stores each distinct value of a column once.

Rows never leave the store: readers get a fresh dict from :func:`unpack`, so nothing
outside can change a stored document by accident."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

Row = tuple  # (value, …, value, Shape)


class Shape(tuple):
    """A document's keys in order, shared by all rows with those keys."""

    pos: dict[str, int]  # key → its place in the row
    _hash: int

    def __hash__(self) -> int:
        # A tuple does not keep its hash: 30 keys took 1.4 µs to hash, for every row.
        return self._hash


_SHAPES: dict[tuple[str, ...], Shape] = {}  # one Shape per distinct key tuple, process-wide


def shape_of(keys: tuple[str, ...]) -> Shape:
    shape = _SHAPES.get(keys)
    if shape is None:
        shape = _SHAPES[keys] = Shape(keys)
        shape.pos = {k: i for i, k in enumerate(keys)}
        shape._hash = hash(keys)
    return shape


def one_shape(rows: Sequence[Row]) -> Shape | None:
    """The shape every row has, or None. Shapes are interned, so ``list.count`` compares
    them by identity, in C: far cheaper than a set of them."""
    if not rows:
        return None
    shapes = list(map(itemgetter(-1), rows))
    return shapes[0] if shapes.count(shapes[0]) == len(shapes) else None


def pack(doc: Mapping[str, Any]) -> Row:
    return (*doc.values(), shape_of(tuple(doc)))


def unpack(row: Row) -> dict[str, Any]:
    # zip stops with the keys, so the shape at the end is not taken as a value.
    return dict(zip(row[-1], row, strict=False))


def field(row: Row, key: str, default: Any = None) -> Any:
    """One value of a row, without unpacking the rest."""
    i = row[-1].pos.get(key)
    return default if i is None else row[i]


class Docs(Mapping[str, dict]):
    """A table's rows seen as TinyDB's ``{doc_id: document}``, each read a fresh dict."""

    __slots__ = ("_rows",)

    def __init__(self, rows: dict[str, Row]) -> None:
        self._rows = rows

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        return unpack(self._rows[doc_id])

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    # Plain iterators rather than Mapping's views: scans are the hot path, and a view
    # would look every id up again.
    def values(self) -> Iterator[dict[str, Any]]:  # type: ignore[override]
        return map(unpack, self._rows.values())

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:  # type: ignore[override]
        return zip(self._rows.keys(), map(unpack, self._rows.values()), strict=True)


class RowBatch:
    """Some rows at once, for building indexes: by column when they share one shape
    (a C-speed ``itemgetter`` per column), else value by value; or unpacked."""

    def __init__(self, ids: Sequence[str], rows: Sequence[Row]) -> None:
        self.ids, self.rows = ids, rows
        self._shape = one_shape(rows)
        self._docs: list[dict[str, Any]] | None = None

    def column(self, key: str) -> Iterable[Any]:
        if self._shape is None:
            return [field(row, key) for row in self.rows]
        i = self._shape.pos.get(key)
        if i is None:
            return repeat(None, len(self.rows))
        return map(itemgetter(i), self.rows)

    def docs(self) -> list[dict[str, Any]]:
        if self._docs is None:
            self._docs = list(map(unpack, self.rows))
        return self._docs
