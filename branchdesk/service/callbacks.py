"""Regulatory callbacks (回访, CSRC rules on brokerage business, 2010).

- Every new account gets a callback within a month of opening.
- Each year at least 10% of the clients on the book at the prior year end (dormant
  accounts excluded) get one, spread over the months. The sample is drawn with a random
  generator seeded by the year, so the same book gives the same sample on any machine,
  and a second plan for the year adds only what is missing (occasion keys).
- A callback that does not reach the client is tried again; the third failure closes it
  as not reached and flags it (see :meth:`branchdesk.tasks.TaskBook.complete`).

Callbacks go to the callback queue (the front desk), not to the client's advisor: the
call asks whether staff traded for the client. They are a duty, not marketing, so a
client who declined marketing contact still gets theirs."""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date, timedelta

from ..activity import History
from ..errors import Invalid
from ..models import (
    CareRules,
    Channel,
    ChannelCosts,
    ClientStatus,
    Purpose,
    TierRules,
    now,
    today,
)
from ..models.service_api import CallbackPlan, CallbackReport, CallbackRow
from ..rules import get_rules
from ..store import Store
from ..tasks import CALLBACK_QUEUE
from .bulk import insert_tasks, task_doc, without_gc
from .calendar import WorkCalendar


def annual_key(year: int, account_id: str) -> str:
    return f"callback:annual:{year}:{account_id}"


def new_account_key(account_id: str) -> str:
    return f"callback:new:{account_id}"


def population(store: Store, year: int) -> tuple[date, list[str]]:
    """(as of, account ids): the clients on the book at the end of ``year - 1`` who were
    not dormant then. For a year whose prior year has not ended, today's book is used."""
    as_of = min(date(year - 1, 12, 31), today())
    dormant_days = get_rules(store, TierRules).dormant_days
    activity = store.table("activity")
    iso = as_of.isoformat()
    out = []
    for doc in store.table("clients")._read_table().values():
        opened, closed = doc.get("open_date"), doc.get("closed_date")
        if (opened and opened > iso) or (closed and closed <= iso):
            continue
        if doc.get("status") == ClientStatus.LOST.value:
            continue  # nobody left to call
        since = _last_trade_by(activity.doc(doc["account_id"]), as_of)
        if since is None and (doc.get("last_trade_date") or "9999") <= iso:
            since = date.fromisoformat(doc["last_trade_date"])  # history starts later
        if since is None and opened:
            since = date.fromisoformat(opened)
        if since is not None and (as_of - since).days < dormant_days:
            out.append(doc["account_id"])
    return as_of, sorted(out)


def _last_trade_by(doc: dict | None, as_of: date) -> date | None:
    if doc is None:
        return None
    h = History.from_doc(doc)
    limit, best = as_of.toordinal(), 0
    for i, period in enumerate(h.periods):
        if h.last_trade[i] and h.last_trade[i] <= limit:
            best = max(best, h.last_trade[i])
        elif h.trade_count[i] > 0 and period <= limit:
            best = max(best, period)
    return date.fromordinal(best) if best else None


def sample_order(year: int, accounts: list[str]) -> list[str]:
    """The population in the year's reproducible random order."""
    order = sorted(accounts)
    random.Random(f"branchdesk-callbacks-{year}").shuffle(order)
    return order


@without_gc
def plan_callbacks(store: Store, year: int, *, actor: str, dry_run: bool = False) -> CallbackPlan:
    """Plan the year's annual sample and any new-account callbacks still missing."""
    on = today()
    if year < on.year:
        raise Invalid(f"{year} is over; plan this year or a later one", field="year")
    care = get_rules(store, CareRules)
    costs = get_rules(store, ChannelCosts).costs
    cal = WorkCalendar(store)
    tasks = store.table("tasks")
    by_key = tasks.index("occasion")
    as_of, people = population(store, year)
    required = math.ceil(care.callback_yearly_share * len(people))
    # A cancelled callback does not count, but its client is not drawn again either.
    have = [d for d in _annual_tasks(store, year) if d["status"] != "cancelled"]
    pick = [a for a in sample_order(year, people) if not by_key.get(annual_key(year, a))]
    pick = pick[: max(0, required - len(have))]
    first_month = on.month if year == on.year else 1
    months = list(range(first_month, 13))
    stamp = now().isoformat()
    docs, by_month = [], Counter(int(d["due_date"][5:7]) for d in have)
    for m_index, month in enumerate(months):
        chosen = pick[m_index :: len(months)]
        days = _month_days(cal, year, month, on)
        for k, account_id in enumerate(chosen):
            due = days[k * len(days) // len(chosen)]
            docs.append(_doc(account_id, due, annual_key(year, account_id), actor, stamp, costs))
            by_month[month] += 1
    added_new = _new_accounts(store, year, on, cal, care, actor, stamp, costs, by_key)
    docs += added_new
    if not dry_run:
        insert_tasks(
            store,
            docs,
            actor=actor,
            action="callbacks.plan",
            entity_id=str(year),
            detail=f"{len(docs) - len(added_new)} annual and {len(added_new)} new-account "
            f"callbacks; population {len(people)} as of {as_of}",
        )
    return CallbackPlan(
        year=year,
        population_as_of=as_of,
        population=len(people),
        required=required,
        sampled=len(have) + len(docs) - len(added_new),
        added_annual=len(docs) - len(added_new),
        added_new_accounts=len(added_new),
        by_month=dict(sorted(by_month.items())),
        dry_run=dry_run,
        warnings=cal.warnings,
    )


def _month_days(cal: WorkCalendar, year: int, month: int, on: date) -> list[date]:
    start = date(year, month, 1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    days = cal.workdays(max(start, on + timedelta(days=1)), end)
    return days or [cal.next_workday(max(start, on + timedelta(days=1)))]


def _new_accounts(store, year, on, cal, care, actor, stamp, costs, by_key) -> list[dict]:
    """A callback for each account opened in ``year`` (up to today) that has none."""
    window = care.callback_new_account_days
    out = []
    low, high = date(year, 1, 1).isoformat(), on.isoformat()
    for doc in store.table("clients")._read_table().values():
        opened = doc.get("open_date")
        if not opened or not low <= opened <= high:
            continue
        if doc.get("status") == ClientStatus.LOST.value:
            continue
        if by_key.get(new_account_key(doc["account_id"])):
            continue
        # The next working day after opening; late ones (opened over a window ago, say
        # before the desk used BranchDesk) are due at once and show as late in the report.
        first = cal.next_workday(date.fromisoformat(opened), include=False)
        due = max(first, cal.next_workday(on))
        note = f"new account opened {opened}: callback due by {_plus(opened, window)}"
        out.append(
            _doc(
                doc["account_id"],
                due,
                new_account_key(doc["account_id"]),
                actor,
                stamp,
                costs,
                notes=note,
            )
        )
    return out


def _doc(account_id, due, key, actor, stamp, costs, notes: str = "") -> dict:
    return task_doc(
        account_id=account_id,
        channel=Channel.PHONE,
        purpose=Purpose.CALLBACK,
        due=due,
        assignee=CALLBACK_QUEUE,
        actor=actor,
        stamp=stamp,
        cost=costs[Channel.PHONE],
        occasion=key,
        notes=notes
        or "regulatory callback: identity, account changes, whether staff traded "
        "for the client, risk disclosure",
    )


def _plus(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def _annual_tasks(store: Store, year: int) -> list[dict]:
    prefix = f"callback:annual:{year}:"
    index = store.table("tasks").index("occasion")
    table = store.table("tasks")
    keys = [k for k in index.keys() if isinstance(k, str) and k.startswith(prefix)]  # noqa: SIM118
    return [table.doc(i) for key in keys for i in index.get(key)]


def callback_report(store: Store, year: int) -> CallbackReport:
    """Every callback of ``year`` for compliance: who, when, how it went, and whether the
    yearly share and the new-account window were met."""
    care = get_rules(store, CareRules)
    window = care.callback_new_account_days
    _, people = population(store, year)
    clients = store.table("clients")
    low, high = f"{year}-01-01", f"{year}-12-31"
    rows = []
    for doc in store.table("tasks")._read_table().values():
        if doc.get("purpose") != Purpose.CALLBACK.value:
            continue
        key = doc.get("occasion") or ""
        mine = key.startswith(f"callback:annual:{year}:")
        if not (mine or low <= doc["due_date"] <= high):
            continue
        client = clients.doc(doc["account_id"]) or {}
        kind = (
            "annual"
            if key.startswith("callback:annual:")
            else ("new_account" if key.startswith("callback:new:") else "other")
        )
        done_at = doc.get("done_at")
        done_on = date.fromisoformat(done_at[:10]) if done_at else None
        opened = client.get("open_date")
        on_time = None
        if kind == "new_account" and opened and done_on:
            on_time = doc["status"] == "done" and done_on <= date.fromisoformat(
                _plus(opened, window)
            )
        rows.append(
            CallbackRow(
                task_id=doc["id"],
                account_id=doc["account_id"],
                name=client.get("name", ""),
                kind=kind,
                due_date=date.fromisoformat(doc["due_date"]),
                status=doc["status"],
                outcome=doc.get("outcome"),
                attempts=doc.get("attempts", 0),
                flagged=doc.get("flagged", False),
                done_by=doc.get("done_by"),
                done_on=done_on,
                opened=date.fromisoformat(opened) if opened else None,
                on_time=on_time,
            )
        )
    rows.sort(key=lambda r: (r.due_date, r.account_id))
    done = [r for r in rows if r.status == "done"]
    return CallbackReport(
        year=year,
        population=len(people),
        required=math.ceil(care.callback_yearly_share * len(people)),
        annual=sum(r.kind == "annual" for r in rows),
        new_accounts=sum(r.kind == "new_account" for r in rows),
        done=len(done),
        reached=sum(r.outcome not in (None, "not_reached") for r in done),
        not_reached=sum(r.outcome == "not_reached" for r in rows),
        flagged=sum(r.flagged for r in rows),
        planned=sum(r.status == "planned" for r in rows),
        rows=rows,
    )
