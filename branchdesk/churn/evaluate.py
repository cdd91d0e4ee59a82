"""The seven churn rules over a :class:`~branchdesk.churn.frame.Frame`.

Pure computation (no store): each rule screens every client at once with numpy, then
builds the evidence of the few that fired in Python.

Windows of N days end on the scan day. A snapshot belongs to a window when the middle
of the days it covers falls inside it (a snapshot covers the days after the previous
one up to its ``period``; a client's first one, its calendar month). With monthly
figures a 30-day window is then "the month to date" early in a month and "last month
and this one" late in it, never a month that mostly lies outside; with daily figures it
is exactly the last N days.

Each finding carries an ``evidence_key`` naming the evidence (the date it started, the
complaint it is about): a resolved alert is raised again only when the key changes."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date
from itertools import repeat
from typing import Any, NamedTuple

import numpy as np

from ..models import AdvisorStatus, AlertRule, ChurnRules
from .frame import Frame
from .severity import severities

_EPOCH = date(1970, 1, 1).toordinal()
_EPS = 1e-9  # a value exactly at its threshold fires, float rounding notwithstanding


class Finding(NamedTuple):
    """One rule firing for one client. The evidence dict is built when asked for (from
    ``make(i)`` unless ``given``): a scan over unchanged data compares keys only."""

    account_id: str
    rule: AlertRule
    evidence_key: str
    assets_at_risk: float
    severity: int
    advisor_id: str | None
    given: dict[str, Any] | None = None
    make: Callable[[int], dict[str, Any]] | None = None
    i: int = -1

    @property
    def evidence(self) -> dict[str, Any]:
        if self.given is not None:
            return self.given
        assert self.make is not None
        return self.make(self.i)


@functools.lru_cache(maxsize=8192)
def _iso(ordinal: int) -> str:
    return date.fromordinal(int(ordinal)).isoformat()


def _yuan(cents: float) -> float:
    return round(float(cents) / 100, 2)


def _months_back(day: date, months: int) -> date:
    month = day.year * 12 + day.month - 1 - months
    year, month = divmod(month, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class _Columns:
    """Helpers shared by the rules: which client each snapshot belongs to, the day each
    snapshot starts, per-client sums over a window."""

    def __init__(self, frame: Frame) -> None:
        self.f = frame
        self.n = len(frame)
        self.on = frame.on.toordinal()
        self.counts = np.diff(frame.offsets)
        self.seg = np.repeat(np.arange(self.n), self.counts)
        period = frame.period.astype(np.int64)
        start = np.empty_like(period)
        start[1:] = period[:-1] + 1
        firsts = frame.offsets[:-1][self.counts > 0]
        days = (period[firsts] - _EPOCH).astype("datetime64[D]")
        start[firsts] = days.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
        start[firsts] += _EPOCH
        self.start = start
        self.period = period
        self.mid2 = start + period  # twice the middle day, kept in integers
        closed = frame.closed
        self.open_account = (closed == 0) | (closed > self.on)

    def window(self, days: int, *, ending_days_ago: int = 0) -> np.ndarray:
        end = self.on - ending_days_ago
        return (self.mid2 > 2 * (end - days)) & (self.mid2 <= 2 * end)

    def total(self, values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        weights = np.where(mask, values, 0).astype(np.float64)
        return np.bincount(self.seg, weights=weights, minlength=self.n)

    def first_last(self, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per client, the flat index of its first and last snapshot in ``mask`` (−1)."""
        first = np.full(self.n, -1, dtype=np.int64)
        last = np.full(self.n, -1, dtype=np.int64)
        where = np.flatnonzero(mask)
        if len(where):
            owners = self.seg[where]
            heads = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
            tails = np.r_[heads[1:] - 1, len(where) - 1]
            first[owners[heads]] = where[heads]
            last[owners[tails]] = where[tails]
        return first, last


def evaluate(frame: Frame, rules: ChurnRules, cadence: Mapping[str, int]) -> list[Finding]:
    """Every finding of the enabled rules, client by client in book order."""
    cols = _Columns(frame)
    found: list[Finding] = []
    runners = {
        AlertRule.DORMANT: _dormant,
        AlertRule.OUTFLOW: _outflow,
        AlertRule.DRAWDOWN: _drawdown,
        AlertRule.ACTIVITY_DROP: _activity_drop,
        AlertRule.CONTACT_GAP: lambda c, r: _contact_gap(c, r, cadence),
        AlertRule.COMPLAINT: _complaint,
        AlertRule.ORPHANED: _orphaned,
    }
    for rule in AlertRule:
        if rule in rules.enabled:
            found.extend(runners[rule](cols, rules))
    return found


def _findings(
    cols: _Columns,
    rule: AlertRule,
    idx: np.ndarray,
    at_risk: np.ndarray,
    evidence: list[dict] | Callable[[int], dict],
    keys: list[str],
) -> list[Finding]:
    """Findings of one rule for the clients ``idx`` (severity computed for all at once);
    ``evidence`` is a list, or a function of the client's index called when needed."""
    risk = np.round(np.asarray(at_risk, dtype=np.float64), 2)
    scores = severities(rule, risk).tolist()
    accounts, advisors = cols.f.accounts, cols.f.advisors
    rows = idx.tolist()
    given = evidence if isinstance(evidence, list) else repeat(None)
    make = None if isinstance(evidence, list) else evidence
    fields = zip(
        [accounts[i] for i in rows],
        repeat(rule),
        keys,
        risk.tolist(),
        scores,
        [advisors[i] for i in rows],
        given,
        repeat(make),
        rows,
    )
    # tuple.__new__ builds each named tuple in C: tens of thousands per scan.
    return list(map(tuple.__new__, repeat(Finding), fields))


def _watched(cols: _Columns) -> np.ndarray:
    """Clients the rules look at: open accounts that still hold money with us."""
    return cols.open_account & ~cols.f.lost


# -- the rules ----------------------------------------------------------------------------
def _dormant(cols: _Columns, rules: ChurnRules) -> list[Finding]:
    f = cols.f
    idle = cols.on - f.since_trade.astype(np.int64)
    fire = (
        _watched(cols)
        & (f.since_trade > 0)
        & (idle >= rules.dormant_days)
        & (f.total_assets >= rules.dormant_min_assets - _EPS)
    )
    idx = np.flatnonzero(fire)
    keys = [_iso(since) for since in f.since_trade[idx].tolist()]

    def evidence(i: int) -> dict:
        return {
            "last_trade": f.last_trade[i],
            "since": _iso(int(f.since_trade[i])),
            "days": int(idle[i]),
            "threshold_days": rules.dormant_days,
            "assets": round(float(f.total_assets[i]), 2),
        }

    return _findings(cols, AlertRule.DORMANT, idx, f.total_assets[idx], evidence, keys)


def _outflow(cols: _Columns, rules: ChurnRules) -> list[Finding]:
    f = cols.f
    if not len(f.period):
        return []
    mask = cols.window(rules.outflow_window_days)
    out_c = cols.total(f.transfer_out, mask)
    in_c = cols.total(f.transfer_in, mask)
    net = out_c - in_c
    first, last = cols.first_last(mask)
    has = first >= 0
    safe_first = np.where(has, first, 0)
    before = has & (safe_first > f.offsets[:-1])  # a snapshot before the window exists
    end_assets = np.where(has, f.assets[np.where(has, last, 0)], 0).astype(np.float64)
    base = np.where(before, f.assets[np.maximum(safe_first - 1, 0)], end_assets + net)
    ratio = np.divide(net, base, out=np.ones_like(net), where=base > 0)
    fire = (
        cols.open_account
        & has
        & (net > 0)
        & ((ratio >= rules.outflow_ratio - _EPS) | (net >= rules.outflow_amount * 100 - 0.5))
    )
    idx = np.flatnonzero(fire)
    evidence, keys = [], []
    for i in idx.tolist():
        lo, hi = int(first[i]), int(last[i]) + 1
        moved_out = [j for j in range(lo, hi) if f.transfer_out[j] > f.transfer_in[j]]
        keys.append(_iso(cols.period[moved_out[-1] if moved_out else hi - 1]))
        evidence.append(
            {
                "net_out": _yuan(net[i]),
                "transfer_out": _yuan(out_c[i]),
                "transfer_in": _yuan(in_c[i]),
                "base_assets": _yuan(base[i]),
                "ratio": round(float(ratio[i]), 4),
                "window_days": rules.outflow_window_days,
                "from": _iso(cols.start[lo]),
                "to": _iso(cols.period[hi - 1]),
                "assets_now": _yuan(end_assets[i]),
            }
        )
    at_risk = (end_assets[idx] + net[idx]) / 100
    return _findings(cols, AlertRule.OUTFLOW, idx, at_risk, evidence, keys)


def _drawdown(cols: _Columns, rules: ChurnRules) -> list[Finding]:
    """Loss from the window's peak, net of transfers: the assets are chained into an
    index of period returns where money moved in or out counts at the period's start,
    ``r = assets / (previous assets + net transfer) − 1``, so moving money out is no loss."""
    f = cols.f
    if not len(f.period):
        return []
    cutoff = _months_back(f.on, rules.drawdown_window_months).toordinal()
    mask = (cols.period > cutoff) & (cols.period <= cols.on)
    first, last = cols.first_last(mask)
    prev = np.zeros(len(f.assets), dtype=np.float64)
    prev[1:] = f.assets[:-1]
    base = prev + f.transfer_in - f.transfer_out
    now = np.maximum(f.assets, 1).astype(np.float64)
    log_r = np.log(np.divide(now, base, out=np.ones_like(now), where=base > 0))
    counted = mask.copy()
    counted[first[first >= 0]] = False  # the window's first snapshot is where the index starts
    cum = np.cumsum(np.where(counted, log_r, 0.0))
    has = (first >= 0) & (last > first)
    dd = np.zeros(cols.n)
    if has.any():
        heads = first[has]
        peak = np.maximum.reduceat(np.where(mask, cum, -np.inf), heads)
        dd[has] = 1.0 - np.exp(cum[last[has]] - peak)
    fire = _watched(cols) & has & (dd >= rules.drawdown_ratio - _EPS)
    idx = np.flatnonzero(fire)
    evidence, keys, at_risk = [], [], []
    for i in idx.tolist():
        lo, hi = int(first[i]), int(last[i]) + 1
        top = lo + int(np.argmax(cum[lo:hi]))
        now_y = _yuan(f.assets[hi - 1])
        moved = f.transfer_in[top + 1 : hi].sum() - f.transfer_out[top + 1 : hi].sum()
        ratio = float(dd[i])
        keys.append(_iso(cols.period[top]))
        at_risk.append(now_y)
        evidence.append(
            {
                "peak_assets": _yuan(f.assets[top]),
                "peak_date": _iso(cols.period[top]),
                "assets_now": now_y,
                "date": _iso(cols.period[hi - 1]),
                "drawdown": round(ratio, 4),
                "loss": round(now_y / (1 - ratio) - now_y, 2)
                if ratio < 1
                else _yuan(f.assets[top]),
                "net_transfers": _yuan(moved),
                "window_months": rules.drawdown_window_months,
            }
        )
    return _findings(cols, AlertRule.DRAWDOWN, idx, np.array(at_risk), evidence, keys)


def _activity_drop(cols: _Columns, rules: ChurnRules) -> list[Finding]:
    f = cols.f
    days = rules.activity_window_days
    recent = cols.total(f.trades, cols.window(days))
    prior = cols.total(f.trades, cols.window(days, ending_days_ago=days))
    fire = (
        _watched(cols)
        & (prior >= max(rules.activity_min_prior_trades, 1))
        & (recent < rules.activity_drop_ratio * prior - _EPS)
    )
    # One drop, one key per month of its start: while it lasts (at most two windows)
    # a resolved alert comes back at most once a month.
    key = date.fromordinal(cols.on - days).strftime("%Y-%m")
    idx = np.flatnonzero(fire)

    def evidence(i: int) -> dict:
        return {
            "recent_trades": int(recent[i]),
            "prior_trades": int(prior[i]),
            "ratio": round(float(recent[i] / prior[i]), 4),
            "window_days": days,
        }

    keys = [key] * len(idx)
    return _findings(cols, AlertRule.ACTIVITY_DROP, idx, f.total_assets[idx], evidence, keys)


def _contact_gap(cols: _Columns, rules: ChurnRules, cadence: Mapping[str, int]) -> list[Finding]:
    f = cols.f
    per_tier = {t: cadence.get(t, 180) for t in set(f.tiers)}
    limit = np.array([per_tier[t] for t in f.tiers], dtype=np.int64)
    since = np.where(f.last_contact > 0, f.last_contact, f.opened).astype(np.int64)
    gap = cols.on - since
    fire = _watched(cols) & (since > 0) & (gap > limit)
    idx = np.flatnonzero(fire)
    keys = [_iso(start) for start in since[idx].tolist()]

    def evidence(i: int) -> dict:
        last = int(f.last_contact[i])
        return {
            "last_contact": _iso(last) if last else None,
            "since": _iso(int(since[i])),
            "days": int(gap[i]),
            "cadence_days": int(limit[i]),
            "tier": f.tiers[i],
        }

    return _findings(cols, AlertRule.CONTACT_GAP, idx, f.total_assets[idx], evidence, keys)


def _complaint(cols: _Columns, rules: ChurnRules) -> list[Finding]:
    f = cols.f
    watched = _watched(cols)
    hits = [(i, day, task) for i, (day, task) in sorted(f.complaints.items()) if watched[i]]
    idx = np.array([i for i, _, _ in hits], dtype=np.int64)
    evidence = [
        {
            "task_id": task_id,
            "date": day,
            "days_ago": cols.on - date.fromisoformat(day).toordinal(),
            "window_days": rules.complaint_window_days,
        }
        for _, day, task_id in hits
    ]
    keys = [f"{day}:{task_id}" for _, day, task_id in hits]
    return _findings(cols, AlertRule.COMPLAINT, idx, f.total_assets[idx], evidence, keys)


def _orphaned(cols: _Columns, rules: ChurnRules) -> list[Finding]:
    """Clients whose advisor departed, is on a leave longer than allowed, or who have none."""
    f = cols.f
    why: dict[str | None, dict | None] = {None: {"advisor_id": None, "advisor_status": "none"}}
    for advisor_id, a in f.advisor_info.items():
        why[advisor_id] = None
        if a.status is AdvisorStatus.DEPARTED:
            why[advisor_id] = {"advisor_id": advisor_id, "advisor_status": "departed"}
        elif a.status is AdvisorStatus.ON_LEAVE:
            started = a.leave_from or f.on
            length = (a.leave_to - started).days if a.leave_to else None
            ongoing = started <= f.on and (a.leave_to is None or a.leave_to >= f.on)
            if ongoing and (length is None or length > rules.orphan_leave_days):
                why[advisor_id] = {
                    "advisor_id": advisor_id,
                    "advisor_status": "on_leave",
                    "leave_from": a.leave_from.isoformat() if a.leave_from else None,
                    "leave_to": a.leave_to.isoformat() if a.leave_to else None,
                    "leave_days": length,
                    "threshold_days": rules.orphan_leave_days,
                }
    unknown = {"advisor_status": "unknown"}
    for advisor_id in set(f.advisors) - why.keys():
        why[advisor_id] = {"advisor_id": advisor_id, **unknown}
    code = {advisor_id: k for k, advisor_id in enumerate(why)}
    owners = np.fromiter(map(code.__getitem__, f.advisors), dtype=np.int32, count=cols.n)
    bad = [code[advisor_id] for advisor_id, reason in why.items() if reason is not None]
    orphaned = np.isin(owners, bad)
    hits = np.flatnonzero(orphaned & _watched(cols)).tolist()
    evidence = [dict(why[f.advisors[i]]) for i in hits]  # type: ignore[arg-type]
    keys = [
        f"{e['advisor_id']}:{e['advisor_status']}:{e.get('leave_from') or ''}" for e in evidence
    ]
    idx = np.array(hits, dtype=np.int64)
    return _findings(cols, AlertRule.ORPHANED, idx, f.total_assets[idx], evidence, keys)
