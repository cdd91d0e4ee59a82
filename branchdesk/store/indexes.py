"""In-memory secondary indexes, kept up to date on every write.

TinyDB scans every document on every search; these answer the hot lookups (clients by
advisor, phone tail, pinyin initials; tasks by assignee and due date …) in microseconds."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any

Doc = Mapping[str, Any]
KeyFn = Callable[[Doc], Hashable | Iterable[Hashable] | None]


def _keys(fn: KeyFn, doc: Doc, multi: bool) -> Iterable[Hashable]:
    value = fn(doc)
    if value is None:
        return ()
    if multi:
        return set(value)  # type: ignore[arg-type]
    return (value,)


class HashIndex:
    """key → set of doc ids. ``multi=True`` when a document has several keys."""

    def __init__(self, name: str, key: KeyFn, *, multi: bool = False) -> None:
        self.name, self.key, self.multi = name, key, multi
        self._map: dict[Hashable, set[str]] = {}

    def add(self, doc_id: str, doc: Doc) -> None:
        for k in _keys(self.key, doc, self.multi):
            bucket = self._map.get(k)
            if bucket is None:
                self._map[k] = {doc_id}
            else:
                bucket.add(doc_id)

    def discard(self, doc_id: str, doc: Doc) -> None:
        for k in _keys(self.key, doc, self.multi):
            bucket = self._map.get(k)
            if bucket is not None:
                bucket.discard(doc_id)
                if not bucket:
                    del self._map[k]

    def clear(self) -> None:
        self._map.clear()

    def get(self, key: Hashable) -> set[str]:
        """The ids under ``key`` (a live set: copy it before writing to the table)."""
        return self._map.get(key, _EMPTY)

    def keys(self) -> Iterable[Hashable]:
        return self._map.keys()

    def counts(self) -> dict[Hashable, int]:
        return {k: len(v) for k, v in self._map.items()}


_EMPTY: set[str] = set()


class SortedIndex:
    """Keys kept in order: prefix search ("wl" → 王丽, 王磊 …) and ranges (due dates)."""

    def __init__(self, name: str, key: KeyFn, *, multi: bool = False) -> None:
        self.name, self.key, self.multi = name, key, multi
        self._items: list[tuple[Any, str]] = []

    def add(self, doc_id: str, doc: Doc) -> None:
        for k in _keys(self.key, doc, self.multi):
            insort(self._items, (k, doc_id))

    def discard(self, doc_id: str, doc: Doc) -> None:
        for k in _keys(self.key, doc, self.multi):
            i = bisect_left(self._items, (k, doc_id))
            if i < len(self._items) and self._items[i] == (k, doc_id):
                del self._items[i]

    def clear(self) -> None:
        self._items.clear()

    def bulk_load(self, docs: Mapping[str, Doc]) -> None:
        """Build from scratch in one sort: far faster than one insort per document."""
        self._items = sorted(
            (k, doc_id) for doc_id, doc in docs.items() for k in _keys(self.key, doc, self.multi)
        )

    def prefix(self, prefix: str) -> Iterator[str]:
        """Ids whose key starts with ``prefix``, in key order."""
        i = bisect_left(self._items, (prefix, ""))
        items = self._items
        while i < len(items) and str(items[i][0]).startswith(prefix):
            yield items[i][1]
            i += 1

    def range(self, low: Any = None, high: Any = None) -> Iterator[tuple[Any, str]]:
        """(key, id) pairs with ``low <= key < high`` (either bound may be None)."""
        items = self._items
        i = 0 if low is None else bisect_left(items, (low, ""))
        while i < len(items) and (high is None or items[i][0] < high):
            yield items[i]
            i += 1

    def __len__(self) -> int:
        return len(self._items)


Index = HashIndex | SortedIndex
