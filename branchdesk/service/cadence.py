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
    Tier,
    TierRules,
    now,
)
from ..models.service_api import AdvisorDays, CadencePlan
from ..rules import get_rules
from ..store import Store
from .bulk import insert_tasks, task_doc, without_gc
from .calendar import WorkCalendar
from .spread import DaySpreader, Team


def due_clients(store: Store, on: date, horizon_end: date) -> list[tuple[float, dict]]:
    """(how far past the cadence, as a multiple of it; client doc) for each due client."""
    cadence = get_rules(store, TierRules).cadence_days
    tasks = store.table("tasks")
    planned = {
        tasks.doc(i)["account_id"]
        for _, i in tasks.index("planned_due").range(None, _after(horizon_end))  # type: ignore[union-attr]
    }
    out = []
    for doc in store.table("clients")._read_table().values():
        if doc.get("status") == ClientStatus.LOST.value or not doc.get("contact_consent", True):
            continue
        if doc["account_id"] in planned:
            continue
        last = doc.get("last_contact_date") or doc.get("open_date")
        days = cadence[Tier(doc.get("tier", "general"))]
        since = (on - date.fromisoformat(last)).days if last else 10 * days
        if since >= days:
            out.append((since / days, doc))
    out.sort(key=lambda p: (-p[0], -p[1].get("total_assets", 0.0), p[1]["account_id"]))
    return out


@without_gc
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
