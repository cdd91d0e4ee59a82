"""Writing a plan: every document, the new clients' assignment and one summary audit
entry, in ONE transaction — one journal record, so a crash mid-import leaves the book
exactly as it was, and a finished import is all there."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from .. import audit
from ..store import Store
from .plan import Plan

#: above this many changed documents for one table (and a twentieth of it), its indexes
#: are rebuilt once after the writes instead of being kept up to date document by document
BULK_DOCS = 1000


def _is_bulk(store: Store, name: str, docs: list) -> bool:
    # New documents are indexed as one batch by put_many whatever their number; each
    # changed one costs a list insertion (a pass over the index) per sorted index whose
    # key it changes. Rebuilding, a pass over the whole table, is cheaper past this.
    table = store.table(name)
    changed = sum(1 for doc in docs if table._key_of(doc) in table)
    return changed > max(BULK_DOCS, len(table) // 20)


def apply_plan(store: Store, plan: Plan, *, actor: str, import_id: str, file_name: str) -> float:
    """Store the plan's documents; returns the seconds it took (on the server this is
    the time the event loop is held)."""
    started = time.perf_counter()
    bulk = [store.table(name) for name, docs in plan.puts.items() if _is_bulk(store, name, docs)]
    with store.transaction():
        if plan.kind.name == "clients" and plan.created:
            # Before the write: the new clients' documents get their advisors, so each
            # is written (journaled, indexed) once.
            _place_new_clients(store, plan.puts.get("clients", []), plan.created, actor)
        with _indexes_rebuilt_after(bulk):
            for name in list(plan.puts):
                # The table keeps the documents themselves (the plan lets go of them).
                store.table(name).put_many(plan.puts.pop(name), owned=True)
        audit.record(
            store,
            actor=actor,
            action=f"import.{plan.kind.name}",
            entity="imports",
            entity_id=import_id,
            detail=summary_text(plan, file_name),
        )
    return time.perf_counter() - started


def summary_text(plan: Plan, file_name: str) -> str:
    return (
        f"{file_name or 'rows'}: {plan.rows} rows, {len(plan.created)} created, "
        f"{plan.updated} updated, {plan.unchanged} unchanged, {plan.rejected} rejected"
    )


def _place_new_clients(store: Store, docs: list[dict], account_ids: list[str], actor: str) -> None:
    """New clients from an import get advisors by the branch's assignment rules without
    moving anyone else (存量客户分配); one whose row names an able advisor keeps them.
    It runs inside the import's transaction, so the plan it records shares the one
    journal record."""
    from ..assignment import place_new  # numpy and OR-Tools: loaded only when needed

    place_new(store, docs, account_ids, actor=actor)


@contextmanager
def _indexes_rebuilt_after(tables: list) -> Iterator[None]:
    """Detach the indexes of ``tables`` during a big write, then rebuild them once.

    Keeping a sorted index right costs a list insertion per document (O(n) each), so
    100,000 new clients took tens of seconds; one rebuild sorts once. Nothing reads the
    tables in between: the server applies on its event loop and the CLI is one thread.
    (This belongs in the store's ``put_many``; it sits here to leave the store alone
    while its own rework is under way.)"""
    tables = [table for table in tables if table.indexes_built]  # else nothing to keep right
    held = [(table, table.indexes) for table in tables]
    for table in tables:
        table.indexes = {}
    try:
        yield
    finally:
        for table, indexes in held:
            table.indexes = indexes
            table.rebuild_indexes()
