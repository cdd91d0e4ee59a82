"""Contact cadence (联系频率): clients past their tier's cadence get a relationship-care
task, spread over their advisor's next working days within a daily limit.

A client is due when their last contact (or, never contacted, their account opening) is
older than their tier's cadence. Clients who refused contact, lost clients and clients
who already have a contact planned within the horizon are left alone. The most overdue
(relative to their cadence) are handed out first, so they land on the earliest days;
those that do not fit wait for the next plan."""

from __future__ import annotations

from datetime import date

from ..models import (
    CareRules,
    Channel,
    ChannelCosts,
    ClientStatus,
    Purpose,
    TierRules,
    now,
)
from ..models.service_api import AdvisorDays, CadencePlan
from ..rules import get_rules
from ..store import Store
from .bulk import insert_tasks, task_doc
from .calendar import WorkCalendar
from .spread import DaySpreader, Team


def due_clients(store: Store, on: date, horizon_end: date) -> list[tuple[float, dict]]:
    """(how far past the cadence, as a multiple of it; client fields) for each due client."""
    cadence = {t.value: days for t, days in get_rules(store, TierRules).cadence_days.items()}
    tasks = store.table("tasks")
    soon = [i for _, i in tasks.index("planned_due").range(None, _after(horizon_end))]  # type: ignore[union-attr]
    (accounts,) = tasks.columns(soon, "account_id")
    planned = set(accounts)
    clients = store.table("clients")
    ids = list(clients._read_table())
    fields = (
        "status",
        "contact_consent",
        "last_contact_date",
        "open_date",
        "tier",
        "total_assets",
        "advisor_id",
        "preferred_channel",
    )
    out = []
    lost = ClientStatus.LOST.value
    for account_id, *values in zip(ids, *clients.columns(ids, *fields), strict=True):
        status, consent, last_contact, opened, tier, assets, advisor_id, channel = values
        if status == lost or consent is False or account_id in planned:
            continue
        last = last_contact or opened
        days = cadence[tier or "general"]
        since = (on - date.fromisoformat(last)).days if last else 10 * days
        if since >= days:
            client = {
                "account_id": account_id,
                "tier": tier or "general",
                "total_assets": assets or 0.0,
                "advisor_id": advisor_id,
                "preferred_channel": channel or "phone",
                "last_contact_date": last_contact,
            }
            out.append((since / days, client))
    out.sort(key=lambda p: (-p[0], -p[1]["total_assets"], p[1]["account_id"]))
    return out


def plan_cadence(
    store: Store,
    *,
    on: date,
    actor: str,
    horizon_days: int | None = None,
    daily_limit: int | None = None,
    dry_run: bool = False,
) -> CadencePlan:
    """Schedule care tasks for every due client over the next working days."""
    care = get_rules(store, CareRules)
    horizon = horizon_days or care.cadence_horizon_days
    limit = daily_limit or care.cadence_daily_limit
    cal = WorkCalendar(store)
    days = [cal.next_workday(on, include=False)]
    while len(days) < horizon:
        days.append(cal.next_workday(days[-1], include=False))
    due = due_clients(store, on, days[-1])
    team = Team(store)
    queue_due = store.table("tasks").index("queue_due")

    def load(advisor: str, day: date) -> int:
        iso = day.isoformat()
        return queue_due.count(advisor, iso, iso + "~")  # type: ignore[union-attr]

    spreader = DaySpreader(team, days, limit, load)
    costs = get_rules(store, ChannelCosts).costs
    stamp = now().isoformat()
    docs, waiting, no_advisor = [], 0, 0
    for ratio, client in due:
        worker = team.worker(client.get("advisor_id"), days)
        if worker is None:
            no_advisor += 1
            continue
        day = spreader.take(worker)
        if day is None:
            waiting += 1
            continue
        channel = Channel(client.get("preferred_channel", "phone"))
        last = client.get("last_contact_date")
        docs.append(
            task_doc(
                account_id=client["account_id"],
                channel=channel,
                purpose=Purpose.RELATIONSHIP,
                due=day,
                assignee=worker,
                actor=actor,
                stamp=stamp,
                cost=costs[channel],
                notes=f"contact cadence: last contact {last or 'never'} ({ratio:.1f}× the "
                f"{client.get('tier', 'general')} cadence)",
            )
        )
    if not dry_run:
        insert_tasks(
            store,
            docs,
            actor=actor,
            action="care.cadence",
            entity_id=on.isoformat(),
            detail=f"{len(docs)} care tasks over {days[0]}–{days[-1]}, {waiting} waiting",
        )
    by_advisor = [
        AdvisorDays(
            advisor_id=a,
            per_day={d.isoformat(): n for d, n in sorted(spreader.counts[a].items())},
            added=spreader.added.get(a, 0),
        )
        for a in sorted(spreader.counts)
    ]
    return CadencePlan(
        due_clients=len(due),
        scheduled=len(docs),
        waiting=waiting,
        no_advisor=no_advisor,
        days=days,
        by_advisor=by_advisor,
        dry_run=dry_run,
        warnings=cal.warnings,
    )


def _after(day: date) -> str:
    """An upper bound that keeps ``day`` itself in a half-open ISO range."""
    return day.isoformat() + "~"
