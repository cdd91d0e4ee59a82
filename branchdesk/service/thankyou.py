"""Thank-yous (致谢), sent by the system rather than left to each advisor: a task due
within the care rules' working days (2) after a large deposit, a referral given or a new
product bought. Each event is thanked once (the task's occasion key), and clients who
refused contact are not thanked.

Deposits are found in the activity history (a period's transfers in at or over the
threshold; the period's last day is the event's day), referrals in the tasks (a contact
whose outcome was "referral given"); a new product is told to us (``add_thank_you``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import msgspec

from ..errors import Invalid
from ..models import CareRules, Channel, ChannelCosts, Outcome, Purpose, Task, now
from ..models.service_api import ThankYouEvent, ThankYouIn, ThankYouRun
from ..rules import get_rules
from ..store import Store
from . import histories
from .bulk import insert_tasks, task_doc, without_gc
from .calendar import WorkCalendar
from .spread import Team


@dataclass(frozen=True)
class Event:
    account_id: str
    kind: ThankYouEvent
    day: date
    key: str  # what makes it this event and no other
    detail: str


def deposits(store: Store, since: date, until: date) -> Iterator[Event]:
    threshold = round(get_rules(store, CareRules).thank_you_deposit_min * 100)
    low, high = since.toordinal(), until.toordinal()
    for account_id, (periods, transfer_in) in histories.columns(store, "periods", "transfer_in"):
        for period, cents in zip(periods, transfer_in, strict=True):
            if low <= period <= high and cents >= threshold:
                day = date.fromordinal(period)
                yield Event(
                    account_id,
                    ThankYouEvent.DEPOSIT,
                    day,
                    f"{account_id}:{day.isoformat()}",
                    f"deposit of ¥{cents / 100:,.0f}",
                )


def referrals(store: Store, since: date, until: date) -> Iterator[Event]:
    low, high = since.isoformat(), until.isoformat()
    tasks = store.table("tasks")
    ids = list(tasks._read_table())
    fields = ("outcome", "status", "done_at", "due_date", "account_id")
    for task_id, outcome, status, done_at, due, account_id in zip(
        ids, *tasks.columns(ids, *fields), strict=True
    ):
        if outcome != Outcome.REFERRAL.value or status != "done":
            continue
        day = (done_at or due)[:10]
        if low <= day <= high:
            yield Event(
                account_id,
                ThankYouEvent.REFERRAL,
                date.fromisoformat(day),
                task_id,
                "referral given",
            )


def occasion(event: Event) -> str:
    return f"thank_you:{event.kind.value}:{event.key}"


@without_gc
def thank(store: Store, events: list[Event], *, actor: str, dry_run: bool = False) -> ThankYouRun:
    """One thank-you task per event not thanked yet, due ``thank_you_working_days``
    working days after it, assigned to the client's advisor; one transaction."""
    rules = get_rules(store, CareRules)
    costs = get_rules(store, ChannelCosts).costs
    cal, team = WorkCalendar(store), Team(store)
    clients, tasks = store.table("clients"), store.table("tasks")
    by_key = tasks.index("occasion")
    stamp = now().isoformat()
    docs, already, no_consent = [], 0, 0
    seen: set[str] = set()
    for event in events:
        key = occasion(event)
        if by_key.get(key) or key in seen:
            already += 1
            continue
        client = clients.doc(event.account_id)
        if client is None:
            raise Invalid(f"no client {event.account_id!r}", field="account_id")
        if not client.get("contact_consent", True):
            no_consent += 1
            continue
        seen.add(key)
        channel = Channel(client.get("preferred_channel", "phone"))
        due = cal.add_workdays(event.day, rules.thank_you_working_days)
        docs.append(
            task_doc(
                account_id=event.account_id,
                channel=channel,
                purpose=Purpose.THANK_YOU,
                due=due,
                assignee=team.worker(client.get("advisor_id"), [due]),
                actor=actor,
                stamp=stamp,
                cost=costs[channel],
                occasion=key,
                notes=f"thank-you: {event.detail} on {event.day.isoformat()}",
            )
        )
    if not dry_run:
        insert_tasks(
            store,
            docs,
            actor=actor,
            action="care.thank_you",
            entity_id=stamp[:10],
            detail=f"{len(docs)} thank-you tasks, {already} already thanked",
        )
    created = [msgspec.convert(d, Task) for d in docs]
    return ThankYouRun(
        created=created, already=already, no_consent=no_consent, warnings=cal.warnings
    )


def scan_thank_yous(
    store: Store, *, since: date, until: date, actor: str, dry_run: bool = False
) -> ThankYouRun:
    """Thank-yous for every large deposit and referral between ``since`` and ``until``."""
    if until < since:
        raise Invalid("before since", field="until")
    events = [*deposits(store, since, until), *referrals(store, since, until)]
    events.sort(key=lambda e: (e.day, e.account_id, e.key))
    return thank(store, events, actor=actor, dry_run=dry_run)


def add_thank_you(store: Store, entry: ThankYouIn, *, actor: str) -> ThankYouRun:
    """A thank-you for one event the branch tells us about (a new product bought …)."""
    if store.table("clients").doc(entry.account_id) is None:
        raise Invalid(f"no client {entry.account_id!r}", field="account_id")
    detail = entry.detail or entry.event.value.replace("_", " ")
    key = f"{entry.account_id}:{entry.on.isoformat()}:{entry.detail}"
    event = Event(entry.account_id, entry.event, entry.on, key, detail)
    return thank(store, [event], actor=actor)
