"""The regulatory-callback report for compliance (``branchdesk callbacks report``).

In two steps, so a server can keep its event loop free: :func:`report_inputs` reads what
the report needs from the store (columns and the callback tasks, on the loop, where
every store access belongs), :func:`build_report` does the rest — working out the year's
population from the histories, one row per callback, the totals — without touching the
store, so it may run in a worker thread."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from ..models import CareRules, Purpose
from ..models.service_api import CallbackReport, CallbackRow
from ..rules import get_rules
from ..store import Store
from .bulk import without_gc
from .callbacks import PopulationInputs, population_inputs, population_of


@dataclass(frozen=True)
class ReportInputs:
    year: int
    window_days: int
    yearly_share: float
    population: PopulationInputs
    tasks: list[dict]  # the year's callback tasks
    clients: dict[str, tuple[str, str | None]]  # account id → (name, open date)


@without_gc
def report_inputs(store: Store, year: int) -> ReportInputs:
    """Everything the report reads from the store."""
    care = get_rules(store, CareRules)
    low, high = f"{year}-01-01", f"{year}-12-31"
    annual = f"callback:annual:{year}:"
    tasks = store.table("tasks")
    ids = list(tasks._read_table())
    picked = [
        task_id
        for task_id, purpose, key, due in zip(
            ids, *tasks.columns(ids, "purpose", "occasion", "due_date"), strict=True
        )
        if purpose == Purpose.CALLBACK.value
        and ((key or "").startswith(annual) or low <= due <= high)
    ]
    docs = list(map(tasks._read_table().__getitem__, picked))
    accounts = sorted({d["account_id"] for d in docs})
    clients = store.table("clients")
    names, opened = clients.columns(accounts, "name", "open_date")
    return ReportInputs(
        year=year,
        window_days=care.callback_new_account_days,
        yearly_share=care.callback_yearly_share,
        population=population_inputs(store, year),
        tasks=docs,
        clients=dict(zip(accounts, zip(names, opened, strict=True), strict=True)),
    )


@without_gc
def build_report(inputs: ReportInputs) -> CallbackReport:
    """The report from its inputs; touches no store (safe in a worker thread)."""
    _, people = population_of(inputs.population)
    window = timedelta(days=inputs.window_days)
    rows = []
    for doc in inputs.tasks:
        key = doc.get("occasion") or ""
        name, opened_iso = inputs.clients.get(doc["account_id"], ("", None))
        kind = (
            "annual"
            if key.startswith("callback:annual:")
            else ("new_account" if key.startswith("callback:new:") else "other")
        )
        done_at = doc.get("done_at")
        done_on = date.fromisoformat(done_at[:10]) if done_at else None
        opened = date.fromisoformat(opened_iso) if opened_iso else None
        on_time = None
        if kind == "new_account" and opened and done_on:
            on_time = doc["status"] == "done" and done_on <= opened + window
        rows.append(
            CallbackRow(
                task_id=doc["id"],
                account_id=doc["account_id"],
                name=name or "",
                kind=kind,
                due_date=date.fromisoformat(doc["due_date"]),
                status=doc["status"],
                outcome=doc.get("outcome"),
                attempts=doc.get("attempts", 0),
                flagged=doc.get("flagged", False),
                done_by=doc.get("done_by"),
                done_on=done_on,
                opened=opened,
                on_time=on_time,
            )
        )
    rows.sort(key=lambda r: (r.due_date, r.account_id))
    done = [r for r in rows if r.status == "done"]
    return CallbackReport(
        year=inputs.year,
        population=len(people),
        required=math.ceil(inputs.yearly_share * len(people)),
        annual=sum(r.kind == "annual" for r in rows),
        new_accounts=sum(r.kind == "new_account" for r in rows),
        done=len(done),
        reached=sum(r.outcome not in (None, "not_reached") for r in done),
        not_reached=sum(r.outcome == "not_reached" for r in rows),
        flagged=sum(r.flagged for r in rows),
        planned=sum(r.status == "planned" for r in rows),
        rows=rows,
    )


def callback_report(store: Store, year: int) -> CallbackReport:
    """Every callback of ``year`` for compliance: who, when, how it went, and whether the
    yearly share and the new-account window were met."""
    return build_report(report_inputs(store, year))
