"""The dashboard's numbers: the branch at a glance after sign-in.

Everything here is read from indexes (clients per advisor, per month opened or closed),
so the dashboard stays cheap on a 50,000-client book; my tasks due today and overdue are
counted on the tasks' queue index. Panels owned by capabilities still
being built stay ``None`` in :class:`Dashboard` until those capabilities fill them in."""

from __future__ import annotations

from datetime import date

from .access import allowed
from .churn import reports as churn_reports
from .models import Staff, today
from .models.api import AdvisorBook, Dashboard
from .service.queries import counts_for
from .store import Store


def dashboard(store: Store, me: Staff, *, on: date | None = None) -> Dashboard:
    on = on or today()
    month = on.isoformat()[:7]
    clients = store.table("clients")
    # Two counts per queue from the due-date index: no pass over the tasks.
    mine = counts_for(store, me, on) if allowed(me.role, "tasks.read") else (None, None)
    board = Dashboard(
        as_of=on,
        month=month,
        clients=len(clients),
        month_gained=len(clients.index("opened_month").get(month)),
        advisor_books=advisor_books(store) if allowed(me.role, "assignments.read") else None,
        tasks_due_today=mine[0],
        tasks_overdue=mine[1],
    )
    # -- churn early warning: open alerts by severity band (for those who triage them),
    # and "lost" as the churn flow counts it: closed, or an alert resolved as lost.
    if allowed(me.role, "alerts.read"):
        board.alerts_by_severity = churn_reports.alerts_by_severity(store)
    board.month_lost = churn_reports.month_lost(store, on)
    return board


def advisor_books(store: Store) -> list[AdvisorBook]:
    """Every advisor's book size (departed advisors too: their clients need a new home)."""
    counts = store.table("clients").index("advisor").counts()
    docs = sorted(store.table("advisors")._read_table().values(), key=lambda d: d["id"])
    return [
        AdvisorBook(
            id=d["id"],
            name=d["name"],
            status=d.get("status", "active"),
            clients=counts.get(d["id"], 0),
            capacity=d.get("capacity", 1.0),
        )
        for d in docs
    ]
