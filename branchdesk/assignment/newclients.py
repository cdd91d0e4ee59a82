"""New clients from an import: placed by the same rules, nobody else moves.

A new client who already has an active advisor able to serve them (the back-office file
may name one) keeps that advisor; the others — no advisor, an unknown or away one, or
one who does not meet their needs — go where balance and skills say, filling the
emptiest books first. The placement is recorded as an applied plan (kind
``new_clients``), so it can be read and undone like any other."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..models import today
from ..models.assignment import PlanKind
from ..store import Store
from .eligibility import Eligibility
from .planner import Scope, compute
from .plans import save_preview, write_applied
from .reasons import reason_text
from .snapshot import take


def assign_new(
    store: Store, account_ids: Iterable[str], *, actor: str, on: date | None = None
) -> dict[str, Any]:
    """Place new clients; returns what happened, for the import's report::

    {"plan_id": "P…" or None, "assigned": {account: advisor}, "kept": [account …],
     "unplaceable": [{"account_id", "needs", "reason"}], "missing": [account …]}
    """
    on = on or today()
    wanted = set(account_ids)
    snap = take(store, on)
    elig = Eligibility(snap.advisors, snap.rules, on)
    movable, kept = set(), []
    for i, account in enumerate(snap.ids):
        if account not in wanted:
            continue
        here = elig.index.get(snap.advisor_ids[i])  # type: ignore[arg-type]
        mask = elig.mask(snap.rules.requirements(snap.tiers[i], snap.preferences[i]))
        if here is not None and mask >> here & 1:
            kept.append(account)
        else:
            movable.add(account)
    result: dict[str, Any] = {
        "plan_id": None,
        "assigned": {},
        "kept": sorted(kept),
        "unplaceable": [],
        "missing": sorted(wanted - set(snap.ids)),  # not on the book, or a closed account
    }
    if not movable:
        return result
    plan = compute(snap, kind=PlanKind.NEW_CLIENTS, scope=Scope(frozenset(movable)))
    plan = save_preview(store, plan, actor=actor)
    # No handover call and no per-client audit entry: these clients had no relationship
    # to hand over, and the import audits its own rows; the plan records each placement.
    write_applied(store, plan, actor=actor, on=on, handover=False, audit_clients=False)
    result["plan_id"] = plan.id
    result["assigned"] = {m.account_id: m.to_id for m in plan.moves}
    result["unplaceable"] = [
        {"account_id": u.account_id, "needs": u.reason.needs, "reason": reason_text(u.reason, "en")}
        for u in plan.unplaceable
    ]
    return result
