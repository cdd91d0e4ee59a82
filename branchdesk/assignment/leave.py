"""Leave and departure. Putting an advisor on leave makes a temporary plan (their clients
go to their backup, or by the usual rules where the backup may not take them); once the
leave is over the clients come back — the server checks every hour, and
``end_leaves`` can be called at any time. A departure makes a permanent plan.

A move is temporary when it carries ``until`` (the last day of the old advisor's leave).
It is reversed when that advisor is back — their leave has ended, or a manager set them
active early — whichever comes first; a leave that was extended keeps the clients away.
Clients whose assignment was changed in the meantime stay where they are (listed)."""

from __future__ import annotations

from datetime import date

import msgspec

from .. import audit
from ..errors import Invalid
from ..models import Advisor, AdvisorStatus, now, today
from ..models.assignment import (
    Move,
    Plan,
    PlanKind,
    PlanStatus,
    PlanTotals,
    PreviewRequest,
    Reason,
    ReasonCode,
)
from ..store import Store
from .advisors import get_advisor, list_advisors, update_advisor
from .eligibility import away_reason
from .planner import book_loads
from .plans import TABLE, PlanJob, _not_restored, job_for, write_applied
from .snapshot import take

SYSTEM = "system:leave"


def start_leave(
    store: Store,
    advisor_id: str,
    leave_from: date,
    leave_to: date,
    *,
    actor: str,
    expected_version: int | None,
) -> PlanJob:
    """Put an advisor on leave (audited) and say what the temporary plan is to compute."""
    if leave_to < leave_from:
        raise Invalid("before leave_from", field="leave_to")
    if leave_to < today():
        raise Invalid("the leave is over already", field="leave_to")
    changes = {
        "status": AdvisorStatus.ON_LEAVE.value,
        "leave_from": leave_from.isoformat(),
        "leave_to": leave_to.isoformat(),
    }
    update_advisor(store, advisor_id, changes, actor=actor, expected_version=expected_version)
    return job_for(store, PreviewRequest(advisor_id=advisor_id), on=max(today(), leave_from))


def start_departure(
    store: Store, advisor_id: str, *, actor: str, expected_version: int | None
) -> PlanJob:
    """Mark an advisor as departed (audited) and say what the permanent plan is."""
    changes = {"status": AdvisorStatus.DEPARTED.value}
    update_advisor(store, advisor_id, changes, actor=actor, expected_version=expected_version)
    return job_for(store, PreviewRequest(advisor_id=advisor_id))


def end_leaves(store: Store, *, actor: str = SYSTEM, on: date | None = None) -> list[Plan]:
    """Bring clients back to every advisor whose leave is over; set those advisors
    active. Returns the return plans made (already applied)."""
    on = on or today()
    advisors = {a.id: a for a in list_advisors(store)}
    returns: list[Plan] = []
    for doc in list(store.table(TABLE)._read_table().values()):
        if doc["status"] != PlanStatus.APPLIED or not any(m.get("until") for m in doc["moves"]):
            continue
        plan = msgspec.convert(doc, Plan)
        waiting: dict[str, list[Move]] = {}
        for move in plan.moves:
            if move.until is not None and move.from_id not in plan.returns:
                waiting.setdefault(move.from_id or "", []).append(move)
        for advisor_id, moves in waiting.items():
            advisor = advisors.get(advisor_id)
            if advisor is None or away_reason(advisor, on) is not None:
                continue  # still away, departed, or gone: the clients stay
            back = _return_plan(store, plan, advisor, moves, on, actor)
            with store.transaction():
                write_applied(store, back, actor=actor, on=on)
                plan.returns[advisor_id] = back.id
                plan.version += 1
                store.table(TABLE).put(msgspec.to_builtins(plan))
            returns.append(back)
    for advisor in advisors.values():
        ended = advisor.leave_to is not None and advisor.leave_to < on
        if advisor.status is AdvisorStatus.ON_LEAVE and ended:
            update_advisor(
                store,
                advisor.id,
                {"status": AdvisorStatus.ACTIVE.value},
                actor=actor,
                expected_version=None,
            )
    return returns


def _return_plan(
    store: Store, source: Plan, advisor: Advisor, moves: list[Move], on: date, actor: str
) -> Plan:
    clients = store.table("clients")
    names = {a.id: a.name for a in list_advisors(store)}
    back: list[Move] = []
    stuck = []
    for move in moves:
        doc = clients.doc(move.account_id)
        if doc is None or doc.get("advisor_id") != move.to_id:
            stuck.append(_not_restored(move, doc, names))
            continue
        back.append(
            Move(
                account_id=move.account_id,
                name=doc.get("name", ""),
                from_id=move.to_id,
                to_id=advisor.id,
                reason=Reason(
                    code=ReasonCode.RETURN, from_name=names.get(move.to_id), to_name=advisor.name
                ),
            )
        )
    snap = take(store, on)
    row = {account: i for i, account in enumerate(snap.ids)}
    loads = book_loads(snap, {row[m.account_id]: m.to_id for m in back if m.account_id in row})
    mine = next(load for load in loads if load.advisor_id == advisor.id)
    for m in back:
        m.reason.load_before, m.reason.load_after = mine.before, mine.after
    before = [abs(x.deviation_before or 0) for x in loads]
    after = [abs(x.deviation_after or 0) for x in loads]
    return Plan(
        id=f"{source.id}-R{advisor.id}",
        kind=PlanKind.RETURN,
        on=on,
        balance=source.balance,
        tolerance=source.tolerance,
        advisor_id=advisor.id,
        basis=snap.basis,
        loads=loads,
        moves=back,
        not_restored=stuck,
        source_plan=source.id,
        totals=PlanTotals(
            clients=len(snap),
            moves=len(back),
            cost=0.0,
            spread_before=max(before, default=0.0),
            spread_after=max(after, default=0.0),
            eligible_before=1.0,
            eligible_after=1.0,
            unplaceable=0,
        ),
        created_at=now(),
        created_by=actor,
        version=1,
    )


def back_to_work(store: Store, advisor_id: str, *, actor: str) -> list[Plan]:
    """End a leave early: the advisor is active from today and their clients come back."""
    advisor = get_advisor(store, advisor_id)
    if advisor.status is not AdvisorStatus.ON_LEAVE:
        raise Invalid(f"advisor {advisor_id} is not on leave", field="advisor_id")
    update_advisor(
        store,
        advisor_id,
        {"status": AdvisorStatus.ACTIVE.value},
        actor=actor,
        expected_version=None,
    )
    audit.record(
        store,
        actor=actor,
        action="advisor.back",
        entity="advisors",
        entity_id=advisor_id,
        detail="back from leave early",
    )
    return end_leaves(store, actor=actor)
