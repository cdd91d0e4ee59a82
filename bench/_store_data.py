"""The store benchmark's data: the 50,000-client book and its two baseline copies.

Built once into ``bench-data/`` (git-ignored; ``BENCH_DATA`` moves it) and reused while
its marker file says it holds the right branch; each run works on fresh copies, so no
run sees another's writes. Delete the folder to build it again."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fixtures.branch import BranchSpec

from ._common import ROOT, log

SPEC = BranchSpec(clients=50_000, tasks=200_000, advisors=40)
VERSION = 1  # bump when what is built here changes
CACHE = Path(os.environ.get("BENCH_DATA", ROOT / "bench-data"))
BOOK, TINYDB, SQLITE = CACHE / "book", CACHE / "tinydb.json", CACHE / "sqlite.db"
MARKER = CACHE / "built.json"


def _wanted() -> dict[str, Any]:
    return {"version": VERSION, "spec": asdict(SPEC) | {"as_of": SPEC.as_of.isoformat()}}


def ensure_data() -> None:
    """Build the book and the baseline files unless a matching build is there."""
    try:
        if json.loads(MARKER.read_text()) == _wanted() and all(
            p.exists() for p in (BOOK, TINYDB, SQLITE)
        ):
            log(f"reusing the benchmark data in {CACHE}")
            return
    except (OSError, ValueError):
        pass
    from fixtures.demo import create_demo

    for path in (BOOK, TINYDB, SQLITE, MARKER):
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    log(f"building a {SPEC.clients:,}-client book with {SPEC.tasks:,} tasks in {BOOK} …")
    create_demo(BOOK, SPEC)
    clients, tasks = read_docs(BOOK, "clients"), read_docs(BOOK, "tasks")
    log("writing the plain TinyDB and sqlite copies …")
    write_tinydb(TINYDB, clients, tasks)
    write_sqlite(SQLITE, clients, tasks)
    MARKER.write_text(json.dumps(_wanted()))
    log(f"benchmark data ready in {time.perf_counter() - start:.0f} s")


def read_docs(folder: Path, table: str) -> dict[str, dict]:
    from branchdesk.schema import open_store

    store = open_store(folder, readonly=True)
    return dict(store.table(table)._read_table())


def copy_for_run(run: Path) -> dict[str, Path]:
    """Fresh copies of the book and both baselines in ``run``."""
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir(parents=True)
    shutil.copytree(BOOK, run / "book", ignore=shutil.ignore_patterns("lock"))
    shutil.copy(TINYDB, run / "tinydb.json")
    shutil.copy(SQLITE, run / "sqlite.db")
    return {"book": run / "book", "tinydb": run / "tinydb.json", "sqlite": run / "sqlite.db"}


def write_tinydb(path: Path, clients: dict, tasks: dict) -> None:
    """The same documents in TinyDB's own file layout, written as TinyDB writes it
    (``json.dumps``), under TinyDB's counter ids."""
    data = {
        "_default": {},
        "clients": {str(n): d for n, d in enumerate(clients.values(), start=1)},
        "tasks": {str(n): d for n, d in enumerate(tasks.values(), start=1)},
    }
    path.write_text(json.dumps(data))


SQLITE_SCHEMA = """
CREATE TABLE clients (
    id TEXT PRIMARY KEY, doc TEXT NOT NULL,
    phone_tail TEXT, name TEXT, total_assets REAL
);
CREATE INDEX clients_phone_tail ON clients (phone_tail);
CREATE TABLE client_pinyin (key TEXT NOT NULL, id TEXT NOT NULL);
CREATE INDEX client_pinyin_key ON client_pinyin (key);
CREATE INDEX client_pinyin_id ON client_pinyin (id);
CREATE TABLE tasks (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
"""


def sqlite_connect(path: Path) -> sqlite3.Connection:
    """WAL with synchronous=FULL: every commit is fsync'd, like our journal."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    return db


def sqlite_client_rows(doc: dict) -> tuple[tuple, list[tuple[str, str]]]:
    """The clients row and its pinyin keys (full and initials, every reading)."""
    phone = doc.get("phone") or ""
    row = (
        doc["account_id"],
        json.dumps(doc),
        phone[-4:] or None,
        doc.get("name"),
        doc.get("total_assets", 0.0),
    )
    keys = f"{doc.get('name_pinyin') or ''} {doc.get('name_initials') or ''}".split()
    return row, [(k, doc["account_id"]) for k in dict.fromkeys(keys)]


def write_sqlite(path: Path, clients: dict, tasks: dict) -> None:
    path.unlink(missing_ok=True)
    db = sqlite_connect(path)
    db.executescript(SQLITE_SCHEMA)
    db.execute("BEGIN")
    for doc in clients.values():
        row, keys = sqlite_client_rows(doc)
        db.execute("INSERT INTO clients VALUES (?, ?, ?, ?, ?)", row)
        db.executemany("INSERT INTO client_pinyin VALUES (?, ?)", keys)
    db.executemany(
        "INSERT INTO tasks VALUES (?, ?)", ((k, json.dumps(d)) for k, d in tasks.items())
    )
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
