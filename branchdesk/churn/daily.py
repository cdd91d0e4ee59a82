"""The daily scan inside the server: once a day, at the churn rules' ``scan_time``.

The server asks every minute whether it is due; the day of the last run is stored
(``churn_runs``), so a restart after the scan time does not scan again, and a server
that was down at the scan time scans as soon as it is back."""

from __future__ import annotations

from datetime import datetime, time

import msgspec

from ..models import CST, ChurnRules, now
from ..models.churn import ScanResult, ScanRun
from ..rules import get_rules
from ..store import Store
from .scan import scan

RUN_ID = "daily"
ACTOR = "system:daily-scan"
CHECK_EVERY_SECONDS = 60.0


def last_run(store: Store) -> ScanRun:
    doc = store.table("churn_runs").doc(RUN_ID)
    return msgspec.convert(doc, ScanRun) if doc else ScanRun()


def is_due(store: Store, at: datetime) -> bool:
    at = at.astimezone(CST)
    hour, minute = map(int, get_rules(store, ChurnRules).scan_time.split(":"))
    if at.time() < time(hour, minute):
        return False
    done = last_run(store).last_date
    return done is None or done < at.date()


def run_if_due(store: Store, at: datetime | None = None) -> ScanResult | None:
    """Scan when today's scan time has passed and today's scan has not run."""
    at = at or now()
    if not is_due(store, at):
        return None
    result = scan(store, actor=ACTOR, on=at.astimezone(CST).date())
    run = ScanRun(id=RUN_ID, last_date=at.astimezone(CST).date(), finished_at=now(), result=result)
    store.table("churn_runs").put(msgspec.to_builtins(run))
    return result
