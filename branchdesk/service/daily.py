"""The care the system does by itself every morning (统一由系统发送): thank-yous for the
last fortnight's deposits and referrals, the year's callbacks (new accounts and the
sample), and care tasks for clients past their cadence. Each step adds only what is
missing, so running it again — after a restart, or by hand — changes nothing.

Greetings are not here: they go to the gateway's outbox, which the branch runs on its
own schedule (``branchdesk greetings --occasion birthday`` from cron, for instance)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import msgspec

from ..models import CareRules
from ..store import Store
from .cadence import plan_cadence
from .callbacks import plan_callbacks
from .thankyou import scan_thank_yous

#: how far back a morning's thank-you scan looks (events are thanked once, whenever seen)
LOOK_BACK_DAYS = 14


class DailyCare(msgspec.Struct, kw_only=True):
    on: date
    thank_yous: int
    callbacks: int
    care_tasks: int
    warnings: list[str]


def daily_care(store: Store, *, on: date, actor: str = "system") -> DailyCare:
    thanks = scan_thank_yous(
        store, since=on - timedelta(days=LOOK_BACK_DAYS), until=on, actor=actor
    )
    calls = plan_callbacks(store, on.year, actor=actor)
    care = plan_cadence(store, on=on, actor=actor)
    return DailyCare(
        on=on,
        thank_yous=len(thanks.created),
        callbacks=calls.added_annual + calls.added_new_accounts,
        care_tasks=care.scheduled,
        warnings=sorted({*thanks.warnings, *calls.warnings, *care.warnings}),
    )


def due_now(rules: CareRules, at: datetime, last_run: date | None) -> bool:
    """Whether the morning run is due: switched on, past its time, not yet run today."""
    return (
        rules.daily_care and last_run != at.date() and at.strftime("%H:%M") >= rules.daily_care_time
    )
