"""In-memory secondary indexes, kept up to date on every write.

TinyDB scans every document on every search; these answer the hot lookups (clients by
advisor, phone tail, pinyin initials; tasks by assignee and due date …) in microseconds.

An index says which fields it reads (``on=``): its key is that field's value, or
``key(*values)``. Knowing the fields lets a table build the index from columns of rows
when it loads, without unpacking a dict per document (most of the time it took to open a
50,000-client book). An index without ``on`` gets the whole document: ``key(doc)``."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, compress, repeat
from operator import is_not
from typing import Any, Protocol

Doc = Mapping[str, Any]
Key = Hashable | Iterable[Hashable] | None  # None: the document is not in the index
KeyFn = Callable[..., Key]


class Batch(Protocol):
    """Some documents at once, as the table holds them (see rows.RowBatch)."""

    ids: Sequence[str]

    def column(self, field: str) -> Iterable[Any]: ...

    def docs(self) -> Iterable[Doc]: ...


class _Index:
    def __init__(
        self,
        name: str,
        key: KeyFn | None = None,
        *,
        on: str | tuple[str, ...] | None = None,
        multi: bool = False,
    ) -> None:
        fields = (on,) if isinstance(on, str) else on
        if key is None and (fields is None or len(fields) != 1):
            raise ValueError(f"index {name!r}: give a key function or exactly one field")
        self.name, self.key, self.on, self.multi = name, key, fields, multi

    def key_of(self, doc: Doc) -> Key:
        if self.on is None:
            return self.key(doc)  # type: ignore[misc]
        values = [doc.get(f) for f in self.on]
        return values[0] if self.key is None else self.key(*values)

    def keys_of(self, batch: Batch) -> Iterable[Key]:
        """One key per document of ``batch``, in order."""
        if self.on is None:
            return map(self.key, batch.docs())  # type: ignore[arg-type]
        columns = [batch.column(f) for f in self.on]
        return columns[0] if self.key is None else map(self.key, *columns)

    def pairs_of(self, batch: Batch) -> tuple[list[Hashable], Iterable[str]]:
        """(keys, ids) of ``batch``, one pair per key, documents without one left out.

        Built with C-level iterators (map, chain, compress): a Python loop over 200,000
        tasks was most of the time it took to open a big book."""
        keys: Iterable[Any] = self.keys_of(batch)
        ids: Iterable[str] = batch.ids
        if self.multi:
            key_sets = [  # a key function may hand over a set already: no copy of it
                () if ks is None else ks if ks.__class__ is set else set(ks)  # type: ignore[union-attr]
                for ks in keys
            ]
            ids = chain.from_iterable(map(repeat, ids, map(len, key_sets)))
            keys = chain.from_iterable(key_sets)
        keys = list(keys)
        missing = keys.count(None)
        if missing == len(keys):  # a field nobody has yet (campaign of a task)
            return [], ()
        if not missing:  # every document has a key: nothing to leave out
            return keys, ids
        present = list(map(is_not, keys, repeat(None)))
        return list(compress(keys, present)), compress(ids, present)

    def finish_batches(self) -> None:
        """Called when a table has added all its batches (see SortedIndex)."""

    def _keys(self, doc: Doc) -> Iterable[Hashable]:
        value = self.key_of(doc)
        if value is None:
            return ()
        return set(value) if self.multi else (value,)  # type: ignore[arg-type]


#: A bucket of up to this many ids is a tuple, a bigger one a set. Most keys have a few
#: ids (a client's phone, a client's tasks), and a set costs 216 bytes for 1 to 4 ids and
#: 728 from 5: tuples saved 27 MB on a 50,000-client book.
SMALL = 8

Bucket = tuple[str, ...] | set[str]


class HashIndex(_Index):
    """key → doc ids. ``multi=True`` when a document has several keys."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._buckets: dict[Hashable, Bucket] = {}
        self._pending: dict[Hashable, list[str]] = {}  # add_batch's, until finish_batches

    @property
    def _map(self) -> dict[Hashable, Bucket]:
        if self._pending:
            self.finish_batches()
        return self._buckets

    def add(self, doc_id: str, doc: Doc) -> None:
        m = self._map
        for k in self._keys(doc):
            bucket = m.get(k)
            if bucket is None:
                m[k] = (doc_id,)
            elif type(bucket) is set:
                bucket.add(doc_id)
            elif doc_id not in bucket:
                m[k] = (*bucket, doc_id) if len(bucket) < SMALL else {*bucket, doc_id}

    def add_batch(self, batch: Batch) -> None:
        """``add`` for many documents not yet in the index (a table loading)."""
        keys, ids = self.pairs_of(batch)
        pending = self._pending
        for k in set(keys).difference(pending):
            pending[k] = []
        # Every id onto its key's list in C (map, deque): loading is the hot path.
        deque(map(list.append, map(pending.__getitem__, keys), ids), maxlen=0)

    def finish_batches(self) -> None:
        m, pending, self._pending = self._buckets, self._pending, {}
        for k, new in pending.items():
            old = m.get(k)
            if type(old) is set:
                old.update(new)
                continue
            if old:
                new = [*old, *new]
            m[k] = tuple(new) if len(new) <= SMALL else set(new)

    def discard(self, doc_id: str, doc: Doc) -> None:
        m = self._map
        for k in self._keys(doc):
            bucket = m.get(k)
            if bucket is None:
                continue
            if type(bucket) is set:
                bucket.discard(doc_id)
                rest: Bucket = bucket
            else:
                rest = tuple(i for i in bucket if i != doc_id)
                m[k] = rest
            if not rest:
                del m[k]

    def clear(self) -> None:
        self._buckets.clear()
        self._pending.clear()

    def __contains__(self, key: Hashable) -> bool:
        """Whether any document has ``key`` (cheaper than ``get``: no set is made)."""
        return key in self._map

    def get(self, key: Hashable) -> set[str]:
        """The ids under ``key``, as a set to read (copy it before writing to the table)."""
        bucket = self._map.get(key)
        if bucket is None:
            return set()
        return bucket if type(bucket) is set else set(bucket)

    def keys(self) -> Iterable[Hashable]:
        return self._map.keys()

    def counts(self) -> dict[Hashable, int]:
        return {k: len(v) for k, v in self._map.items()}


class SortedIndex(_Index):
    """Keys kept in order: prefix search ("wl" → 王丽, 王磊 …) and ranges (due dates)."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._list: list[tuple[Any, str]] = []
        self._sorted = True

    @property
    def _items(self) -> list[tuple[Any, str]]:
        self.finish_batches()
        return self._list

    def finish_batches(self) -> None:
        # add_batch appends unsorted and this sorts once: far faster than one insort per
        # document when a table loads.
        if not self._sorted:
            self._list.sort()
            self._sorted = True

    def add(self, doc_id: str, doc: Doc) -> None:
        items = self._items
        for k in self._keys(doc):
            insort(items, (k, doc_id))

    def add_batch(self, batch: Batch) -> None:
        keys, ids = self.pairs_of(batch)
        self._list.extend(zip(keys, ids, strict=True))
        self._sorted = False

    def discard(self, doc_id: str, doc: Doc) -> None:
        items = self._items
        for k in self._keys(doc):
            i = bisect_left(items, (k, doc_id))
            if i < len(items) and items[i] == (k, doc_id):
                del items[i]

    def clear(self) -> None:
        self._list.clear()
        self._sorted = True

    def prefix(self, prefix: str) -> Iterator[str]:
        """Ids whose key starts with ``prefix``, in key order."""
        items = self._items
        i = bisect_left(items, (prefix, ""))
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
