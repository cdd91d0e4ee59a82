"""System-sent care: greetings, thank-yous, cadence scheduling; and the working-day calendar.

Store work stays on the event loop (TinyDB is not thread-safe, and a thread would need a
lock around every request). What keeps the loop responsive is the size of each request:
a greetings run comes in batches of at most 5,000 clients (the CLI and the TUI loop over
them with a progress bar), and the other runs are a single pass over the book measured
in tens of milliseconds at 50,000 clients (see docs/BENCHMARKS.md)."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from branchdesk.errors import Invalid
from branchdesk.models import Staff, today
from branchdesk.models.service_api import (
    CadencePlan,
    CadenceRequest,
    CalendarYearIn,
    CalendarYearInfo,
    GreetingBatch,
    GreetingRequest,
    ThankYouIn,
    ThankYouRun,
    ThankYouScan,
)
from branchdesk.service.cadence import plan_cadence
from branchdesk.service.calendar import save_year, years_info
from branchdesk.service.greetings import run_greetings
from branchdesk.service.thankyou import add_thank_you, scan_thank_yous
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in

Year = Annotated[int | None, QueryParameter(ge=2000, le=2100)]


class CareController(Controller):
    path = "/care"
    tags = ["care"]
    opt = requires("care.run")

    @post("/greetings", operation_id="runGreetings", responses=signed_in(), sync_to_thread=False)
    def greetings(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        data: JSONBody[GreetingRequest],
    ) -> GreetingBatch:
        """Draft one batch of greetings and log each as a remote task; a second run for
        the same occasion and year drafts nothing. ``total`` tells how many clients the
        whole run covers: call again with ``offset`` moved on until it is reached."""
        return run_greetings(store, data, actor=me.username)

    @post(
        "/thank-you/scan", operation_id="scanThankYous", responses=signed_in(), sync_to_thread=False
    )
    def scan(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        data: JSONBody[ThankYouScan],
    ) -> ThankYouRun:
        """Thank-you tasks for the large deposits and referrals of a period, each due
        within the care rules' working days after it; each event is thanked once."""
        return scan_thank_yous(
            store,
            since=data.since,
            until=data.until or today(),
            actor=me.username,
            dry_run=data.dry_run,
        )

    @post("/thank-you", operation_id="addThankYou", responses=signed_in(), sync_to_thread=False)
    def thank_you(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], data: JSONBody[ThankYouIn]
    ) -> ThankYouRun:
        """A thank-you for one event (a new product bought, a referral, a deposit)."""
        return add_thank_you(store, data, actor=me.username)

    @post("/cadence", operation_id="planCadence", responses=signed_in(), sync_to_thread=False)
    def cadence(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        data: JSONBody[CadenceRequest],
    ) -> CadencePlan:
        """Care tasks for every client past their tier's cadence, spread over their
        advisor's next working days within the daily limit."""
        return plan_cadence(
            store,
            on=today(),
            actor=me.username,
            horizon_days=data.horizon_days,
            daily_limit=data.daily_limit,
            dry_run=data.dry_run,
        )


class CalendarController(Controller):
    path = "/calendar"
    tags = ["calendar"]
    opt = requires("rules.read")

    @get("/", operation_id="listCalendarYears", responses=signed_in(), sync_to_thread=False)
    def years(
        self, store: NamedDependency[Store], first: Year = None, last: Year = None
    ) -> list[CalendarYearInfo]:
        """Where each year's working days come from: a loaded schedule, the built-in
        official one (2004–2026), or the Monday–Friday fallback."""
        start = first or today().year - 1
        end = last or start + 2
        return years_info(store, range(start, max(start, end) + 1))

    @put(
        "/{year:str}",
        operation_id="loadCalendarYear",
        opt=requires("rules.write"),
        responses=signed_in(),
        sync_to_thread=False,
    )
    def load(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        year: FromPath[str],
        data: JSONBody[CalendarYearIn],
    ) -> CalendarYearInfo:
        """Store a year's official holidays and make-up working days (replaces it)."""
        if not year.isdigit():
            raise Invalid("a year such as 2027", field="year")
        return save_year(store, int(year), data, actor=me.username)
