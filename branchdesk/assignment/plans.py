"""Plans in the store: preview → apply → undo, each write one transaction, all audited.

A preview is stored with the fingerprint (*basis*) of the book it was computed from.
Applying it re-reads the book and refuses (409) if anything that decides assignment has
changed since; otherwise every move, its handover task and its audit entry are written in
one transaction, with the state each client had before. Undo puts back the clients whose
assignment nobody has changed since; the others are listed, never overwritten.

"Changed since" means the assignment (advisor or advisor-since date), not any field: the
daily import touches most clients' assets, and that must not make an undo impossible."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

import msgspec

from .. import audit
from ..errors import Conflict, Invalid, NotFound
from ..models import Channel, ChannelCosts, Purpose, now, today
from ..models.assignment import (
    Plan,
    PlanKind,
    PlanStatus,
    PlanSummary,
    PreviewRequest,
    Reason,
    ReasonCode,
    Unplaceable,
)
from ..rules import get_rules
from ..store import Store
from ..tasks import TaskBook
from .eligibility import away_reason
from .planner import EVERYONE, Scope, compute
from .reasons import reason_text
from .rules import AssignmentRules
from .snapshot import Snapshot, quiet_gc, take

TABLE = "plans"


@dataclass(frozen=True)
class PlanJob:
    """A plan to compute: the snapshot (taken on the store's thread) and what to plan.
    ``run`` is pure CPU work and may go to a worker thread."""

    snapshot: Snapshot
    kind: PlanKind = PlanKind.REBALANCE
    scope: Scope = EVERYONE
    advisor_id: str | None = None
    until: date | None = None

    def run(self) -> Plan:
        return compute(
            self.snapshot,
            kind=self.kind,
            scope=self.scope,
            advisor_id=self.advisor_id,
            until=self.until,
        )


def job_for(store: Store, request: PreviewRequest | None = None, on: date | None = None) -> PlanJob:
    """What a preview request asks for. With an advisor: only their clients move — a
    departure plan when they have left, a leave plan (to backups, temporary) when away."""
    request = request or PreviewRequest()
    on = on or today()
    rules = get_rules(store, AssignmentRules)
    overrides = {}
    if request.balance is not None:
        overrides["balance"] = request.balance
    if request.tolerance is not None:
        overrides["tolerance"] = request.tolerance
    if overrides:
        rules = msgspec.structs.replace(rules, **overrides)
    snap = take(store, on, rules)
    if request.advisor_id is None:
        return PlanJob(snap)
    advisor = next((a for a in snap.advisors if a.id == request.advisor_id), None)
    if advisor is None:
        raise Invalid(f"no advisor {request.advisor_id!r}", field="advisor_id")
    book = frozenset(i for i, a in zip(snap.ids, snap.advisor_ids, strict=True) if a == advisor.id)
    away = away_reason(advisor, on)
    if away is ReasonCode.DEPARTED:
        return PlanJob(snap, PlanKind.DEPARTURE, Scope(book), advisor.id)
    if away is ReasonCode.ON_LEAVE:
        return PlanJob(
            snap, PlanKind.LEAVE, Scope(book, to_backup=True), advisor.id, advisor.leave_to
        )
    return PlanJob(snap, PlanKind.REBALANCE, Scope(book), advisor.id)


def save_preview(
    store: Store, plan: Plan, *, actor: str, names: Callable[[str], str] | None = None
) -> Plan:
    """Store a computed plan as a preview, with the clients' names: from the book, or
    from ``names`` (an import's clients about to be written are not in the book yet)."""
    name_of = names or partial(store.table("clients").value, key="name", default="")
    for item in (*plan.moves, *plan.unplaceable):
        item.name = name_of(item.account_id) or ""
    plan.id = f"P{now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    plan.created_at, plan.created_by, plan.version = now(), actor, 1
    with quiet_gc(), store.transaction():
        store.table(TABLE).insert(msgspec.to_builtins(plan))
        audit.record(
            store,
            actor=actor,
            action="plan.preview",
            entity=TABLE,
            entity_id=plan.id,
            detail=_summary(plan),
        )
    return plan


def preview(
    store: Store, request: PreviewRequest | None = None, *, actor: str, on: date | None = None
) -> Plan:
    """Compute and store a preview in one go (the CLI; the server splits it up)."""
    return save_preview(store, job_for(store, request, on).run(), actor=actor)


def get_plan(store: Store, plan_id: str) -> Plan:
    doc = store.table(TABLE).doc(plan_id)
    if doc is None:
        raise NotFound("plan", plan_id)
    return msgspec.convert(doc, Plan)


def list_plans(store: Store, *, limit: int = 50) -> list[PlanSummary]:
    """The newest plans first (ids sort by creation time)."""
    table = store.table(TABLE)
    ids = sorted(table._read_table(), reverse=True)[:limit]
    return [PlanSummary.of(msgspec.convert(table.doc(i), Plan)) for i in ids]


def apply_plan(store: Store, plan_id: str, *, actor: str, on: date | None = None) -> Plan:
    """Carry out a preview. 409 if it was applied already or the book changed since."""
    plan = get_plan(store, plan_id)
    if plan.status is not PlanStatus.PREVIEW:
        raise Conflict(f"plan {plan_id} is {plan.status.value}; only a preview can be applied")
    on = max(on or today(), plan.on)
    rules = msgspec.structs.replace(
        get_rules(store, AssignmentRules), balance=plan.balance, tolerance=plan.tolerance
    )
    if take(store, on, rules).basis != plan.basis:
        raise Conflict(
            f"the book has changed since plan {plan_id} was made (clients, advisors or rules); "
            "make a new preview"
        )
    return write_applied(store, plan, actor=actor, on=on)


def write_applied(
    store: Store,
    plan: Plan,
    *,
    actor: str,
    on: date,
    handover: bool = True,
    audit_clients: bool = True,
) -> Plan:
    """Move the clients, record their state before, create the handover tasks, audit —
    all in one transaction."""
    rules = get_rules(store, AssignmentRules)
    call_cost = get_rules(store, ChannelCosts).costs[Channel.PHONE]
    clients = store.table("clients")
    tasks = TaskBook(store)
    stamp = now()
    with quiet_gc(), store.transaction():
        for move in plan.moves:
            doc = clients.doc(move.account_id)
            if doc is None or doc.get("advisor_id") != move.from_id:
                raise Conflict(f"client {move.account_id} is no longer with {move.from_id}")
            since = doc.get("advisor_since")
            move.since_before = date.fromisoformat(since) if since else None
            _reassign(store, doc, move.to_id, on.isoformat(), stamp.isoformat())
            if audit_clients:
                audit.record(
                    store,
                    actor=actor,
                    action="client.reassign",
                    entity="clients",
                    entity_id=move.account_id,
                    before={"advisor_id": move.from_id, "advisor_since": since},
                    after={"advisor_id": move.to_id, "advisor_since": on.isoformat()},
                    detail=f"plan {plan.id} ({plan.kind.value}): {move.reason.code.value}",
                    at=stamp,
                )
            if handover:
                task = tasks.create(
                    {
                        "account_id": move.account_id,
                        "channel": Channel.PHONE,
                        "cost": call_cost,
                        "purpose": Purpose.HANDOVER,
                        "due_date": on + timedelta(days=rules.handover_days),
                        "assignee": move.to_id,
                        "notes": reason_text(move.reason, "zh"),
                        "occasion": f"handover:{plan.id}:{move.account_id}",
                    },
                    actor=actor,
                    audited=False,
                )
                move.task_id = task.id
        _mark_applied(store, plan, actor, stamp)
    return plan


def write_placed(
    store: Store, plan: Plan, docs: Mapping[str, dict], *, actor: str, on: date
) -> Plan:
    """Apply a stored preview that places new clients (``compute`` on a snapshot taken
    with ``pending=``) to their documents, before they are written: each moved client's
    ``docs`` entry gets its advisor, and the plan is marked applied. Call it inside the
    transaction that then writes ``docs``; like ``write_applied(handover=False,
    audit_clients=False)``, but without writing every placed client a second time."""
    stamp = now()
    with quiet_gc(), store.transaction():
        for move in plan.moves:
            doc = docs[move.account_id]
            if doc.get("advisor_id") != move.from_id:
                raise Conflict(f"client {move.account_id} is no longer with {move.from_id}")
            since = doc.get("advisor_since")
            move.since_before = date.fromisoformat(since) if since else None
            doc["advisor_id"], doc["advisor_since"] = move.to_id, on.isoformat()
        _mark_applied(store, plan, actor, stamp)
    return plan


def _mark_applied(store: Store, plan: Plan, actor: str, stamp: datetime) -> None:
    plan.status, plan.applied_at, plan.applied_by = PlanStatus.APPLIED, stamp, actor
    _store_plan(store, plan, actor, "plan.apply", _summary(plan), stamp)


def _store_plan(
    store: Store, plan: Plan, actor: str, action: str, detail: str, stamp: datetime
) -> None:
    """Save the plan's new status as its next version, with the audit entry saying so."""
    plan.version += 1
    store.table(TABLE).put(msgspec.to_builtins(plan))
    audit.record(
        store, actor=actor, action=action, entity=TABLE, entity_id=plan.id, detail=detail, at=stamp
    )


def undo_plan(store: Store, plan_id: str, *, actor: str) -> Plan:
    """Put back the clients an applied plan moved, unless their assignment changed since
    (those are listed in ``not_restored``); cancel handover tasks nobody has worked."""
    plan = get_plan(store, plan_id)
    if plan.status is not PlanStatus.APPLIED:
        raise Conflict(f"plan {plan_id} is {plan.status.value}; only an applied plan can be undone")
    if plan.returns:
        raise Conflict(f"plan {plan_id} was already reversed by {', '.join(plan.returns.values())}")
    clients = store.table("clients")
    task_table = store.table("tasks")
    names = {a["id"]: a["name"] for a in store.table("advisors")._read_table().values()}
    stamp = now()
    plan.not_restored = []
    with quiet_gc(), store.transaction():
        for move in plan.moves:
            doc = clients.doc(move.account_id)
            if doc is None or doc.get("advisor_id") != move.to_id:
                plan.not_restored.append(_not_restored(move, doc, names))
                continue
            since = move.since_before.isoformat() if move.since_before else None
            _reassign(store, doc, move.from_id, since, stamp.isoformat())
            audit.record(
                store,
                actor=actor,
                action="client.reassign",
                entity="clients",
                entity_id=move.account_id,
                before={"advisor_id": move.to_id, "advisor_since": doc.get("advisor_since")},
                after={"advisor_id": move.from_id, "advisor_since": since},
                detail=f"undo plan {plan.id}",
                at=stamp,
            )
            task = task_table.doc(move.task_id) if move.task_id else None
            if task is not None and task.get("status") == "planned":
                cancelled = {**task, "status": "cancelled", "version": task.get("version", 0) + 1}
                cancelled["notes"] = (task.get("notes") or "") + f" [plan {plan.id} undone]"
                task_table.put(cancelled)
        plan.status, plan.undone_at, plan.undone_by = PlanStatus.UNDONE, stamp, actor
        restored = len(plan.moves) - len(plan.not_restored)
        detail = f"{restored} restored, {len(plan.not_restored)} changed since and left as they are"
        _store_plan(store, plan, actor, "plan.undo", detail, stamp)
    return plan


def _reassign(store: Store, doc: dict, advisor_id: str | None, since: str | None, at: str) -> None:
    # Only the assignment changes: tier, status and the rest stay as the book derived them.
    store.table("clients").put(
        {
            **doc,
            "advisor_id": advisor_id,
            "advisor_since": since,
            "version": doc.get("version", 0) + 1,
            "updated_at": at,
        }
    )


def _not_restored(move, doc: dict | None, names: dict[str, str]) -> Unplaceable:
    if doc is None:
        reason = Reason(code=ReasonCode.GONE)
    else:
        now_with = doc.get("advisor_id")
        reason = Reason(code=ReasonCode.CHANGED, to_name=names.get(now_with, now_with))
    return Unplaceable(
        account_id=move.account_id,
        name=move.name,
        advisor_id=doc.get("advisor_id") if doc else None,
        reason=reason,
    )


def _summary(plan: Plan) -> str:
    t = plan.totals
    return (
        f"{plan.kind.value} plan: {t.moves} moves, cost {t.cost:g}, "
        f"largest deviation {t.spread_before:.1%} → {t.spread_after:.1%}, "
        f"{t.unplaceable} without an eligible advisor"
    )
