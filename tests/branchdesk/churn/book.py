"""A tiny branch written through the real paths (client book, activity, tasks), for
putting one client at a time just at, below or above a rule's threshold."""

from __future__ import annotations

from datetime import date, timedelta

import msgspec

from branchdesk.activity import Activity, month_ends
from branchdesk.book import ClientBook
from branchdesk.churn.scan import find
from branchdesk.models import ActivitySnapshot, Advisor, AdvisorStatus, Client
from branchdesk.store import Store
from branchdesk.tasks import TaskBook

ON = date(2026, 11, 25)


def advisor(store: Store, advisor_id: str = "A01", **fields) -> None:
    store.table("advisors").put(
        msgspec.to_builtins(Advisor(id=advisor_id, name="陈志明", version=1, **fields))
    )


def client(store: Store, acct: str, *, advisor_id: str = "A01", **fields) -> None:
    if store.table("advisors").doc(advisor_id) is None:
        advisor(store, advisor_id, status=AdvisorStatus.ACTIVE)
    defaults = {"open_date": date(2015, 1, 5), "advisor_id": advisor_id}
    ClientBook(store).save(
        Client(account_id=acct, name="测试客户", **{**defaults, **fields}), actor="t"
    )


def history(store: Store, acct: str, rows: list[dict]) -> None:
    """Snapshots from rows of ``period``, ``total_assets`` and any other field."""
    snaps = [msgspec.convert({"account_id": acct, **r}, ActivitySnapshot) for r in rows]
    Activity(store).record(snaps, actor="t", on=ON)


def monthly(store: Store, acct: str, assets: list[float], **last: object) -> None:
    """One snapshot per month ending ON (the month to date last); ``last`` adds fields
    to the newest one."""
    periods = month_ends(ON, len(assets))
    periods[-1] = ON
    rows = [{"period": p, "total_assets": a} for p, a in zip(periods, assets, strict=True)]
    rows[-1].update(last)
    history(store, acct, rows)


def task(store: Store, acct: str, day: date, **fields) -> None:
    data = {
        "account_id": acct,
        "channel": "phone",
        "purpose": "relationship",
        "due_date": day.isoformat(),
        "status": "done",
        "outcome": "reached",
        **fields,
    }
    TaskBook(store).create(data, actor="t")


def fired(store: Store, acct: str, on: date = ON) -> dict:
    """The findings for one client, by rule."""
    return {str(f.rule): f for f in find(store, on)[0] if f.account_id == acct}


def days_ago(n: int) -> date:
    return ON - timedelta(days=n)
