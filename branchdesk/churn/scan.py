"""A churn scan: findings become alerts, one open alert per client and rule.

- no alert open for the client and rule → a new one, unless a resolved alert already
  stands for the same evidence (``evidence_key``): resolved alerts return only on new
  evidence;
- an open alert with the same evidence → left alone (a scan on unchanged data writes
  nothing at all, so running it twice is harmless);
- an open alert whose evidence moved on (a newer outflow, a later peak) → its evidence,
  severity and advisor are refreshed and its version goes up.

All of one scan's writes are one transaction, with one audit entry that sums them up."""

from __future__ import annotations

import gc
import secrets
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

import msgspec

from .. import audit, i18n
from ..models import AlertRule, ChurnRules, TierRules, new_id, now, today
from ..models.churn import ScanResult
from ..rules import get_rules
from ..store import Store
from .evaluate import Finding, evaluate
from .frame import gather


def find(store: Store, on: date | None = None) -> tuple[list[Finding], int]:
    """The findings of every enabled rule on ``on`` (default today) and the client count."""
    on = on or today()
    rules = get_rules(store, ChurnRules)
    cadence = {str(k): v for k, v in get_rules(store, TierRules).cadence_days.items()}
    frame = gather(store, on, complaint_days=rules.complaint_window_days)
    return evaluate(frame, rules, cadence), len(frame)


def scan(store: Store, *, actor: str, on: date | None = None) -> ScanResult:
    """Run every enabled rule over the whole book and bring the alerts up to date.

    It runs on the caller's thread, the server's event loop included. Measured on the
    50,000-client bench book (docs/BENCHMARKS.md, CPU seconds on a shared 2-core
    machine): a daily re-scan ≈ 1 s, of which the pure rule part (:func:`evaluate`)
    is ≈ 0.25 s; the rest reads the store (gather) or writes alerts (apply), which must
    stay on the loop because TinyDB is not thread-safe. Moving a quarter of a second to
    a thread would buy little and cost a re-check of every finding against alerts
    changed meanwhile, so the whole scan stays on the loop: once a day before opening
    (``scan_time``, 07:30 by default) and when a manager asks."""
    started = time.perf_counter()
    on = on or today()
    with _collector_paused():
        findings, clients = find(store, on)
        counts = apply(store, findings, actor=actor)
    result = ScanResult(
        on=on,
        clients=clients,
        findings=len(findings),
        raised=counts["raised"],
        reraised=counts["reraised"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        by_rule=dict(sorted(Counter(f.rule for f in findings).items())),
        seconds=round(time.perf_counter() - started, 3),
    )
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A scan makes tens of thousands of short-lived objects next to the millions the
    store holds; each full collection they trigger walks all of those (measured: about
    a second per 50,000-client scan). Nothing made here forms reference cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def apply(store: Store, findings: Iterable[Finding], *, actor: str) -> Counter:
    """Write the findings as alerts (see the module docstring); returns what was done."""
    table = store.table("alerts")
    open_ix = table.index("open_by_client_rule")
    by_account = table.index("account")
    counts: Counter = Counter(raised=0, reraised=0, updated=0, unchanged=0)
    stamp = now().isoformat()
    writes: list[dict] = []
    for f in findings:
        open_ids = open_ix.get((f.account_id, str(f.rule)))
        if open_ids:
            current = table.doc(next(iter(open_ids)))
            assert current is not None
            if (
                current["evidence_key"] == f.evidence_key
                and current.get("advisor_id") == f.advisor_id
            ):
                counts["unchanged"] += 1
                continue
            writes.append(_refreshed(current, f))
            counts["updated"] += 1
            continue
        resolved = [
            d
            for d in (table.doc(i) for i in by_account.get(f.account_id))
            if d is not None and d["rule"] == f.rule
        ]
        if any(d["evidence_key"] == f.evidence_key for d in resolved):
            counts["unchanged"] += 1  # already handled: a person resolved this evidence
            continue
        writes.append(_new_alert(f, stamp))
        counts["reraised" if resolved else "raised"] += 1
    fresh = [doc for doc in writes if doc["id"] is None]
    for doc, alert_id in zip(fresh, _ids(len(fresh)), strict=True):
        doc["id"] = alert_id
    if writes:
        with store.transaction():
            table.put_many(writes)
            audit.record(
                store,
                actor=actor,
                action="alerts.scan",
                entity="alerts",
                entity_id="scan",
                detail=(
                    f"{counts['raised']} raised, {counts['reraised']} raised again, "
                    f"{counts['updated']} updated"
                ),
            )
    return counts


def _new_alert(f: Finding, stamp: str) -> dict:
    """The stored form of a new alert, written as ``msgspec.to_builtins(Alert(...))``
    would (tests hold the two to it) without building the Struct for each of the tens
    of thousands a first scan raises. Words are made when shown (:mod:`.words`)."""
    return {
        "id": None,  # filled in by apply, in one go
        "account_id": f.account_id,
        "rule": str(f.rule),
        "status": "open",
        "severity": f.severity,
        "assets_at_risk": f.assets_at_risk,
        "evidence": f.evidence,
        "evidence_text": "",
        "evidence_key": f.evidence_key,
        "advisor_id": f.advisor_id,
        "raised_at": stamp,
        "task_id": None,
        "resolution": None,
        "reason": None,
        "reason_text": "",
        "resolved_at": None,
        "history": [],
        "version": 1,
    }


def _ids(n: int) -> list[str]:
    """``n`` ids shaped like :func:`~branchdesk.models.new_id` (milliseconds, then 9 hex
    digits), made in one go: consecutive after a random start, so none repeats."""
    prefix = new_id()[:11]
    start = secrets.randbits(36)
    return [f"{prefix}{(start + k) % (1 << 36):09x}" for k in range(n)]


def _refreshed(current: dict, f: Finding) -> dict:
    return {
        **current,
        "severity": f.severity,
        "assets_at_risk": f.assets_at_risk,
        "evidence": f.evidence,
        "evidence_key": f.evidence_key,
        "advisor_id": f.advisor_id,
        "version": current["version"] + 1,
    }


def summary(result: ScanResult, lang: str) -> str:
    return i18n.t("churn.scan_done", lang, **msgspec.structs.asdict(result))


__all__ = ["AlertRule", "apply", "find", "scan", "summary"]
