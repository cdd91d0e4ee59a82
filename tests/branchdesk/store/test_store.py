"""The store keeps TinyDB's API, journals every change, and opens only what it trusts."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from tinydb import Query

from branchdesk.errors import DataFolderBusy, ReadOnlyStore, StoreCorrupt, StoreError
from branchdesk.schema import open_store
from branchdesk.store import HashIndex, SortedIndex, Store, TableSpec


def _open(folder: Path, **kw) -> Store:
    return open_store(folder, create=True, **kw)


def test_changes_survive_reopening_without_a_clean_close(tmp_path: Path) -> None:
    store = _open(tmp_path)
    tasks = store.table("tasks")
    tasks.insert({"id": "t1", "account_id": "a", "status": "planned"})
    tasks.update({"status": "done"}, doc_ids=["t1"])
    tasks.insert({"id": "t2", "account_id": "b", "status": "planned"})
    tasks.remove(doc_ids=["t2"])
    store.close(compact=False)  # no snapshot: the journal alone must carry it
    again = open_store(tmp_path)
    assert again.table("tasks").all() == [{"id": "t1", "account_id": "a", "status": "done"}]
    again.close()


def test_tinydb_query_api_works_and_ids_are_our_own(empty_store: Store) -> None:
    t = empty_store.table("tasks")
    t.insert_multiple(
        {"id": f"t{i}", "n": i, "assignee": "A1" if i % 2 else "A2"} for i in range(10)
    )
    q = Query()
    assert sorted(d["id"] for d in t.search(q.n >= 7)) == ["t7", "t8", "t9"]
    assert t.get(doc_id="t3")["n"] == 3
    assert t.get(doc_id="t3").doc_id == "t3"
    assert t.count(q.assignee == "A1") == 5
    t.upsert({"id": "t3", "n": 33})
    assert t.get(doc_id="t3")["n"] == 33
    t.update(lambda d: d.update(n=d["n"] + 1), q.n == 0)
    assert t.get(doc_id="t0")["n"] == 1
    assert t.index("assignee").get("A1") == {"t1", "t3", "t5", "t7", "t9"}


def test_insert_refuses_a_duplicate_id(empty_store: Store) -> None:
    t = empty_store.table("tasks")
    t.insert({"id": "t1"})
    with pytest.raises(ValueError, match="already exists"):
        t.insert({"id": "t1"})


def test_failed_transaction_leaves_no_trace_in_memory_or_on_disk(tmp_path: Path) -> None:
    store = _open(tmp_path)
    clients = store.table("clients")
    clients.put({"account_id": "c1", "name": "甲", "advisor_id": "A1"})
    with pytest.raises(RuntimeError), store.transaction():
        clients.put({"account_id": "c2", "name": "乙", "advisor_id": "A1"})
        clients.update({"advisor_id": "A2"}, doc_ids=["c1"])
        raise RuntimeError("boom")
    assert clients.doc("c1")["advisor_id"] == "A1"
    assert "c2" not in clients
    assert clients.index("advisor").get("A1") == {"c1"}
    assert clients.index("advisor").get("A2") == set()
    store.close(compact=False)
    again = open_store(tmp_path)
    assert [d["account_id"] for d in again.table("clients").all()] == ["c1"]
    again.close()


def test_a_transaction_is_one_journal_record(tmp_path: Path) -> None:
    store = _open(tmp_path)
    with store.transaction():
        for i in range(100):
            store.table("tasks").insert({"id": f"t{i}"})
    store.close(compact=False)
    lines = (tmp_path / "journal.jsonl").read_bytes().splitlines()
    assert len(lines) == 1


def test_torn_last_line_is_skipped_with_a_warning_and_cut_off(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = _open(tmp_path)
    store.table("tasks").insert({"id": "kept"})
    store.close(compact=False)
    with open(tmp_path / "journal.jsonl", "ab") as fh:
        fh.write(b'0badc0de {"seq": 2, "ops": [["tasks", "lost", {"id": "lo')  # a crash mid-write
    with caplog.at_level(logging.WARNING, logger="branchdesk.store"):
        again = open_store(tmp_path)
    assert "torn last line" in caplog.text
    assert [d["id"] for d in again.table("tasks").all()] == ["kept"]
    again.table("tasks").insert({"id": "after"})  # appends start on a clean line
    again.close(compact=False)
    final = open_store(tmp_path)
    assert sorted(d["id"] for d in final.table("tasks").all()) == ["after", "kept"]
    final.close()


def test_damage_before_the_last_line_refuses_to_open(tmp_path: Path) -> None:
    store = _open(tmp_path)
    for i in range(3):
        store.table("tasks").insert({"id": f"t{i}"})
    store.close(compact=False)
    path = tmp_path / "journal.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"t1", b"tX")  # checksum no longer matches
    path.write_bytes(b"".join(lines))
    with pytest.raises(StoreCorrupt, match="damaged at line 2"):
        open_store(tmp_path)


def test_corrupt_snapshot_stops_the_start_instead_of_starting_empty(tmp_path: Path) -> None:
    store = _open(tmp_path)
    store.table("tasks").insert({"id": "t1"})
    store.close()  # writes the snapshot
    snap = tmp_path / "snapshot.jsonl"
    snap.write_bytes(snap.read_bytes()[:-20])
    with pytest.raises(StoreCorrupt, match=r"snapshot\.jsonl is damaged"):
        open_store(tmp_path)
    # and the lock was released: a fixed folder can be opened again
    snap.unlink()
    (tmp_path / "journal.jsonl").write_bytes(b"")
    open_store(tmp_path).close()


def test_compaction_writes_a_snapshot_and_empties_the_journal(tmp_path: Path) -> None:
    store = _open(tmp_path)
    for i in range(50):
        store.table("tasks").insert({"id": f"t{i}"})
    assert store.journal_bytes > 0
    store.compact()
    assert store.journal_bytes == 0
    store.table("tasks").insert({"id": "late"})
    store.close(compact=False)
    again = open_store(tmp_path)
    assert len(again.table("tasks")) == 51
    assert again.seq == 51
    again.close()


def test_second_writer_is_told_which_process_holds_the_folder(tmp_path: Path) -> None:
    store = _open(tmp_path, purpose="branchdesk serve")
    store.set_holder_info(url="http://127.0.0.1:8750")
    with pytest.raises(DataFolderBusy) as caught:
        open_store(tmp_path)
    message = str(caught.value)
    assert "branchdesk serve" in message and "http://127.0.0.1:8750" in message
    assert f"pid {caught.value.holder['pid']}" in message
    reader = open_store(tmp_path, readonly=True)  # reading needs no lock
    store.table("tasks").insert({"id": "t1"})
    assert len(reader.table("tasks")) == 0  # a snapshot in time
    with pytest.raises(ReadOnlyStore):
        reader.table("tasks").insert({"id": "t2"})
    store.close()
    open_store(tmp_path).close()  # released on close


def test_folder_written_by_a_newer_program_is_refused(tmp_path: Path) -> None:
    _open(tmp_path).close()
    (tmp_path / "format.json").write_text('{"app": "branchdesk", "schema": 99}')
    with pytest.raises(StoreError, match="newer BranchDesk"):
        open_store(tmp_path)


def test_migration_runs_once_and_upgrades_the_schema(tmp_path: Path) -> None:
    specs = {"things": TableSpec(indexes=lambda: [HashIndex("colour", lambda d: d.get("colour"))])}
    store = Store.open(tmp_path, specs=specs, schema=1, create=True)
    store.table("things").insert({"id": "a", "color": "red"})
    store.close()

    def rename_colour(tables: dict) -> None:
        for doc in tables.get("things", {}).values():
            doc["colour"] = doc.pop("color")

    upgraded = Store.open(tmp_path, specs=specs, schema=2, migrations={1: rename_colour})
    assert upgraded.table("things").doc("a") == {"id": "a", "colour": "red"}
    assert upgraded.table("things").index("colour").get("red") == {"a"}
    upgraded.close()
    assert '"schema": 2' in (tmp_path / "format.json").read_text()


def test_unknown_folder_is_not_mistaken_for_an_empty_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not ours")
    with pytest.raises(StoreError, match="not a BranchDesk data folder"):
        open_store(tmp_path, create=True)
    with pytest.raises(StoreError, match="branchdesk init"):
        open_store(tmp_path / "missing")


def test_sorted_index_prefix_and_range(empty_store: Store) -> None:
    ix = SortedIndex("k", lambda d: d.get("k"))
    for i, key in enumerate(["wl", "wang", "wangli", "zs", "wl"]):
        ix.add(f"d{i}", {"k": key})
    assert sorted(ix.prefix("wl")) == ["d0", "d4"]
    assert sorted(ix.prefix("wang")) == ["d1", "d2"]
    ix.discard("d0", {"k": "wl"})
    assert list(ix.prefix("wl")) == ["d4"]
    assert [k for k, _ in ix.range("wb", "wz")] == ["wl"]


def test_deferred_commits_are_journaled_and_wait_for_one_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    syncs: list[int] = []
    real = os.fdatasync

    def counted(fd: int) -> None:
        syncs.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fdatasync", counted)
    store = _open(tmp_path)
    tasks = store.table("tasks")
    tasks.insert({"id": "inline"})
    assert len(syncs) == 1 and store.journal_durable == store.journal_appended
    with store.deferred_sync() as deferred:
        for i in range(5):
            tasks.insert({"id": f"t{i}"})
    assert len(syncs) == 1  # journaled, not yet fsync'd
    assert store.journal_durable < deferred.upto == store.journal_appended
    store.sync_journal()  # one fsync for the five
    assert len(syncs) == 2 and store.journal_durable == deferred.upto
    with store.deferred_sync():
        tasks.insert({"id": "late"})
    store.close(compact=False)  # closing syncs what is left
    assert len(syncs) == 3
    again = open_store(tmp_path)
    assert len(again.table("tasks")) == 7
    again.close()


def test_compaction_makes_deferred_commits_durable(empty_store: Store) -> None:
    with empty_store.deferred_sync():
        empty_store.table("tasks").insert({"id": "t1"})
    assert empty_store.journal_durable < empty_store.journal_appended
    empty_store.compact()  # the snapshot holds it
    assert empty_store.journal_durable == empty_store.journal_appended


def test_insert_later_waits_for_write_later_only_where_promised(tmp_path: Path) -> None:
    store = _open(tmp_path)
    audit = store.table("audit")
    store.insert_later("audit", {"id": "at-once"})  # nobody promised to write it later
    with store.deferred_sync():
        store.insert_later("audit", {"id": "no-promise"})
    assert {"at-once", "no-promise"} <= set(audit._read_table())
    with store.deferred_sync(inserts_later=True) as deferred:
        appended = store.journal_appended
        store.insert_later("audit", {"id": "v1"})
        store.insert_later("audit", {"id": "v2"})
    assert deferred.left_inserts and store.inserts_waiting
    assert "v1" not in audit and store.journal_appended == appended
    store.write_later()  # both in one journal record
    assert "v1" in audit and "v2" in audit and not store.inserts_waiting
    records = (tmp_path / "journal.jsonl").read_bytes().splitlines()
    assert b'"v1"' in records[-1] and b'"v2"' in records[-1]
    with store.deferred_sync(inserts_later=True):
        store.insert_later("audit", {"id": "v3"})
    store.close(compact=False)  # closing writes (and syncs) what is left
    again = open_store(tmp_path)
    assert {"v1", "v2", "v3"} <= set(again.table("audit")._read_table())
    again.close()
