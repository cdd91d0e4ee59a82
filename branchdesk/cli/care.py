"""System-sent care from the command line: ``greetings``, ``care thankyou``/``care thank``,
``cadence plan``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from .. import i18n
from ..models.service_api import (
    CadenceRequest,
    GreetingMessage,
    GreetingRequest,
    Occasion,
    OutboxEncoding,
    ThankYouEvent,
    ThankYouIn,
)
from ..schema import data_folder
from ..service.outbox import Outbox
from .common import Group, connect, console, data_option, emit_json, json_option, lang_option, table
from .service_common import DATE, day_of, print_tasks, progress_bar, warn

BATCH = 5000  # clients per request: the server's most, and a steady progress bar


@click.command()
@data_option
@click.option(
    "--occasion", type=click.Choice([o.value for o in Occasion]), required=True, help="What for."
)
@click.option("--date", "on", type=DATE, help="The day they go out (default today).")
@click.option("--outbox", type=click.Path(dir_okay=False), help="The gateway's file (CSV).")
@click.option(
    "--encoding",
    type=click.Choice([e.value for e in OutboxEncoding]),
    default="utf-8",
    show_default=True,
    help="The outbox's encoding: what the SMS/WeChat gateway reads.",
)
@click.option(
    "--lang",
    type=click.Choice(i18n.LANGS),
    default="zh",
    show_default=True,
    help="Language of the messages.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be drafted; log and write nothing.")
@click.option("--resend", is_flag=True, help="Write the messages already logged out again.")
@json_option
def greetings(
    data: str | None,
    occasion: str,
    on: datetime | None,
    outbox: str | None,
    encoding: str,
    lang: str,
    dry_run: bool,
    resend: bool,
    as_json: bool,
) -> None:
    """Draft greetings for every consenting client into the gateway's outbox file and log
    each as a remote task. Running it again for the same occasion adds nothing.

    \b
    Examples:
      branchdesk greetings --occasion spring_festival --date 2027-02-05
      branchdesk greetings --occasion birthday --encoding gbk --outbox /srv/gateway/out.csv
    """
    from ..models import today

    day = day_of(on) or today()
    path = Path(outbox or Path(data_folder(data)) / "outbox" / f"greetings-{occasion}-{day}.csv")
    sink = None if dry_run else Outbox(path, encoding)  # fails here, before anything is logged
    drafted: list[GreetingMessage] = []
    counts = {"already_sent": 0, "no_consent": 0, "no_phone": 0}
    total = offset = 0
    try:
        with connect(data, write=True) as api:
            bar = progress_bar("greetings")
            with bar:
                while True:
                    batch = api.greetings(
                        GreetingRequest(
                            occasion=Occasion(occasion),
                            on=day,
                            lang=lang,
                            encoding=OutboxEncoding(encoding),
                            dry_run=dry_run,
                            resend=resend,
                            offset=offset,
                            limit=BATCH,
                        )
                    )
                    total = batch.total
                    bar.length = max(1, total)
                    if sink is not None:
                        sink.write(batch.messages)
                    drafted += batch.messages if dry_run else []
                    for key in counts:
                        counts[key] += getattr(batch, key)
                    offset += BATCH
                    bar.update(min(BATCH, max(0, total - bar.pos)))
                    if offset >= total:
                        break
    finally:
        if sink is not None:
            sink.close()
    written = sink.written if sink else len(drafted)
    summary = {
        "occasion": occasion,
        "on": day.isoformat(),
        "clients": total,
        "drafted": written,
        **counts,
        "outbox": None if dry_run else str(path),
        "encoding": encoding,
        "dry_run": dry_run,
    }
    if as_json:
        emit_json({**summary, "messages": drafted} if dry_run else summary)
        return
    label = i18n.t(f"occasion.{occasion}", lang)
    verb = "would draft" if dry_run else ("wrote again" if resend else "drafted")
    where = "" if dry_run else f" into {path} ({encoding})"
    console.print(f"{label} {day}: {verb} {written:,} messages{where}.")
    console.print(
        f"Already sent: {counts['already_sent']:,}; declined contact: "
        f"{counts['no_consent']:,}; no phone: {counts['no_phone']:,}."
    )
    for m in drafted[:5]:
        console.print(f"  {m.account_id} {m.channel.value}: {m.text}")


@click.group(cls=Group)
def care() -> None:
    """System-sent care: thank-yous after deposits, referrals and new products."""


def _print_run(run, as_json: bool, lang: str) -> None:  # type: ignore[no-untyped-def]
    warn(run.warnings)
    if as_json:
        emit_json(run)
        return
    print_tasks(run.created, lang)
    console.print(
        f"{len(run.created)} thank-you tasks created; {run.already} already thanked; "
        f"{run.no_consent} declined contact."
    )


@care.command("thankyou")
@data_option
@click.option("--since", type=DATE, required=True, help="Events from this day on.")
@click.option("--until", type=DATE, help="Events up to this day (default today).")
@click.option("--dry-run", is_flag=True)
@json_option
@lang_option
def thankyou(
    data: str | None,
    since: datetime,
    until: datetime | None,
    dry_run: bool,
    as_json: bool,
    lang: str | None,
) -> None:
    """Thank-you tasks for large deposits and referrals, due within 2 working days.

    \b
    Example:
      branchdesk care thankyou --since 2026-11-01
    """
    with connect(data, write=True) as api:
        run = api.scan_thank_yous(since=since.date(), until=day_of(until), dry_run=dry_run)
    _print_run(run, as_json, lang or i18n.default_lang())


@care.command("thank")
@data_option
@click.argument("account_id")
@click.option("--event", type=click.Choice([e.value for e in ThankYouEvent]), default="new_product")
@click.option("--date", "on", type=DATE, help="When it happened (default today).")
@click.option("--detail", default="", help="e.g. the product bought.")
@json_option
@lang_option
def thank(
    data: str | None,
    account_id: str,
    event: str,
    on: datetime | None,
    detail: str,
    as_json: bool,
    lang: str | None,
) -> None:
    """A thank-you task for one event, e.g. a new product bought.

    \b
    Example:
      branchdesk care thank 310000000002 --event new_product --detail 稳健债券A
    """
    from ..models import today

    entry = ThankYouIn(
        account_id=account_id, event=ThankYouEvent(event), on=day_of(on) or today(), detail=detail
    )
    with connect(data, write=True) as api:
        run = api.add_thank_you(entry)
    _print_run(run, as_json, lang or i18n.default_lang())


@click.group(cls=Group)
def cadence() -> None:
    """Contact cadence: care tasks for clients past their tier's cadence."""


@cadence.command("plan")
@data_option
@click.option("--days", "horizon", type=click.IntRange(1, 60), help="Working days to spread over.")
@click.option("--daily-limit", type=click.IntRange(1, 200), help="Tasks per advisor a day.")
@click.option("--dry-run", is_flag=True, help="Show the plan; create nothing.")
@json_option
def plan(
    data: str | None, horizon: int | None, daily_limit: int | None, dry_run: bool, as_json: bool
) -> None:
    """Schedule relationship-care tasks for every client past their tier's cadence,
    spread over each advisor's next working days (China's official calendar).

    \b
    Example:
      branchdesk cadence plan --days 10 --daily-limit 8
    """
    request = CadenceRequest(horizon_days=horizon, daily_limit=daily_limit, dry_run=dry_run)
    with connect(data, write=True) as api:
        result = api.plan_cadence(request)
    warn(result.warnings)
    if as_json:
        emit_json(result)
        return
    days = [d.isoformat() for d in result.days]
    rows = [
        [a.advisor_id, a.added, *(a.per_day.get(d, "-") for d in days)] for a in result.by_advisor
    ]
    table(["advisor", "added", *(d[5:] for d in days)], rows, title="tasks planned per day")
    verb = "would schedule" if dry_run else "scheduled"
    console.print(
        f"{result.due_clients} clients due; {verb} {result.scheduled}; {result.waiting} wait "
        f"for the next plan (no room); {result.no_advisor} without an advisor."
    )
