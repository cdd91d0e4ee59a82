"""New clients from an import: placed by the same rules, nobody else moves.

A new client who already has an active advisor able to serve them (the back-office file
may name one) keeps that advisor; the others — no advisor, an unknown or away one, or
one who does not meet their needs — go where balance and skills say, filling the
emptiest books first. The placement is recorded as an applied plan (kind
``new_clients``), so it can be read and undone like any other."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ..models import today
from ..models.assignment import Plan, PlanKind
from ..store import Store
from .eligibility import Eligibility
from .planner import Scope, compute
from .plans import save_preview, write_applied, write_placed
from .reasons import reason_text
from .snapshot import Snapshot, take


def assign_new(
    store: Store, account_ids: Iterable[str], *, actor: str, on: date | None = None
) -> dict[str, Any]:
    """Place new clients; returns what happened, for the import's report::

    {"plan_id": "P…" or None, "assigned": {account: advisor}, "kept": [account …],
     "unplaceable": [{"account_id", "needs", "reason"}], "missing": [account …]}
    """
    on = on or today()
    plan, result = _placement(take(store, on), set(account_ids))
    if plan is None:
        return result
    plan = save_preview(store, plan, actor=actor)
    # No handover call and no per-client audit entry: these clients had no relationship
    # to hand over, and the import audits its own rows; the plan records each placement.
    write_applied(store, plan, actor=actor, on=on, handover=False, audit_clients=False)
    return _placed(result, plan)


def place_new(
    store: Store,
    docs: Sequence[dict],
    account_ids: Iterable[str],
    *,
    actor: str,
    on: date | None = None,
) -> dict[str, Any]:
    """``assign_new`` for clients an import is about to write: ``docs`` are all the
    client documents it writes (new and changed), ``account_ids`` the new ones. They are
    placed on the book as it will be once ``docs`` are written — the same snapshot, so
    the same placement, as writing them first and then calling ``assign_new`` — and the
    advisors are set in ``docs``. Call it inside the transaction that writes ``docs``."""
    on = on or today()
    plan, result = _placement(take(store, on, pending=docs), set(account_ids))
    if plan is None:
        return result
    by_id = {doc["account_id"]: doc for doc in docs}
    plan = save_preview(store, plan, actor=actor, names=lambda a: by_id[a].get("name", ""))
    write_placed(store, plan, by_id, actor=actor, on=on)
    return _placed(result, plan)


def _placement(snap: Snapshot, wanted: set[str]) -> tuple[Plan | None, dict[str, Any]]:
    """The plan placing the ``wanted`` clients who need an advisor (None: nobody does),
    and the report of the others."""
    elig = Eligibility(snap.advisors, snap.rules, snap.on)
    # A few dozen (tier, preferences) profiles among 100,000 clients: work each out once.
    masks: dict[tuple[str, tuple[str, ...]], int] = {}
    movable, kept = set(), []
    for i, account in enumerate(snap.ids):
        if account not in wanted:
            continue
        profile = (snap.tiers[i], snap.preferences[i])
        mask = masks.get(profile)
        if mask is None:
            mask = masks[profile] = elig.mask(snap.rules.requirements(*profile))
        here = elig.index.get(snap.advisor_ids[i])  # type: ignore[arg-type]
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
        return None, result
    plan = compute(snap, kind=PlanKind.NEW_CLIENTS, scope=Scope(frozenset(movable)))
    return plan, result


def _placed(result: dict[str, Any], plan: Plan) -> dict[str, Any]:
    result["plan_id"] = plan.id
    result["assigned"] = {m.account_id: m.to_id for m in plan.moves}
    result["unplaceable"] = [
        {"account_id": u.account_id, "needs": u.reason.needs, "reason": reason_text(u.reason, "en")}
        for u in plan.unplaceable
    ]
    return result
