"""A TinyDB ``Table`` whose writes touch only the changed documents.

Plain TinyDB reads the whole database, rebuilds the table dict and writes it all back on
every change. Here the documents live in the storage's memory (TinyDB's
``MemoryStorage``) as compact rows (see rows.py), which ``_read_table`` shows TinyDB as
``{doc_id: dict}``, so every read method of TinyDB works unchanged. Each write method
changes just its documents, updates the indexes and hands the change to the store's
transaction, which journals it. Document ids are the records' own keys (account id,
uuid), never TinyDB's counter."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any

from tinydb.queries import QueryLike
from tinydb.storages import Storage
from tinydb.table import Document, Table

from .indexes import Index
from .rows import Docs, Row, RowBatch, field, pack, unpack

if TYPE_CHECKING:
    from .store import Store

Fields = Mapping[str, Any] | Callable[[dict], None]


class FastTable(Table):
    document_id_class = str

    def __init__(
        self,
        storage: Storage,
        name: str,
        *,
        store: Store,
        key_field: str = "id",
        indexes: Iterable[Index] = (),
        cache_size: int = 30,
    ) -> None:
        super().__init__(storage, name, cache_size=cache_size)
        self._store = store
        self.key_field = key_field
        self._indexes: dict[str, Index] = {ix.name: ix for ix in indexes}
        self._indexes_built = False  # built on first use: see ``indexes``
        memory = storage.read()
        if memory is None:
            memory = {}
            storage.write(memory)
        self._rows: dict[str, Row] = memory.setdefault(name, {})
        self._docs = Docs(self._rows)
        #: goes up on every change to the table, so derived data (a scan's decoded
        #: columns) can tell at a glance whether it is still current
        self.generation = 0

    @property
    def indexes(self) -> dict[str, Index]:
        """The table's indexes, built from its rows the first time anything needs them
        (a lookup, a write). Opening a folder therefore costs only reading it: a command
        that reads a client by id never pays for the 13 tables' indexes (1.5 s of a
        2.5 s open at 50,000 clients). The server builds them all when it starts
        (``Store.build_indexes``), so no request and no worker thread ever does."""
        if not self._indexes_built:
            self._build_indexes()
        return self._indexes

    @indexes.setter
    def indexes(self, value: dict[str, Index]) -> None:
        self._indexes = value

    @property
    def indexes_built(self) -> bool:
        return self._indexes_built

    def _built_indexes(self) -> Iterable[Index]:
        """The indexes a write must keep right: none until they are built. A write before
        then lands in the rows they will be built from (a CLI import of 100,000 clients
        into a folder it just opened never builds them at all)."""
        return self._indexes.values() if self._indexes_built else ()

    # -- reads --------------------------------------------------------------------------
    def _read_table(self) -> Docs:
        return self._docs

    def doc(self, doc_id: str) -> dict | None:
        """The document under ``doc_id`` (a fresh copy: changing it changes nothing)."""
        row = self._rows.get(doc_id)
        return None if row is None else unpack(row)

    def value(self, doc_id: str, key: str, default: Any = None) -> Any:
        """One field of a document, without copying the rest (for scans and sorts)."""
        row = self._rows.get(doc_id)
        return default if row is None else field(row, key, default)

    def version_token(self, doc_id: str) -> object | None:
        """An object that stays the same until the document is written again: derived
        data (decoded histories) can remember it and check ``is`` to know it is current."""
        return self._rows.get(doc_id)

    def columns(self, doc_ids: Iterable[str], *keys: str) -> list[list[Any]]:
        """Some fields of many documents, one list per key in the order of ``doc_ids``
        (None where a field is missing): ranking thousands of hits without copying them."""
        ids = list(doc_ids)
        batch = RowBatch(ids, list(map(self._rows.__getitem__, ids)))
        return [list(batch.column(key)) for key in keys]

    def index(self, name: str) -> Index:
        return self.indexes[name]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._rows

    # -- writes (each one is journaled through the store) -------------------------------
    def put(self, document: Mapping) -> str:
        """Insert or replace the document under its key; returns the key."""
        doc_id = self._key_of(document)
        self._store._change(self, doc_id, dict(document))
        return doc_id

    def put_many(self, documents: Iterable[Mapping], *, owned: bool = False) -> list[str]:
        """``put`` each document, in one transaction. New documents (a scan's fresh alerts,
        an import's new clients) are indexed as one batch: one sort per sorted index
        instead of a list insertion per document. ``owned``: the caller hands over its
        dicts and will not touch them again, so they are not copied; a list of only new
        documents is emptied as they are stored (an import's 100,000 dicts are never all
        held beside their rows and their journal record)."""
        docs, ids = self._keyed(documents, copy=not owned)
        with self._store.transaction():
            fresh = [i for i, doc_id in enumerate(ids) if doc_id not in self._rows]
            if len(fresh) > 1 and len({ids[i] for i in fresh}) == len(fresh):
                if len(fresh) == len(docs):
                    self._store._insert_new(self, ids, docs, release=owned)
                    rest: list[dict] = []
                else:
                    self._store._insert_new(self, [ids[i] for i in fresh], [docs[i] for i in fresh])
                    taken = set(fresh)
                    rest = [d for i, d in enumerate(docs) if i not in taken]
            else:
                rest = docs
            for d in rest:
                self.put(d)
        return ids

    def delete(self, doc_id: str) -> bool:
        if doc_id not in self._rows:
            return False
        self._store._change(self, doc_id, None)
        return True

    def insert(self, document: Mapping) -> str:
        doc_id = self._key_of(document)
        if doc_id in self._rows:
            raise ValueError(f"Document with ID {doc_id} already exists")
        self._store._change(self, doc_id, dict(document))
        return doc_id

    def insert_multiple(self, documents: Iterable[Mapping]) -> list[str]:
        """``insert`` each document, in one transaction, indexed as one batch (see
        ``put_many``); a key already taken, or given twice, writes nothing."""
        docs, ids = self._keyed(documents)
        taken = [doc_id for doc_id in ids if doc_id in self._rows]
        if taken:
            raise ValueError(f"Document with ID {taken[0]} already exists")
        if len(set(ids)) != len(ids):
            raise ValueError(f"{self.name}: the same key twice in one insert")
        with self._store.transaction():
            if ids:
                self._store._insert_new(self, ids, docs)
        return ids

    def update(
        self,
        fields: Fields,
        cond: QueryLike | None = None,
        doc_ids: Iterable[str] | None = None,
    ) -> list[str]:
        ids = self._select(cond, doc_ids)
        with self._store.transaction():
            for doc_id in ids:
                self._store._change(self, doc_id, _updated(self.doc(doc_id), fields))
        return ids

    def update_multiple(self, updates: Iterable[tuple[Fields, QueryLike]]) -> list[str]:
        changed: list[str] = []
        with self._store.transaction():
            for fields, cond in updates:
                changed.extend(self.update(fields, cond))
        return changed

    def upsert(self, document: Mapping, cond: QueryLike | None = None) -> list[str]:
        if isinstance(document, Document) and cond is None:
            cond_ids: list[str] | None = [str(document.doc_id)]
        elif cond is None:
            cond_ids = [self._key_of(document)]
        else:
            cond_ids = None
        with self._store.transaction():
            updated = self.update(dict(document), cond=cond, doc_ids=cond_ids)
            if updated:
                return updated
            return [self.insert(document)]

    def remove(
        self, cond: QueryLike | None = None, doc_ids: Iterable[str] | None = None
    ) -> list[str]:
        if cond is None and doc_ids is None:
            raise RuntimeError("Use truncate() to remove all documents")
        ids = self._select(cond, doc_ids)
        with self._store.transaction():
            for doc_id in ids:
                self._store._change(self, doc_id, None)
        return ids

    def truncate(self) -> None:
        with self._store.transaction():
            for doc_id in list(self._rows):
                self._store._change(self, doc_id, None)

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        # Every TinyDB write method is overridden above; reaching this would mean a
        # write that bypasses the journal.
        raise NotImplementedError("FastTable writes go through its own methods")

    # -- plumbing -----------------------------------------------------------------------
    def _keyed(
        self, documents: Iterable[Mapping], *, copy: bool = True
    ) -> tuple[list[dict], list[str]]:
        """Private copies of ``documents`` (or, ``copy=False``, the dicts themselves) and
        their keys, for the batch writes."""
        if not copy:
            docs = documents if isinstance(documents, list) else list(documents)
        else:
            docs = [dict(d) for d in documents]
        return docs, [self._key_of(d) for d in docs]

    def _key_of(self, document: Mapping) -> str:
        if isinstance(document, Document):
            return str(document.doc_id)
        try:
            key = document[self.key_field]
        except KeyError:
            raise ValueError(f"{self.name}: document has no {self.key_field!r}") from None
        return str(key)

    def _select(self, cond: QueryLike | None, doc_ids: Iterable[str] | None) -> list[str]:
        if doc_ids is not None:
            return [str(i) for i in doc_ids if str(i) in self._rows]
        if cond is None:
            return list(self._rows)
        return [doc_id for doc_id, doc in self._docs.items() if cond(doc)]

    def _apply(self, doc_id: str, new: dict | None) -> dict | None:
        """Swap in ``new`` (None deletes) and keep the indexes right; returns the old."""
        old = self.doc(doc_id)
        self.generation += 1
        for ix in self._built_indexes():
            # An update that leaves an index's key alone (a client's new assets do not move
            # their phone or pinyin) skips that index: a sorted index pays a list shift
            # per change, which dominated bulk updates of 50,000 clients.
            if old is not None and new is not None and ix.key_of(old) == ix.key_of(new):
                continue
            if old is not None:
                ix.discard(doc_id, old)
            if new is not None:
                ix.add(doc_id, new)
        if new is None:
            self._rows.pop(doc_id, None)
        else:
            self._rows[doc_id] = pack(new)
        self._query_cache.clear()
        return old

    def _add_rows(self, ids: list[str], rows: list[Row]) -> None:
        """Add rows under ids the table does not hold, indexing them as a batch."""
        indexes = self._built_indexes()
        self.generation += 1
        self._rows.update(zip(ids, rows, strict=True))
        batch = RowBatch(ids, rows)
        for ix in indexes:
            ix.add_batch(batch)
            ix.finish_batches()
        self._query_cache.clear()

    def rebuild_indexes(self, chunk: int = 16384) -> None:
        """Fill every index from scratch, a batch of rows at a time."""
        self.generation += 1
        self._build_indexes(chunk)

    def _build_indexes(self, chunk: int = 16384) -> None:
        # No cyclic GC meanwhile: the keys and buckets made here all stay alive, and the
        # collector walking the whole store again and again more than doubled the time.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._fill_indexes(chunk)
        finally:
            if was_enabled:
                gc.enable()

    def _fill_indexes(self, chunk: int) -> None:
        self._indexes_built = True
        indexes = list(self._indexes.values())
        for ix in indexes:
            ix.clear()
        if not indexes or not self._rows:
            return
        items = iter(self._rows.items())
        while batch := list(islice(items, chunk)):
            ids, rows = zip(*batch, strict=True)
            rb = RowBatch(ids, rows)
            for ix in indexes:
                ix.add_batch(rb)
        for ix in indexes:
            ix.finish_batches()


def _updated(doc: dict, fields: Fields) -> dict:
    """``doc`` (a fresh copy from ``doc()``, so the stored row stays intact for rollback)
    with ``fields`` applied."""
    if callable(fields):
        fields(doc)
    else:
        doc.update(fields)
    return doc
