"""The store: TinyDB tables held in memory, made durable by a journal and snapshots.

    folder/
      format.json      which app and schema version wrote this folder
      snapshot.jsonl   the whole data set as of journal record ``seq`` (atomic rename)
      journal.jsonl    every transaction committed since, fsync'd before it returns
      lock             held by the one process that may write

Opening loads the snapshot and replays the journal. Each transaction is one journal
line, so a multi-document change (an import, a rebalance) is all there or not at all."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import repeat
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from ..errors import ReadOnlyStore, StoreCorrupt, StoreError
from .files import write_atomic
from .indexes import Index
from .journal import CHUNK_OPS, EncodedOps, Journal, Op, read_journal
from .lock import WriteLock
from .rows import Row, pack, unpack
from .snapshot import read_snapshot, write_snapshot
from .table import FastTable

log = logging.getLogger("branchdesk.store")

SNAPSHOT = "snapshot.jsonl"
JOURNAL = "journal.jsonl"
FORMAT = "format.json"
APP = "branchdesk"

#: compact on its own once the journal grows past this; the server also compacts when idle
AUTO_COMPACT_BYTES = 256 * 1024 * 1024

Migration = Callable[[dict[str, dict[str, dict]]], None]


class Deferred:
    """What :meth:`Store.deferred_sync` hands out: how far the journal must be durable
    for everything committed in its context to be saved."""

    upto: int = 0
    #: whether :meth:`Store.insert_later` may leave its documents to :meth:`write_later`
    inserts_later: bool = False
    #: whether it did: the context must then :meth:`write_later` before its fsync
    left_inserts: bool = False


#: Set by :meth:`Store.deferred_sync`: transactions committed in this context are written
#: to the journal but not fsync'd; whoever set it syncs before saying "saved".
_DEFER_SYNC: ContextVar[Deferred | None] = ContextVar("defer_sync", default=None)


@dataclass(frozen=True)
class TableSpec:
    key_field: str = "id"
    indexes: Callable[[], list[Index]] = list


@dataclass
class _Tx:
    ops: list[Op | EncodedOps] = field(default_factory=list)
    undo: list[tuple[FastTable, str, dict | None]] = field(default_factory=list)


class BranchDB(TinyDB):
    """TinyDB over an in-memory storage, with our table class (TinyDB's documented hook)."""

    table_class = FastTable  # type: ignore[assignment]
    default_storage_class = MemoryStorage


class Store:
    def __init__(
        self,
        folder: Path,
        memory: dict[str, dict[str, Row]],
        *,
        specs: Mapping[str, TableSpec],
        seq: int,
        schema: int,
        journal: Journal | None,
        lock: WriteLock | None,
    ) -> None:
        self.folder = folder
        self.schema = schema
        self.seq = seq
        self.readonly = journal is None
        self._journal = journal
        self._lock = lock
        self._specs = dict(specs)
        self._tx: _Tx | None = None
        self._later: list[tuple[str, dict]] = []  # see insert_later
        self.db = BranchDB(storage=MemoryStorage)
        self.db.storage.write(memory)
        self._tables: dict[str, FastTable] = {}
        for name in {*specs, *memory}:
            self.table(name)

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        folder: str | os.PathLike,
        *,
        specs: Mapping[str, TableSpec],
        schema: int,
        migrations: Mapping[int, Migration] | None = None,
        readonly: bool = False,
        create: bool = False,
        purpose: str = "a BranchDesk command",
    ) -> Store:
        """Open the data folder; ``readonly`` opens without the write lock."""
        folder = Path(folder).absolute()
        fmt = _read_format(folder, create=create and not readonly)
        data_schema = int(fmt["schema"]) if fmt else schema
        if data_schema > schema:
            raise StoreError(
                f"{folder} was written by a newer BranchDesk (schema {data_schema}, this "
                f"program knows {schema}); upgrade BranchDesk to open it."
            )
        lock = None if readonly else WriteLock(folder, purpose)
        try:
            with _no_cyclic_gc():
                for attempt in range(5):
                    snap = read_snapshot(folder / SNAPSHOT)
                    memory = snap.tables if snap else {}
                    seq = snap.seq if snap else 0
                    result = read_journal(folder / JOURNAL)
                    try:
                        seq = _replay(memory, seq, result.records)
                        break
                    except _JournalGap:
                        if not readonly or attempt == 4:
                            raise StoreCorrupt(
                                f"{folder / JOURNAL} does not continue {folder / SNAPSHOT}; "
                                "restore the data folder from a backup."
                            ) from None
                        # A writer compacted between our two reads: read both again.
                journal = None if readonly else Journal(folder / JOURNAL, result.good_bytes)
                store = cls(
                    folder,
                    memory,
                    specs=specs,
                    seq=seq,
                    schema=data_schema,
                    journal=journal,
                    lock=lock,
                )
        except BaseException:
            if lock:
                lock.release()
            raise
        if fmt is None and not readonly:
            store._write_format(schema)
        if data_schema < schema and not readonly:
            store._migrate(schema, migrations or {})
        return store

    def _migrate(self, schema: int, migrations: Mapping[int, Migration]) -> None:
        memory = self.db.storage.read()
        # Migrations work on plain dicts; the rows are packed again afterwards.
        tables = {
            name: {i: unpack(row) for i, row in rows.items()} for name, rows in memory.items()
        }
        for version in range(self.schema, schema):
            step = migrations.get(version)
            if step is None:
                raise StoreError(f"no migration from schema {version} to {version + 1}")
            log.warning("migrating %s from schema %d to %d", self.folder, version, version + 1)
            step(tables)
        for name, docs in tables.items():
            rows = memory.setdefault(name, {})  # the same dict the table holds
            rows.clear()
            rows.update((i, pack(doc)) for i, doc in docs.items())
            self.table(name)
        self.schema = schema
        for table in self._tables.values():
            table.rebuild_indexes()
        self.compact()
        self._write_format(schema)

    def _write_format(self, schema: int) -> None:
        info = {"app": APP, "schema": schema, "written_at": _utcnow()}
        write_atomic(self.folder / FORMAT, [orjson.dumps(info, option=orjson.OPT_INDENT_2)])

    # -- tables -------------------------------------------------------------------------
    def table(self, name: str) -> FastTable:
        table = self._tables.get(name)
        if table is None:
            spec = self._specs.get(name, TableSpec())
            table = self.db.table(
                name, store=self, key_field=spec.key_field, indexes=spec.indexes()
            )
            self._tables[name] = table
        return table

    @property
    def tables(self) -> Mapping[str, FastTable]:
        return self._tables

    def build_indexes(self) -> None:
        """Build every table's indexes now instead of on first use (the server does this
        at start-up, on its own thread, so requests and worker threads find them ready)."""
        with _no_cyclic_gc():
            for name in self._specs:
                self.table(name).indexes  # noqa: B018  (the property builds them)

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one journal record: all of them are kept, or none.

        An exception inside undoes every change made in the block. Nested blocks join
        the outermost one."""
        if self._tx is not None:
            yield
            return
        if self.readonly:
            raise ReadOnlyStore(f"{self.folder} is open read-only")
        tx = self._tx = _Tx()
        try:
            yield
            if tx.ops:
                assert self._journal is not None
                deferred = _DEFER_SYNC.get()
                self._journal.append(self.seq + 1, tx.ops, sync=deferred is None)
                self.seq += 1
                if deferred is not None:
                    deferred.upto = self._journal.written
        except BaseException:
            for table, doc_id, old in reversed(tx.undo):
                table._apply(doc_id, old)
            raise
        finally:
            self._tx = None
        if self._journal and self._journal.size > AUTO_COMPACT_BYTES:
            self.compact()

    @contextmanager
    def deferred_sync(self, *, inserts_later: bool = False) -> Iterator[Deferred]:
        """Transactions committed inside (in this context: thread or asyncio task) are
        journaled without an fsync of their own. The caller must make them durable, up
        to the yielded ``upto`` mark, with :meth:`sync_journal` before it reports them
        saved; the server does, for all the requests in flight at once, with one fsync
        (group commit). With ``inserts_later`` the caller also promises to call
        :meth:`write_later` before that fsync (see :meth:`insert_later`)."""
        deferred = Deferred()
        deferred.inserts_later = inserts_later
        token = _DEFER_SYNC.set(deferred)
        try:
            yield deferred
        finally:
            _DEFER_SYNC.reset(token)

    def insert_later(self, table: str, document: dict) -> None:
        """Insert a document that nothing else in the request depends on (the audit entry
        of a full view) with the next group commit, in one transaction with every other
        such document: one journal record per fsync instead of one per request.

        Only where the caller of :meth:`deferred_sync` said it will :meth:`write_later`
        before its fsync; anywhere else (and inside a transaction, which it must join)
        the document is inserted at once. Until written it is in no table."""
        deferred = _DEFER_SYNC.get()
        if self._tx is not None or deferred is None or not deferred.inserts_later:
            self.table(table).insert(document)
            return
        self._later.append((table, document))
        deferred.left_inserts = True

    @property
    def inserts_waiting(self) -> bool:
        """Whether :meth:`insert_later` holds documents not yet written."""
        return bool(self._later)

    def write_later(self) -> None:
        """Insert every document :meth:`insert_later` holds, in one transaction."""
        if not self._later:
            return
        later, self._later = self._later, []
        with self.transaction():
            for name in dict.fromkeys(name for name, _ in later):
                self.table(name).insert_multiple(doc for n, doc in later if n == name)

    @property
    def journal_appended(self) -> int:
        """Journal bytes appended since opening (a mark that only grows)."""
        return self._journal.written if self._journal else 0

    @property
    def journal_durable(self) -> int:
        """How many of :attr:`journal_appended` are known to be on disk."""
        return self._journal.synced if self._journal else 0

    def sync_journal(self) -> None:
        """fsync what has been appended; safe to call from a worker thread."""
        if self._journal is not None:
            self._journal.sync()

    def _change(self, table: FastTable, doc_id: str, new: dict | None) -> None:
        if self._tx is None:
            with self.transaction():
                self._change(table, doc_id, new)
            return
        old = table._apply(doc_id, new)
        self._tx.undo.append((table, doc_id, old))
        self._tx.ops.append((table.name, doc_id, new))

    def _insert_new(
        self, table: FastTable, ids: list[str], docs: list[dict], *, release: bool = False
    ) -> None:
        """``_change`` for many documents new to ``table`` (see ``FastTable.put_many``).

        Each is packed and encoded for the journal now, a chunk at a time, so the
        transaction holds bytes rather than the dicts until it commits. ``release``: the
        caller hands ``docs`` over, and each chunk of it is let go once packed and
        encoded (an import's 100,000 dicts were a third of its peak memory)."""
        assert self._tx is not None
        rows: list[Row] = []
        encoded = EncodedOps()
        for start in range(0, len(docs), CHUNK_OPS):
            chunk = docs[start : start + CHUNK_OPS]
            rows += map(pack, chunk)
            encoded.add(list(zip(repeat(table.name), ids[start : start + CHUNK_OPS], chunk)))
            if release:
                docs[start : start + len(chunk)] = [None] * len(chunk)
        table._add_rows(ids, rows)
        self._tx.undo.extend(zip(repeat(table), ids, repeat(None)))
        self._tx.ops.append(encoded)

    # -- housekeeping -------------------------------------------------------------------
    @property
    def journal_bytes(self) -> int:
        return self._journal.size if self._journal else 0

    def compact(self) -> None:
        """Write a snapshot of everything and empty the journal."""
        if self.readonly or self._journal is None:
            raise ReadOnlyStore(f"{self.folder} is open read-only")
        if self._tx is not None:
            raise StoreError("cannot compact inside a transaction")
        write_snapshot(
            self.folder / SNAPSHOT, self.seq, self.schema, self.db.storage.read(), _utcnow()
        )
        self._journal.reset()

    def set_holder_info(self, **info: Any) -> None:
        """Tell other processes more about us (e.g. the server's URL) via the lock file."""
        if self._lock:
            self._lock.update(**info)

    def close(self, *, compact: bool = True) -> None:
        """Snapshot (when anything is journaled) and release the folder."""
        if self._journal is not None:
            self.write_later()
            if compact and self._journal.size:
                self.compact()
            elif self._journal.synced < self._journal.written:
                self._journal.sync()
            self._journal.close()
            self._journal = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self.readonly = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _JournalGap(Exception):
    pass


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Keep the cyclic garbage collector off while a data folder loads.

    Loading creates a million objects that all stay alive; the collector would walk the
    growing heap again and again for nothing (1.9 s of the 6.4 s it took to open a
    50,000-client book). Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        # What was loaded lives as long as the store: move it straight to the oldest
        # generation (freeze, then unfreeze) so that the young collections, which run
        # every few hundred allocations, never walk it.
        gc.freeze()
        gc.unfreeze()
    finally:
        if was_enabled:
            gc.enable()


def _replay(memory: dict[str, dict[str, Row]], seq: int, records: list) -> int:
    for record in records:
        if record.seq <= seq:
            continue  # already in the snapshot (a crash came between snapshot and reset)
        if record.seq != seq + 1:
            raise _JournalGap
        for table, doc_id, doc in record.ops:
            docs = memory.setdefault(table, {})
            if doc is None:
                docs.pop(doc_id, None)
            else:
                docs[doc_id] = pack(doc)
        seq = record.seq
    return seq


def _read_format(folder: Path, *, create: bool) -> dict | None:
    path = folder / FORMAT
    try:
        info = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        if folder.exists() and any(p.name != "lock" for p in folder.iterdir()):
            raise StoreError(
                f"{folder} is not a BranchDesk data folder (no {FORMAT}); "
                "point --data at the right folder or create one with `branchdesk init`."
            ) from None
        if not create:
            raise StoreError(
                f"no BranchDesk data in {folder}; create it with `branchdesk init --data "
                f"{folder}` or `branchdesk demo --data {folder}`."
            ) from None
        folder.mkdir(parents=True, exist_ok=True)
        return None
    except orjson.JSONDecodeError as exc:
        raise StoreCorrupt(f"{path} is damaged ({exc})") from exc
    if info.get("app") != APP or "schema" not in info:
        raise StoreError(f"{folder} is not a BranchDesk data folder ({path} says otherwise)")
    return info


def _utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
