"""Snapshots keep every document exactly, stay small in memory, and old ones still load."""

from __future__ import annotations

import gc
import math
from pathlib import Path

import orjson
import pytest

from branchdesk.errors import StoreCorrupt
from branchdesk.schema import open_store
from branchdesk.store import Store, TableSpec

TRICKY = [
    {"id": "a", "n": 1, "flag": True, "x": 0.0, "tags": ["vip"], "meta": {"k": [1, 2]}},
    {"id": "b", "n": 1.0, "flag": 1, "x": -0.0, "tags": ["vip"], "meta": None},
    {"id": "c", "n": True, "flag": False, "x": 1.5e308, "tags": [], "meta": {"k": "v"}},
    {"id": "d", "n": None, "flag": None, "x": 1e-300, "tags": None, "meta": {}},
    {"id": "e", "name": "只有名字"},  # other keys: a second group
    {"id": 7, "n": 2**40, "note": "the id is an int; its document id is the text '7'"},
]


def _reopened(tmp_path: Path, docs: list[dict]) -> Store:
    store = Store.open(tmp_path, specs={"things": TableSpec()}, schema=1, create=True)
    store.table("things").insert_multiple(docs)
    store.close()  # compacts: everything goes through the snapshot
    assert (tmp_path / "journal.jsonl").stat().st_size == 0
    return Store.open(tmp_path, specs={"things": TableSpec()}, schema=1)


def _typed(value: object) -> object:
    """A value with its type and sign spelled out: 1 == 1.0 == True, 0.0 == -0.0."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, float):
        return ("float", math.copysign(1.0, value), repr(value))
    return (type(value).__name__, value)


def test_every_value_comes_back_with_its_type_sign_and_key_order(tmp_path: Path) -> None:
    store = _reopened(tmp_path, TRICKY)
    things = store.table("things")
    for doc in TRICKY:
        got = things.doc(str(doc["id"]))
        assert list(got) == list(doc)
        assert _typed(got) == _typed(doc)
    store.close()


def test_lists_are_never_shared_between_documents(tmp_path: Path) -> None:
    store = _reopened(tmp_path, TRICKY)
    things = store.table("things")
    assert things.doc("a")["tags"] == things.doc("b")["tags"] == ["vip"]
    assert things.doc("a")["tags"] is not things.doc("b")["tags"]
    store.close()


def test_a_read_document_is_a_copy_that_changes_nothing(tmp_path: Path) -> None:
    store = _reopened(tmp_path, TRICKY)
    things = store.table("things")
    doc = things.doc("a")
    doc["n"] = 99
    assert things.doc("a")["n"] == 1
    assert things.get(doc_id="a")["n"] == 1
    store.close()


def test_repeated_values_are_stored_once_after_reopening(demo_folder: Path) -> None:
    """What keeps a 50,000-client book small: 200,000 tasks share their "done",
    "phone", "A03" … instead of carrying a copy each."""
    store = open_store(demo_folder)
    tasks = list(store.table("tasks")._read_table().values())
    done = [t["status"] for t in tasks if t["status"] == "done"]
    assert len(done) > 100
    assert len({id(s) for s in done}) == 1
    store.close(compact=False)


def test_a_version_1_snapshot_still_opens(tmp_path: Path) -> None:
    docs = {"t1": {"id": "t1", "status": "planned", "due_date": "2026-12-01"}}
    meta = {"format": "branchdesk-snapshot/1", "seq": 3, "schema": 1, "counts": {"tasks": 1}}
    table = {"table": "tasks", "docs": docs}
    (tmp_path / "snapshot.jsonl").write_bytes(
        orjson.dumps(meta) + b"\n" + orjson.dumps(table) + b"\n"
    )
    (tmp_path / "format.json").write_text('{"app": "branchdesk", "schema": 1}')
    store = open_store(tmp_path)
    assert store.table("tasks").doc("t1") == docs["t1"]
    assert list(store.table("tasks").index("planned_due").prefix("2026-12")) == ["t1"]
    assert store.seq == 3
    store.table("tasks").insert({"id": "t2", "status": "done"})
    store.close()  # the next snapshot is written in the current format
    assert b"branchdesk-snapshot/2" in (tmp_path / "snapshot.jsonl").read_bytes()
    again = open_store(tmp_path)
    assert sorted(again.table("tasks")._read_table()) == ["t1", "t2"]
    again.close()


def test_a_snapshot_with_a_bad_reference_refuses_to_open(tmp_path: Path) -> None:
    store = open_store(tmp_path, create=True)
    store.table("tasks").insert_multiple({"id": f"t{i}", "status": "done"} for i in range(3))
    store.close()
    path = tmp_path / "snapshot.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if b'"refs"' in line)  # the status column
    column = orjson.loads(lines[n])
    assert column["values"] == ["done"]
    column["refs"] = "BQUF"  # three refs to value 5, which does not exist
    lines[n] = orjson.dumps(column) + b"\n"
    path.write_bytes(b"".join(lines))
    with pytest.raises(StoreCorrupt, match=r"snapshot\.jsonl is damaged"):
        open_store(tmp_path)


def test_opening_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    open_store(tmp_path, create=True).close()
    assert gc.isenabled()
    open_store(tmp_path).close()
    assert gc.isenabled()
    gc.disable()
    try:
        open_store(tmp_path).close()
        assert not gc.isenabled()
    finally:
        gc.enable()
