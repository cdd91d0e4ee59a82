"""The service desk's numbers: coverage per advisor, overdue tasks, channel mix and cost,
and campaign results (targeted, reached, re-activated, cost per re-activation)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

import msgspec

from ..errors import Invalid
from ..models import Campaign, Channel, ClientStatus, Task, Tier, TierRules
from ..models.service_api import (
    CampaignReport,
    CampaignResults,
    ChannelReport,
    ChannelResult,
    ChannelRow,
    CoverageReport,
    CoverageRow,
    OverdueReport,
    OverdueRow,
)
from ..rules import get_rules
from ..store import Store
from .bulk import without_gc
from .campaigns import Campaigns
from .contacts import NOT_A_CONTACT, reached
from .spread import Team


def coverage(store: Store, on: date) -> CoverageReport:
    """Share of each advisor's book (lost clients aside) contacted within its tier's cadence."""
    cadence = get_rules(store, TierRules).cadence_days
    cutoff = {t.value: (on - timedelta(days=days)).isoformat() for t, days in cadence.items()}
    team = Team(store)
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    clients = store.table("clients")
    ids = list(clients._read_table())
    lost = ClientStatus.LOST.value
    columns = clients.columns(ids, "status", "tier", "advisor_id", "last_contact_date")
    for status, tier, advisor_id, last in zip(*columns, strict=True):
        if status == lost:
            continue
        tier = tier or Tier.GENERAL.value
        cell = tally[advisor_id or ""][tier]
        cell[1] += 1
        if last is not None and last >= cutoff[tier]:
            cell[0] += 1
    rows = []
    for advisor_id in sorted(tally, key=lambda a: (a == "", a)):
        tiers = tally[advisor_id]
        contacted = sum(c for c, _ in tiers.values())
        clients_n = sum(n for _, n in tiers.values())
        rows.append(
            CoverageRow(
                advisor_id=advisor_id or "-",
                name=team.name(advisor_id) if advisor_id else "(no advisor)",
                clients=clients_n,
                contacted=contacted,
                share=contacted / clients_n if clients_n else 0.0,
                by_tier={t: list(v) for t, v in sorted(tiers.items())},
            )
        )
    total = sum(r.clients for r in rows)
    done = sum(r.contacted for r in rows)
    return CoverageReport(
        as_of=on, rows=rows, clients=total, contacted=done, share=done / total if total else 0.0
    )


def overdue(
    store: Store, on: date, *, assignee: str | None = None, limit: int = 100
) -> OverdueReport:
    """Planned tasks whose day has passed, per assignee, and the oldest of them."""
    if not 0 <= limit <= 5000:
        raise Invalid("between 0 and 5000", field="limit")
    tasks = store.table("tasks")
    if assignee is not None:
        ids = tasks.index("queue_due").ids(assignee, None, on.isoformat())  # type: ignore[union-attr]
    else:
        ids = [i for _, i in tasks.index("planned_due").range(None, on.isoformat())]  # type: ignore[union-attr]
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)  # assignee → (due, purpose)
    for who, due, purpose in zip(
        *tasks.columns(ids, "assignee", "due_date", "purpose"), strict=True
    ):
        groups[who or "-"].append((due, purpose))
    rows = [
        OverdueRow(
            assignee=a,
            tasks=len(g),
            oldest=date.fromisoformat(min(due for due, _ in g)),
            by_purpose=dict(Counter(purpose for _, purpose in g).most_common()),
        )
        for a, g in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    # Both indexes hand the ids out oldest first already.
    docs = tasks._read_table()
    items = msgspec.convert([docs[i] for i in ids[:limit]], list[Task])
    return OverdueReport(as_of=on, total=len(ids), rows=rows, items=items)


CHANNEL_FIELDS = ("status", "done_at", "due_date", "channel", "cost", "outcome")


@without_gc
def channel_columns(store: Store) -> list[list]:
    """What the channel report reads: a few columns of every task (the store read)."""
    tasks = store.table("tasks")
    return tasks.columns(list(tasks._read_table()), *CHANNEL_FIELDS)


@without_gc
def channel_summary(columns: list[list], since: date, until: date) -> ChannelReport:
    """The channel report from :func:`channel_columns`; touches no store."""
    if until < since:
        raise Invalid("before since", field="until")
    low, high = since.isoformat(), until.isoformat()
    count: Counter[str] = Counter()
    cost: dict[str, float] = defaultdict(float)
    hit: Counter[str] = Counter()
    picked = [
        (channel, price, outcome)
        for status, done_at, due, channel, price, outcome in zip(*columns, strict=True)
        if status == "done" and low <= (done_at or due)[:10] <= high
    ]
    count.update(channel for channel, _, _ in picked)
    hit.update(channel for channel, _, outcome in picked if outcome not in NOT_A_CONTACT)
    for channel, price, _ in picked:
        cost[channel] += price or 0.0
    total = sum(count.values())
    rows = [
        ChannelRow(
            channel=c,
            kind=c.kind,
            touchpoint=c.touchpoint,
            tasks=count[c.value],
            share=count[c.value] / total if total else 0.0,
            cost=round(cost[c.value], 2),
            reached=hit[c.value],
        )
        for c in Channel
        if count[c.value]
    ]
    rows.sort(key=lambda r: -r.tasks)
    by_kind: dict[str, list[float]] = {}
    for r in rows:
        cell = by_kind.setdefault(r.kind.value, [0, 0.0])
        cell[0] += r.tasks
        cell[1] = round(cell[1] + r.cost, 2)
    return ChannelReport(
        since=since,
        until=until,
        tasks=total,
        cost=round(sum(cost.values()), 2),
        rows=rows,
        by_kind=by_kind,
    )


def channels(store: Store, since: date, until: date) -> ChannelReport:
    """Done tasks between ``since`` and ``until`` (both included) by channel: how many,
    what share, what they cost, and how many reached the client."""
    if until < since:
        raise Invalid("before since", field="until")
    return channel_summary(channel_columns(store), since, until)


def campaign_results(store: Store, campaign: Campaign) -> CampaignResults:
    """Targeted, reached and re-activated clients (a trade on or after the start, as the
    back office reports it), what it cost, and the cost per re-activation."""
    tasks = store.table("tasks")
    clients = store.table("clients")
    docs = [tasks.doc(i) for i in tasks.index("campaign").get(campaign.id)]
    live = [d for d in docs if d["status"] != "cancelled"]
    targeted = {d["account_id"] for d in live}
    reached_clients = {d["account_id"] for d in live if reached(d)}
    start = campaign.start.isoformat()
    back = set()
    for account_id in targeted:
        doc = clients.doc(account_id)
        last = doc.get("last_trade_date") if doc else None
        if last is not None and last >= start:
            back.add(account_id)
    spent = sum(d.get("cost", 0.0) for d in live if d["status"] == "done")
    planned = sum(d.get("cost", 0.0) for d in live if d["status"] == "planned")
    per: dict[str, list] = {}
    for d in live:
        cell = per.setdefault(d["channel"], [0, 0, 0.0])
        cell[0] += 1
        cell[1] += reached(d)
        cell[2] += d.get("cost", 0.0) if d["status"] == "done" else 0.0
    return CampaignResults(
        campaign_id=campaign.id,
        name=campaign.name,
        status=campaign.status.value,
        start=campaign.start,
        end=campaign.end,
        targeted=len(targeted),
        contacted=sum(d["status"] == "done" for d in live),
        reached=len(reached_clients),
        reactivated=len(back),
        cost=round(spent, 2),
        planned_cost=round(planned, 2),
        cost_per_reactivation=round(spent / len(back), 2) if back else None,
        by_channel=[
            ChannelResult(channel=Channel(c), tasks=n, reached=r, cost=round(x, 2))
            for c, (n, r, x) in sorted(per.items(), key=lambda kv: -kv[1][0])
        ],
    )


def campaigns_report(store: Store, on: date) -> CampaignReport:
    rows = [campaign_results(store, c) for c in Campaigns(store).list()]
    return CampaignReport(as_of=on, rows=rows)
