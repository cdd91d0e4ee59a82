"""Preview → apply → undo on the demo branch's data folder: one transaction each, handover
tasks, the audit trail, a stale preview refused, later changes never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchdesk import assignment, audit
from branchdesk.book import ClientBook
from branchdesk.errors import Conflict
from branchdesk.schema import open_store
from branchdesk.store import Store
from branchdesk.tasks import TaskBook

ACTOR = "manager"


def owners(store: Store) -> dict[str, str | None]:
    return {k: d.get("advisor_id") for k, d in store.table("clients")._read_table().items()}


def test_apply_moves_exactly_the_previewed_clients_with_handover_tasks(demo_store) -> None:
    plan = assignment.preview(demo_store, actor=ACTOR)
    before = owners(demo_store)
    assert plan.moves and plan.totals.moves == len(plan.moves)
    applied = assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    after = owners(demo_store)
    moved = {m.account_id: m.to_id for m in applied.moves}
    assert {k for k in after if after[k] != before[k]} == set(moved)
    assert all(after[k] == v for k, v in moved.items())
    tasks = TaskBook(demo_store)
    for move in applied.moves[:20]:
        task = tasks.get(move.task_id)
        assert task.purpose == "handover" and task.assignee == move.to_id
        assert task.status == "planned" and task.notes  # the reason, in words
    stored = assignment.get_plan(demo_store, plan.id)
    assert stored.status == "applied" and stored.applied_by == ACTOR


def test_the_plan_survives_reopening_the_data_folder(demo_folder: Path) -> None:
    store = open_store(demo_folder)
    plan = assignment.preview(store, actor=ACTOR)
    assignment.apply_plan(store, plan.id, actor=ACTOR)
    moved = {m.account_id: m.to_id for m in plan.moves}
    store.close(compact=False)  # only the journal holds it now
    again = open_store(demo_folder)
    try:
        assert assignment.get_plan(again, plan.id).status == "applied"
        assert all(again.table("clients").doc(k)["advisor_id"] == v for k, v in moved.items())
    finally:
        again.close(compact=False)


def test_a_second_preview_after_apply_moves_no_one(demo_store) -> None:
    plan = assignment.preview(demo_store, actor=ACTOR)
    assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    assert assignment.preview(demo_store, actor=ACTOR).moves == []


def test_a_stale_preview_is_refused_and_nothing_changes(demo_store) -> None:
    plan = assignment.preview(demo_store, actor=ACTOR)
    book = ClientBook(demo_store)
    someone = plan.moves[0].account_id
    client = book.get(someone)
    book.update(someone, {"advisor_id": "A01"}, actor=ACTOR, expected_version=client.version)
    before = owners(demo_store)
    with pytest.raises(Conflict, match="changed since"):
        assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    assert owners(demo_store) == before
    assert assignment.get_plan(demo_store, plan.id).status == "preview"


def test_asset_updates_do_not_make_a_preview_stale(demo_store) -> None:
    plan = assignment.preview(demo_store, actor=ACTOR)
    table = demo_store.table("clients")
    doc = table.doc(plan.moves[0].account_id)
    table.put({**doc, "total_assets": doc["total_assets"] + 1000, "version": doc["version"] + 1})
    assert assignment.apply_plan(demo_store, plan.id, actor=ACTOR).status == "applied"


def test_applying_twice_is_a_conflict(demo_store) -> None:
    plan = assignment.preview(demo_store, actor=ACTOR)
    assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    with pytest.raises(Conflict, match="only a preview"):
        assignment.apply_plan(demo_store, plan.id, actor=ACTOR)


def test_undo_restores_all_but_the_clients_reassigned_since(demo_store) -> None:
    before = owners(demo_store)
    plan = assignment.apply_plan(
        demo_store, assignment.preview(demo_store, actor=ACTOR).id, actor=ACTOR
    )
    changed = plan.moves[0]
    book = ClientBook(demo_store)
    current = book.get(changed.account_id)
    other = "A01" if changed.to_id != "A01" else "A02"
    book.update(
        changed.account_id, {"advisor_id": other}, actor=ACTOR, expected_version=current.version
    )
    undone = assignment.undo_plan(demo_store, plan.id, actor=ACTOR)
    assert undone.status == "undone"
    assert [u.account_id for u in undone.not_restored] == [changed.account_id]
    assert undone.not_restored[0].reason.code == "changed"
    after = owners(demo_store)
    assert after[changed.account_id] == other  # never overwritten
    assert {k for k in after if after[k] != before[k]} == {changed.account_id}
    tasks = TaskBook(demo_store)
    assert tasks.get(plan.moves[1].task_id).status == "cancelled"
    with pytest.raises(Conflict):
        assignment.undo_plan(demo_store, plan.id, actor=ACTOR)


def test_preview_apply_and_undo_are_in_the_audit_trail(demo_store) -> None:
    plan = assignment.preview(demo_store, actor=ACTOR)
    assignment.apply_plan(demo_store, plan.id, actor=ACTOR)
    assignment.undo_plan(demo_store, plan.id, actor=ACTOR)
    events, _ = audit.query(demo_store, entity_id=plan.id)
    assert [e.action for e in reversed(events)] == ["plan.preview", "plan.apply", "plan.undo"]
    assert f"{plan.totals.moves} moves" in events[-1].detail
    trail, _ = audit.query(demo_store, entity_id=plan.moves[0].account_id, action="client.reassign")
    assert len(trail) == 2  # moved, then moved back
    assert trail[-1].after == {"advisor_id": plan.moves[0].to_id, "advisor_since": "2026-11-25"}
