"""The straightforward way, for comparison: one client at a time, the same seven rules
in plain Python over that client's snapshots, fetched per client either with TinyDB
queries over plain documents or through our indexed store. Also the reference the
bench checks the array scan against: both must fire the same rules for the same clients."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from branchdesk.models import ActivitySnapshot, ChurnRules

Snapshot = ActivitySnapshot


def _months_back(day: date, months: int) -> date:
    m = day.year * 12 + day.month - 1 - months
    for d in (day.day, 30, 29, 28):
        try:
            return date(m // 12, m % 12 + 1, d)
        except ValueError:
            continue
    raise AssertionError


def _in_window(start: date, end: date, on: date, days: int, ago: int = 0) -> bool:
    last = on - timedelta(days=ago)
    mid2 = start.toordinal() + end.toordinal()
    return 2 * (last.toordinal() - days) < mid2 <= 2 * last.toordinal()


def client_rules(
    client: dict,
    snaps: list[Snapshot],
    tasks: Iterable[dict],
    advisor: dict | None,
    rules: ChurnRules,
    cadence: dict[str, int],
    on: date,
) -> set[str]:
    """Which rules fire for one client (the reference, written for clarity)."""
    fired: set[str] = set()
    closed = client.get("closed_date")
    if closed and date.fromisoformat(closed) <= on:
        return fired
    watched = client.get("status") != "lost"
    assets = client.get("total_assets") or 0.0
    opened = date.fromisoformat(client["open_date"]) if client.get("open_date") else None
    traded = client.get("last_trade_date")
    since = date.fromisoformat(traded) if traded else opened
    idle = (on - since).days if since else -1
    if watched and idle >= rules.dormant_days and assets >= rules.dormant_min_assets:
        fired.add("dormant")
    starts = [
        s.period.replace(day=1) if i == 0 else snaps[i - 1].period + timedelta(days=1)
        for i, s in enumerate(snaps)
    ]
    # outflow
    window = [
        i
        for i, s in enumerate(snaps)
        if _in_window(starts[i], s.period, on, rules.outflow_window_days)
    ]
    if window:
        net = sum(snaps[i].transfer_out - snaps[i].transfer_in for i in window)
        first = window[0]
        base = snaps[first - 1].total_assets if first > 0 else snaps[window[-1]].total_assets + net
        ratio = net / base if base > 0 else 1.0
        if net > 0 and (ratio >= rules.outflow_ratio - 1e-9 or net >= rules.outflow_amount - 0.005):
            fired.add("outflow")
    # drawdown, net of transfers
    cutoff = _months_back(on, rules.drawdown_window_months)
    idx = [i for i, s in enumerate(snaps) if cutoff < s.period <= on]
    if watched and len(idx) >= 2:
        level, peak = 1.0, 1.0
        for i in idx[1:]:
            base = snaps[i - 1].total_assets + snaps[i].transfer_in - snaps[i].transfer_out
            level *= max(snaps[i].total_assets, 0.01) / base if base > 0 else 1.0
            peak = max(peak, level)
        if 1 - level / peak >= rules.drawdown_ratio - 1e-9:
            fired.add("drawdown")
    # activity drop
    w = rules.activity_window_days
    recent = sum(
        s.trade_count for i, s in enumerate(snaps) if _in_window(starts[i], s.period, on, w)
    )
    prior = sum(
        s.trade_count for i, s in enumerate(snaps) if _in_window(starts[i], s.period, on, w, w)
    )
    busy = prior >= max(rules.activity_min_prior_trades, 1)
    if watched and busy and recent < rules.activity_drop_ratio * prior - 1e-9:
        fired.add("activity_drop")
    # contact gap and complaint, from the tasks
    contact = client.get("last_contact_date") or ""
    complaint = False
    start = (on - timedelta(days=rules.complaint_window_days - 1)).isoformat()
    for t in tasks:
        day = (t.get("done_at") or t["due_date"])[:10]
        if t.get("outcome") == "complaint" and start <= day <= on.isoformat():
            complaint = True
        if (
            t.get("status") == "done"
            and t.get("outcome") != "not_reached"
            and day <= on.isoformat()
        ):
            contact = max(contact, day)
    last = date.fromisoformat(contact) if contact else opened
    if watched and last and (on - last).days > cadence.get(client.get("tier", "general"), 180):
        fired.add("contact_gap")
    if watched and complaint:
        fired.add("complaint")
    # orphaned
    if watched:
        if advisor is None or advisor.get("status") == "departed":
            fired.add("orphaned")
        elif advisor.get("status") == "on_leave":
            start_l = date.fromisoformat(advisor["leave_from"]) if advisor.get("leave_from") else on
            end_l = date.fromisoformat(advisor["leave_to"]) if advisor.get("leave_to") else None
            length = (end_l - start_l).days if end_l else None
            ongoing = start_l <= on and (end_l is None or end_l >= on)
            if ongoing and (length is None or length > rules.orphan_leave_days):
                fired.add("orphaned")
    return {r for r in fired if r in rules.enabled}


def per_client_scan(
    clients: Iterable[dict],
    snapshots_of: Callable[[str], list[Snapshot]],
    tasks_of: Callable[[str], list[dict]],
    advisors: dict[str, dict],
    rules: ChurnRules,
    cadence: dict[str, int],
    on: date,
) -> dict[str, set[str]]:
    out = {}
    for c in clients:
        acct = c["account_id"]
        advisor = advisors.get(c.get("advisor_id") or "")
        out[acct] = client_rules(c, snapshots_of(acct), tasks_of(acct), advisor, rules, cadence, on)
    return out
