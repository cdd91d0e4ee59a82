"""Worker for the store benchmark: our store, each command in a fresh process, so that
its memory, imports and open time are its own.

    python -m bench._store_ours journal FOLDER N   make N committed changes after a compaction
    python -m bench._store_ours open FOLDER        time opening the folder
    python -m bench._store_ours workload FOLDER WORKLOAD.json
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before BranchDesk is imported

import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import msgspec  # noqa: E402

from branchdesk.book import ClientBook  # noqa: E402
from branchdesk.models import Client  # noqa: E402
from branchdesk.schema import open_store  # noqa: E402

from ._common import emit, log, peak_rss_mb, rss_mb, timed  # noqa: E402


def make_journal(folder: str, changes: int) -> dict[str, Any]:
    """A fresh snapshot written by this code, then ``changes`` committed transactions
    (half client saves with their audit entry, half new tasks), left in the journal."""
    store = open_store(folder, purpose="bench")
    store.compact()
    book = ClientBook(store)
    tasks = store.table("tasks")
    rng = random.Random(10_000)
    ids = rng.sample(sorted(store.table("clients")._rows), changes // 2)
    template = store.table("tasks").doc(next(iter(store.table("tasks")._rows)))
    seq = store.seq
    for n, account_id in enumerate(ids):
        client = book.get(account_id)
        day = date(2026, 11, 25)  # after every demo contact: each save is a change
        book.save(msgspec.structs.replace(client, last_contact_date=day), actor="bench")
        tasks.insert({**template, "id": f"bench-journal-{n:06d}", "account_id": account_id})
    made, journal = store.seq - seq, store.journal_bytes
    store.close(compact=False)
    if made != changes:
        raise SystemExit(f"made {made} changes, not {changes}")
    return {"changes": made, "journal_bytes": journal}


def measure_open(folder: str) -> dict[str, Any]:
    imported, cpu = time.perf_counter(), time.process_time()
    store = open_store(folder, purpose="bench")
    opened, cpu = time.perf_counter(), time.process_time() - cpu
    counts = {name: len(t) for name, t in store.tables.items()}
    store.build_indexes()  # what the first lookups pay (the server pays it at start-up)
    indexed = time.perf_counter()
    store.close(compact=False)
    return {
        "import_s": imported - STARTED,
        "open_s": opened - imported,
        "open_cpu_s": cpu,
        "indexes_s": indexed - opened,
        "peak_rss_mb": peak_rss_mb(),
        "counts": counts,
    }


def workload(folder: str, workload_file: str) -> dict[str, Any]:
    """Open the book, then committed writes and searches, then close (with compaction):
    the life of a server in miniature, for its peak memory."""
    w = json.loads(Path(workload_file).read_text())
    rss = {"imported": rss_mb()}
    start = time.perf_counter()
    store = open_store(folder, purpose="bench")
    open_s = time.perf_counter() - start
    rss["opened"] = rss_mb()
    book = ClientBook(store)
    clients, tasks = store.table("clients"), store.table("tasks")

    log(f"ours: {len(w['client_puts'])} client upserts, {len(w['task_inserts'])} task inserts …")
    writes = {
        "client_upsert": timed(clients.put, w["client_puts"]),
        "task_insert": timed(tasks.insert, w["task_inserts"]),
    }
    saves = [msgspec.convert(d, Client) for d in w["client_saves"]]
    writes["client_save"] = timed(lambda c: book.save(c, actor="bench"), saves)
    rss["written"] = rss_mb()

    searches, hits = {}, {}
    for kind, queries in w["queries"].items():
        found: list[int] = []
        searches[kind] = timed(lambda q, f=found: f.append(len(book.search(q))), queries)
        hits[kind] = sum(found) / len(found)
    rss["searched"] = rss_mb()

    start = time.perf_counter()
    store.close()  # compacts: a snapshot of everything, as a server does when it stops
    return {
        "open_s": open_s,
        "writes": writes,
        "searches": searches,
        "mean_hits": hits,
        "close_s": time.perf_counter() - start,
        "rss_mb": rss,
        "peak_rss_mb": peak_rss_mb(),
    }


def main(argv: list[str]) -> None:
    command, folder, *rest = argv
    if command == "journal":
        emit(make_journal(folder, int(rest[0])))
    elif command == "open":
        emit(measure_open(folder))
    elif command == "workload":
        emit(workload(folder, rest[0]))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
