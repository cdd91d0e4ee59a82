"""Worker for the store benchmark: the two baselines, each in a fresh process.

    python -m bench._store_baselines tinydb FILE WORKLOAD.json N_WRITES N_QUERIES
    python -m bench._store_baselines sqlite FILE WORKLOAD.json N_WRITES N_QUERIES

Both do the same committed single-document writes as our store, on the same documents,
and answer the same searches (up to 20 clients, richest first, decoded from JSON):

- plain TinyDB: ``TinyDB(path)`` with its default ``JSONStorage`` and no middleware. A
  client upsert is ``upsert(doc, Query().account_id == id)``, a task ``insert(doc)``;
  each rewrites (and fsyncs) the whole file. Searches are ``Query().field.test(...)``
  scans, as TinyDB has no indexes.
- sqlite3, WAL, ``synchronous=FULL`` (every commit fsync'd): one row per document, its
  JSON as text under a primary key, plus columns and indexes for what is searched: the
  phone's last four digits (indexed), the pinyin keys (a key table, indexed), the name
  (``LIKE '%…%'``, which no b-tree index serves). Each write is its own transaction."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import orjson

from ._common import emit, log, peak_rss_mb, timed


def run_tinydb(path: str, w: dict, n_writes: int, n_queries: int) -> dict[str, Any]:
    from tinydb import Query, TinyDB

    start = time.perf_counter()
    db = TinyDB(path)
    clients, tasks = db.table("clients"), db.table("tasks")
    count = len(clients)  # TinyDB reads the file on first use: that is its "open"
    open_s = time.perf_counter() - start
    q = Query()

    def upsert(doc: dict) -> None:
        clients.upsert(doc, q.account_id == doc["account_id"])

    log(f"tinydb: {n_writes} client upserts and {n_writes} task inserts (seconds each) …")
    writes = {
        "client_upsert": timed(upsert, w["client_puts"][:n_writes]),
        "task_insert": timed(tasks.insert, w["task_inserts"][:n_writes]),
    }

    def richest(docs: list) -> list:
        return sorted(docs, key=lambda d: -d.get("total_assets", 0))[:20]

    def by_tail(tail: str) -> list:
        return richest(clients.search(q.phone.test(lambda p: bool(p) and p.endswith(tail))))

    def by_pinyin(text: str) -> list:
        def match(doc: dict) -> bool:
            keys = f"{doc.get('name_pinyin') or ''} {doc.get('name_initials') or ''}"
            return any(k.startswith(text) for k in keys.split())

        return richest(clients.search(match))  # any callable is a TinyDB condition

    def by_name(text: str) -> list:
        return richest(clients.search(q.name.test(lambda n: bool(n) and text in n)))

    return _searches(
        w, n_queries, {"phone_tail": by_tail, "pinyin_initials": by_pinyin, "name": by_name}
    ) | {"open_s": open_s, "opened_count": count, "writes": writes, "peak_rss_mb": peak_rss_mb()}


def run_sqlite(path: str, w: dict, n_writes: int, n_queries: int) -> dict[str, Any]:
    from ._store_data import sqlite_client_rows, sqlite_connect

    start = time.perf_counter()
    db = sqlite_connect(Path(path))
    count = db.execute("SELECT count(*) FROM clients").fetchone()[0]
    open_s = time.perf_counter() - start

    def upsert(doc: dict) -> None:
        row, keys = sqlite_client_rows(doc)
        db.execute("BEGIN")
        db.execute(
            "INSERT INTO clients VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "doc = excluded.doc, phone_tail = excluded.phone_tail, name = excluded.name, "
            "total_assets = excluded.total_assets",
            row,
        )
        db.execute("DELETE FROM client_pinyin WHERE id = ?", (doc["account_id"],))
        db.executemany("INSERT INTO client_pinyin VALUES (?, ?)", keys)
        db.execute("COMMIT")

    def insert(doc: dict) -> None:
        db.execute("BEGIN")
        db.execute("INSERT INTO tasks VALUES (?, ?)", (doc["id"], orjson.dumps(doc).decode()))
        db.execute("COMMIT")

    log(f"sqlite: {n_writes} client upserts and {n_writes} task inserts …")
    writes = {
        "client_upsert": timed(upsert, w["client_puts"][:n_writes]),
        "task_insert": timed(insert, w["task_inserts"][:n_writes]),
    }

    def docs(sql: str, *args: str) -> list:
        return [orjson.loads(r[0]) for r in db.execute(sql, args)]

    order = " ORDER BY total_assets DESC LIMIT 20"
    searches = {
        "phone_tail": lambda t: docs("SELECT doc FROM clients WHERE phone_tail = ?" + order, t),
        "pinyin_initials": lambda t: docs(
            "SELECT doc FROM clients WHERE id IN "
            "(SELECT id FROM client_pinyin WHERE key >= ? AND key < ?)" + order,
            t,
            t[:-1] + chr(ord(t[-1]) + 1),
        ),
        "name": lambda t: docs("SELECT doc FROM clients WHERE name LIKE ?" + order, f"%{t}%"),
    }
    return _searches(w, n_queries, searches) | {
        "open_s": open_s,
        "opened_count": count,
        "writes": writes,
        "peak_rss_mb": peak_rss_mb(),
    }


def _searches(w: dict, n: int, kinds: dict) -> dict[str, Any]:
    searches, hits = {}, {}
    for kind, search in kinds.items():
        found: list[int] = []
        queries = w["queries"][kind][:n]
        searches[kind] = timed(lambda q, s=search, f=found: f.append(len(s(q))), queries)
        hits[kind] = sum(found) / len(found)
    return {"searches": searches, "mean_hits": hits}


def main(argv: list[str]) -> None:
    which, path, workload_file, n_writes, n_queries = argv
    w = orjson.loads(Path(workload_file).read_bytes())
    run = {"tinydb": run_tinydb, "sqlite": run_sqlite}[which]
    emit(run(path, w, int(n_writes), int(n_queries)))


if __name__ == "__main__":
    main(sys.argv[1:])
