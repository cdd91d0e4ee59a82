"""The churn numbers: the alert funnel, the reasons clients leave, net client flow.

- funnel: alerts raised (in a period) → acknowledged (any person acted) → resolved as
  retained / lost / false alarm, with the median hours from raising to the first action;
- reasons: clients resolved as lost, each counted once (their lost alert with the most
  assets at risk), ranked by count and by those assets;
- flow: per month, clients gained (accounts opened) − clients lost (account closed, or an
  alert resolved as lost, whichever came first; each client counted once)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from ..errors import Invalid
from ..models import AlertRule, AlertStatus, ChurnReason, Resolution, today
from ..models.churn import ChurnFunnel, ChurnReasons, ClientFlow, FlowMonth, FunnelStage, ReasonRow
from ..store import Store
from .severity import BANDS


def _alerts(store: Store) -> Iterable[dict]:
    return store.table("alerts")._read_table().values()


def _day(stamp: str | None) -> str:
    return (stamp or "")[:10]


def _in(stamp: str | None, since: date | None, until: date | None) -> bool:
    day = _day(stamp)
    return (
        bool(day)
        and (since is None or day >= since.isoformat())
        and (until is None or day <= until.isoformat())
    )


def alerts_by_severity(store: Store) -> dict[str, int]:
    """Unresolved alerts per severity band: ``{"high": …, "medium": …, "low": …}``
    (high ≥ 70, medium 40–69, low < 40), for the dashboard (an index: no alert is read)."""
    counts = store.table("alerts").index("open_band").counts()
    return {name: counts.get(name, 0) for name, _ in BANDS}


def funnel(store: Store, *, since: date | None = None, until: date | None = None) -> ChurnFunnel:
    """Alerts raised between ``since`` and ``until`` (inclusive) and how far each got."""
    docs = [d for d in _alerts(store) if _in(d["raised_at"], since, until)]
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        by_rule[d["rule"]].append(d)
    stages = [_stage(AlertRule(r), by_rule[r]) for r in AlertRule if r in by_rule]
    return ChurnFunnel(since=since, until=until, total=_stage(None, docs), by_rule=stages)


def _stage(rule: AlertRule | None, docs: list[dict]) -> FunnelStage:
    waits = []
    for d in docs:
        if d.get("history"):
            first = datetime.fromisoformat(d["history"][0]["at"])
            waits.append((first - datetime.fromisoformat(d["raised_at"])).total_seconds() / 3600)
    resolutions = [d.get("resolution") for d in docs]
    return FunnelStage(
        rule=rule,
        raised=len(docs),
        acknowledged=sum(1 for d in docs if d["status"] != AlertStatus.OPEN),
        in_progress=sum(1 for d in docs if d.get("task_id")),
        retained=resolutions.count(Resolution.RETAINED),
        lost=resolutions.count(Resolution.LOST),
        false_alarm=resolutions.count(Resolution.FALSE_ALARM),
        open=sum(1 for d in docs if d["status"] != AlertStatus.RESOLVED),
        median_hours_to_first_action=round(statistics.median(waits), 1) if waits else None,
    )


def _lost_by_client(store: Store, since: date | None, until: date | None) -> dict[str, dict]:
    """Each lost client's lost alert resolved in the period; of several, the one with the
    most assets at risk (an outflow's counts the money already gone), then the latest."""
    chosen: dict[str, dict] = {}
    for d in _alerts(store):
        if d.get("resolution") != Resolution.LOST or not _in(d.get("resolved_at"), since, until):
            continue
        have = chosen.get(d["account_id"])
        if have is None or _lost_rank(d) > _lost_rank(have):
            chosen[d["account_id"]] = d
    return chosen


def _lost_rank(d: dict) -> tuple:
    return (d.get("assets_at_risk", 0.0), d["resolved_at"], d["id"])


def reasons(store: Store, *, since: date | None = None, until: date | None = None) -> ChurnReasons:
    """Why clients left, ranked by how many and by how much money left with them."""
    lost = _lost_by_client(store, since, until)
    clients: dict[str, int] = defaultdict(int)
    assets: dict[str, float] = defaultdict(float)
    examples: dict[str, list[str]] = defaultdict(list)
    for d in lost.values():
        reason = d.get("reason") or ChurnReason.OTHER
        clients[reason] += 1
        assets[reason] += d.get("assets_at_risk", 0.0)
        if d.get("reason_text") and len(examples[reason]) < 5:
            examples[reason].append(d["reason_text"])
    n, money = len(lost), sum(assets.values())
    rows = [
        ReasonRow(
            reason=ChurnReason(r),
            clients=clients[r],
            assets=round(assets[r], 2),
            share_by_count=round(clients[r] / n, 4) if n else 0.0,
            share_by_assets=round(assets[r] / money, 4) if money else 0.0,
            examples=examples[r],
        )
        for r in clients
    ]
    return ChurnReasons(
        by_count=sorted(rows, key=lambda r: (-r.clients, -r.assets, r.reason)),
        by_assets=sorted(rows, key=lambda r: (-r.assets, -r.clients, r.reason)),
        lost_clients=n,
        lost_assets=round(money, 2),
    )


def _month(day: str) -> str:
    return day[:7]


def _months(until: date, count: int) -> list[str]:
    index = until.year * 12 + until.month - 1
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(index - count + 1, index + 1)]


def flow(store: Store, months: int = 12, *, until: date | None = None) -> ClientFlow:
    """Net client flow for the ``months`` months ending with ``until``'s (default today)."""
    if not 1 <= months <= 120:
        raise Invalid("must be 1–120", field="months")
    wanted = _months(until or today(), months)
    gained = dict.fromkeys(wanted, 0)
    lost = dict.fromkeys(wanted, 0)
    first_lost: dict[str, str] = {}
    for acct, c in store.table("clients")._read_table().items():
        opened = c.get("open_date")
        if opened and _month(opened) in gained:
            gained[_month(opened)] += 1
        if c.get("closed_date"):
            first_lost[acct] = c["closed_date"][:10]
    for acct, d in _lost_by_client(store, None, None).items():
        day = _day(d["resolved_at"])
        if acct not in first_lost or day < first_lost[acct]:
            first_lost[acct] = day
    for day in first_lost.values():
        if _month(day) in lost:
            lost[_month(day)] += 1
    rows = [
        FlowMonth(month=m, gained=gained[m], lost=lost[m], net=gained[m] - lost[m]) for m in wanted
    ]
    g, lo = sum(gained.values()), sum(lost.values())
    return ClientFlow(months=rows, gained=g, lost=lo, net=g - lo)


def month_lost(store: Store, on: date | None = None) -> int:
    """Clients lost in ``on``'s month exactly as :func:`flow` counts them, read through
    indexes (accounts closed that month, alerts resolved as lost that month) so that the
    dashboard does not read the whole book on every sign-in."""
    month = _month((on or today()).isoformat())
    clients, alerts = store.table("clients"), store.table("alerts")
    candidates = set(clients.index("closed_month").get(month))
    candidates.update(alerts.value(i, "account_id") for i in alerts.index("lost_month").get(month))
    return sum(1 for acct in candidates if _month(_first_lost_day(store, acct)) == month)


def _first_lost_day(store: Store, account_id: str) -> str:
    """The day :func:`flow` counts ``account_id`` as lost: the account closed, or its
    chosen lost alert (see :func:`_lost_by_client`) resolved, whichever came first."""
    days = []
    closed = store.table("clients").value(account_id, "closed_date")
    if closed:
        days.append(closed[:10])
    alerts = store.table("alerts")
    lost = [alerts.doc(i) for i in alerts.index("account").get(account_id)]
    lost = [d for d in lost if d is not None and d.get("resolution") == Resolution.LOST]
    if lost:
        days.append(_day(max(lost, key=_lost_rank)["resolved_at"]))
    return min(days) if days else ""
