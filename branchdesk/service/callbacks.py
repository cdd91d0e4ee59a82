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
from dataclasses import dataclass
from datetime import date, timedelta

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
from ..models.service_api import CallbackPlan
from ..rules import get_rules
from ..store import Store
from ..tasks import CALLBACK_QUEUE
from . import histories
from .bulk import insert_tasks, task_doc, without_gc
from .calendar import WorkCalendar


def annual_key(year: int, account_id: str) -> str:
    return f"callback:annual:{year}:{account_id}"


def new_account_key(account_id: str) -> str:
    return f"callback:new:{account_id}"


HISTORY = ("periods", "trade_count", "last_trade")
CLIENT_FIELDS = ("open_date", "closed_date", "status", "last_trade_date")


@dataclass(frozen=True)
class PopulationInputs:
    """What the population of a year is worked out from, as read from the store."""

    as_of: date
    dormant_days: int
    client_ids: list[str]
    client_columns: list[list]
    history_ids: list[str]
    history_columns: list[list]


def population_inputs(store: Store, year: int) -> PopulationInputs:
    """The store reads behind :func:`population_of` (cheap: columns, nothing decoded)."""
    clients = store.table("clients")
    ids = list(clients._read_table())
    history_ids, history = histories.packed(store, *HISTORY)
    return PopulationInputs(
        as_of=min(date(year - 1, 12, 31), today()),
        dormant_days=get_rules(store, TierRules).dormant_days,
        client_ids=ids,
        client_columns=clients.columns(ids, *CLIENT_FIELDS),
        history_ids=history_ids,
        history_columns=history,
    )


def population_of(inputs: PopulationInputs) -> tuple[date, list[str]]:
    """(as of, account ids): the clients on the book at the end of the prior year who were
    not dormant then (for a prior year not yet over, today's book). Pure computation."""
    as_of = inputs.as_of
    iso = as_of.isoformat()
    traded = _last_trades_by(inputs, as_of)
    out = []
    for account_id, opened, closed, status, last_trade in zip(
        inputs.client_ids, *inputs.client_columns, strict=True
    ):
        if (opened and opened > iso) or (closed and closed <= iso):
            continue
        if status == ClientStatus.LOST.value:
            continue  # nobody left to call
        since = traded.get(account_id)
        if since is None and (last_trade or "9999") <= iso:
            since = date.fromisoformat(last_trade)  # the history starts later
        if since is None and opened:
            since = date.fromisoformat(opened)
        if since is not None and (as_of - since).days < inputs.dormant_days:
            out.append(account_id)
    return as_of, sorted(out)


def population(store: Store, year: int) -> tuple[date, list[str]]:
    return population_of(population_inputs(store, year))


def _last_trades_by(inputs: PopulationInputs, as_of: date) -> dict[str, date]:
    """Each client's last trade on or before ``as_of``, as the back office reported it."""
    limit = as_of.toordinal()
    out = {}
    for account_id, (periods, counts, last) in histories.decoded(
        inputs.history_ids, inputs.history_columns, HISTORY
    ):
        best = 0
        for period, count, day in zip(periods, counts, last, strict=True):
            if day and day <= limit:
                best = max(best, day)
            elif count > 0 and period <= limit:
                best = max(best, period)
        if best:
            out[account_id] = date.fromordinal(best)
    return out


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
    clients = store.table("clients")
    ids = list(clients._read_table())
    for account_id, opened, status in zip(
        ids, *clients.columns(ids, "open_date", "status"), strict=True
    ):
        if not opened or not low <= opened <= high:
            continue
        if status == ClientStatus.LOST.value:
            continue
        if by_key.get(new_account_key(account_id)):
            continue
        # The next working day after opening; late ones (opened over a window ago, say
        # before the desk used BranchDesk) are due at once and show as late in the report.
        first = cal.next_workday(date.fromisoformat(opened), include=False)
        due = max(first, cal.next_workday(on))
        note = f"new account opened {opened}: callback due by {_plus(opened, window)}"
        out.append(
            _doc(
                account_id,
                due,
                new_account_key(account_id),
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
