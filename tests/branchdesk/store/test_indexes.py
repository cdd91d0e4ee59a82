"""Indexes built at load (from columns of rows) agree with indexes kept up write by write."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchdesk.store import HashIndex, SortedIndex, Store, TableSpec


def _indexes() -> list:
    return [
        HashIndex("colour", on="colour"),
        HashIndex("tail", lambda phone: phone[-2:] if phone else None, on="phone"),
        HashIndex("chars", lambda name: name or "", on="name", multi=True),
        HashIndex("pair", lambda a, b: (a, b) if a and b else None, on=("colour", "size")),
        HashIndex("whole", lambda d: d.get("size")),  # no `on`: gets the whole document
        SortedIndex("name", on="name"),
        SortedIndex(
            "words", lambda a, b: f"{a or ''} {b or ''}".split(), on=("w1", "w2"), multi=True
        ),
    ]


DOCS = [
    {"id": "1", "colour": "red", "phone": "13800000012", "name": "王丽", "size": 3, "w1": "wl"},
    {"id": "2", "colour": "red", "phone": None, "name": "王磊", "size": None, "w2": "wl wanglei"},
    {"id": "3", "colour": "blue", "name": "李娜"},  # other keys: a second shape
    {"id": "4", "size": 3, "phone": "010-88880012"},
    {"id": "5", "colour": None, "name": "", "w1": None},
]


def _state(store: Store) -> dict:
    out = {}
    for name, ix in store.table("things").indexes.items():
        if isinstance(ix, HashIndex):  # the ids of a key in any order
            out[name] = {k: set(ids) for k, ids in ix._map.items()}
        else:
            out[name] = list(ix._items)
    return out


def test_indexes_built_at_load_match_those_kept_by_each_write(tmp_path: Path) -> None:
    specs = {"things": TableSpec(indexes=_indexes)}
    store = Store.open(tmp_path, specs=specs, schema=1, create=True)
    store.build_indexes()  # else writes leave them to be built on first use
    for doc in DOCS:
        store.table("things").insert(doc)
    store.table("things").update({"colour": "green"}, doc_ids=["3"])
    store.table("things").remove(doc_ids=["5"])
    kept = _state(store)
    store.close()  # a snapshot: reopening builds every index from rows, in batches
    again = Store.open(tmp_path, specs=specs, schema=1)
    assert _state(again) == kept
    assert kept["tail"] == {"12": {"1", "4"}}
    assert kept["pair"] == {("red", 3): {"1"}}
    assert sorted(again.table("things").index("words").prefix("wl")) == ["1", "2"]
    again.close()


def test_small_batches_build_the_same_indexes(tmp_path: Path) -> None:
    specs = {"things": TableSpec(indexes=_indexes)}
    store = Store.open(tmp_path, specs=specs, schema=1, create=True)
    store.table("things").insert_multiple(DOCS)
    whole = _state(store)
    store.table("things").rebuild_indexes(chunk=2)
    assert _state(store) == whole
    store.close()


def test_an_index_needs_a_key_function_or_one_field() -> None:
    with pytest.raises(ValueError, match="key function or exactly one field"):
        HashIndex("nothing")
    with pytest.raises(ValueError, match="key function or exactly one field"):
        SortedIndex("two", on=("a", "b"))


def test_put_many_indexes_new_documents_as_one_batch_and_rolls_back(tmp_path: Path) -> None:
    specs = {"things": TableSpec(indexes=_indexes)}
    one_by_one = Store.open(tmp_path / "a", specs=specs, schema=1, create=True)
    one_by_one.build_indexes()
    for doc in DOCS:
        one_by_one.table("things").put(doc)
    batched = Store.open(tmp_path / "b", specs=specs, schema=1, create=True)
    batched.build_indexes()
    things = batched.table("things")
    things.put(DOCS[0])
    things.put_many([{**DOCS[0], "colour": "blue"}, *DOCS[1:]])  # one old, four new
    one_by_one.table("things").update({"colour": "blue"}, doc_ids=["1"])
    assert _state(batched) == _state(one_by_one)
    before = _state(batched)
    with pytest.raises(RuntimeError), batched.transaction():
        things.put_many([{"id": "6", "colour": "red", "name": "王五"}, {"id": "7"}])
        raise RuntimeError("undo both")
    assert "6" not in things and _state(batched) == before
    batched.close()
    again = Store.open(tmp_path / "b", specs=specs, schema=1)  # what was written agrees
    assert _state(again) == before
    again.close()
    one_by_one.close()


def test_insert_multiple_refuses_a_taken_or_repeated_key_and_writes_nothing(
    tmp_path: Path,
) -> None:
    specs = {"things": TableSpec(indexes=_indexes)}
    store = Store.open(tmp_path, specs=specs, schema=1, create=True)
    store.build_indexes()
    things = store.table("things")
    assert things.insert_multiple(DOCS[:2]) == ["1", "2"]
    before = _state(store)
    with pytest.raises(ValueError, match="ID 2 already exists"):
        things.insert_multiple([DOCS[2], DOCS[1]])
    with pytest.raises(ValueError, match="same key twice"):
        things.insert_multiple([DOCS[3], DOCS[3]])
    assert len(things) == 2 and _state(store) == before
    things.insert_multiple(DOCS[2:])
    one_by_one = Store.open(tmp_path / "b", specs=specs, schema=1, create=True)
    one_by_one.build_indexes()
    for doc in DOCS:
        one_by_one.table("things").insert(doc)
    assert _state(store) == _state(one_by_one)
    store.close()
    one_by_one.close()


def test_writes_before_the_indexes_are_built_leave_them_to_be_built_once(tmp_path: Path) -> None:
    # A command that opens a folder and writes (a CLI import) never pays for indexes it
    # never reads; whoever reads one later finds every write in it.
    specs = {"things": TableSpec(indexes=_indexes)}
    kept = Store.open(tmp_path / "a", specs=specs, schema=1, create=True)
    kept.build_indexes()
    lazy = Store.open(tmp_path / "b", specs=specs, schema=1, create=True)
    for store in (kept, lazy):
        things = store.table("things")
        things.put_many(DOCS[:3])
        things.put(DOCS[3])
        things.put({**DOCS[0], "colour": "blue"})
        with pytest.raises(RuntimeError), store.transaction():
            things.put_many([DOCS[4], {"id": "6", "name": "王五"}])
            things.remove(doc_ids=["2"])
            raise RuntimeError("undo all three")
    assert not lazy.table("things").indexes_built
    assert _state(lazy) == _state(kept)
    assert lazy.table("things").indexes_built
    assert sorted(lazy.table("things").index("words").prefix("wl")) == ["1", "2"]
    lazy.close()
    kept.close()


def test_put_many_owned_takes_the_callers_new_documents_and_journals_them(
    tmp_path: Path,
) -> None:
    specs = {"things": TableSpec(indexes=_indexes)}
    store = Store.open(tmp_path, specs=specs, schema=1, create=True)
    store.build_indexes()
    handed = [dict(d) for d in DOCS]
    with store.transaction():
        store.table("things").put_many(handed, owned=True)
        assert handed == [None] * len(DOCS)  # let go of as they were stored
    kept = _state(store)
    store.close(compact=False)  # reopening replays the journal record
    again = Store.open(tmp_path, specs=specs, schema=1)
    assert [again.table("things").doc(d["id"]) for d in DOCS] == DOCS
    assert _state(again) == kept
    again.close()
