"""``branchdesk tasks``: plan, log and work service tasks; my tasks and the overdue ones."""

from __future__ import annotations

from datetime import datetime

import click
from rich.text import Text

from .. import i18n
from ..models import Channel, Direction, Outcome, ProductRisk, Purpose, Task, TaskStatus
from ..models.service_api import QuickLog, TaskScope
from .common import Group, connect, console, data_option, emit_json, json_option, lang_option
from .service_common import DATE, day_of, print_tasks

CHANNELS = click.Choice([c.value for c in Channel])
PURPOSES = click.Choice([p.value for p in Purpose])
OUTCOMES = click.Choice([o.value for o in Outcome])
DIRECTIONS = click.Choice([d.value for d in Direction])
RISKS = click.Choice([r.value for r in ProductRisk])


@click.group(cls=Group)
def tasks() -> None:
    """Service tasks: plan, log, complete, reschedule, cancel; my tasks, overdue."""


def show_task(task: Task, as_json: bool, lang: str) -> None:
    if as_json:
        emit_json(task)
        return
    t = i18n.t
    rows = [
        (t("task", lang), task.id),
        (t("account_id", lang), task.account_id),
        (t("due_date", lang), task.due_date.isoformat()),
        (t("channel", lang), i18n.label(task.channel, lang)),
        (t("kind", lang), i18n.label(task.kind, lang)),
        (t("purpose", lang), i18n.label(task.purpose, lang)),
        (t("direction", lang), i18n.label(task.direction, lang)),
        (t("status", lang), i18n.label(task.status, lang)),
        (t("outcome", lang), i18n.label(task.outcome, lang)),
        (t("assignee", lang), task.assignee or t("none", lang)),
        (t("cost", lang), i18n.money(task.cost, lang, exact=True)),
        (t("attempts", lang), str(task.attempts)),
        (t("flagged", lang), t("yes" if task.flagged else "no", lang)),
        (t("notes", lang), task.notes or t("none", lang)),
        ("version", str(task.version)),
    ]
    for key, value in rows:
        console.print(Text.assemble((f"{key}: ", "bold"), str(value)))


@tasks.command("list")
@data_option
@click.option("--assignee", metavar="ID", help="An advisor id, a username, 'tech' or 'callbacks'.")
@click.option("--account", "account_id", metavar="ACCOUNT")
@click.option("--status", type=click.Choice([s.value for s in TaskStatus]))
@click.option("--purpose", type=PURPOSES)
@click.option("--campaign", "campaign_id", metavar="ID")
@click.option("--from", "due_from", type=DATE, help="Due on or after this day.")
@click.option("--to", "due_to", type=DATE, help="Due on or before this day.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@json_option
@lang_option
def list_tasks(
    data: str | None,
    assignee: str | None,
    account_id: str | None,
    status: str | None,
    purpose: str | None,
    campaign_id: str | None,
    due_from: datetime | None,
    due_to: datetime | None,
    offset: int,
    limit: int,
    as_json: bool,
    lang: str | None,
) -> None:
    """List tasks matching every filter, oldest due date first.

    \b
    Example:
      branchdesk tasks list --assignee A02 --status planned --from 2026-11-25
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        page = api.list_tasks(
            assignee=assignee,
            account_id=account_id,
            status=TaskStatus(status) if status else None,
            purpose=Purpose(purpose) if purpose else None,
            campaign_id=campaign_id,
            due_from=day_of(due_from),
            due_to=day_of(due_to),
            offset=offset,
            limit=limit,
        )
    if as_json:
        emit_json(page)
        return
    print_tasks(page.items, lang)
    console.print(i18n.t("showing", lang, shown=len(page.items), total=page.total))


@tasks.command("mine")
@data_option
@click.option("--user", help="Whose tasks (without a server; managers: anyone's).")
@click.option(
    "--when",
    type=click.Choice([s.value for s in TaskScope]),
    default="today",
    show_default=True,
    help="Due today, overdue, in the next 7 days, or every open task.",
)
@click.option("--date", "on", type=DATE, help="The day to look from (default today).")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@json_option
@lang_option
def mine(
    data: str | None,
    user: str | None,
    when: str,
    on: datetime | None,
    offset: int,
    limit: int,
    as_json: bool,
    lang: str | None,
) -> None:
    """My planned tasks, oldest first: an advisor's own; the front desk's, the tech and
    callback queues; a manager's, and the unassigned ones.

    \b
    Examples:
      branchdesk tasks mine                       # signed in to the server
      branchdesk tasks mine --user a02 --when overdue --data demo-data
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        page = api.my_tasks(scope=when, on=day_of(on), user=user, offset=offset, limit=limit)
    if as_json:
        emit_json(page)
        return
    print_tasks(page.items, lang)
    console.print(i18n.t("showing", lang, shown=len(page.items), total=page.total))


@tasks.command("overdue")
@data_option
@click.option("--assignee", metavar="ID", help="Only this queue (advisor id, username …).")
@click.option("--date", "on", type=DATE, help="Overdue as of this day (default today).")
@click.option("--limit", type=click.IntRange(0, 5000), default=100, show_default=True)
@json_option
@lang_option
def overdue(
    data: str | None,
    assignee: str | None,
    on: datetime | None,
    limit: int,
    as_json: bool,
    lang: str | None,
) -> None:
    """Planned tasks whose day has passed, oldest first.

    \b
    Example:
      branchdesk tasks overdue --assignee A02
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        report = api.overdue_report(assignee=assignee, on=day_of(on), limit=limit)
    if as_json:
        emit_json(report.items)
        return
    print_tasks(report.items, lang)
    console.print(i18n.t("showing", lang, shown=len(report.items), total=report.total))


@tasks.command("show")
@data_option
@click.argument("task_id")
@json_option
@lang_option
def show(data: str | None, task_id: str, as_json: bool, lang: str | None) -> None:
    """Show one task.

    \b
    Example:
      branchdesk tasks show 1a2b3c4d5e6f7a8b9c0d
    """
    with connect(data) as api:
        task = api.get_task(task_id)
    show_task(task, as_json, lang or i18n.default_lang())


@tasks.command("add")
@data_option
@click.argument("account_id")
@click.option("--channel", type=CHANNELS, required=True)
@click.option("--purpose", type=PURPOSES, required=True)
@click.option("--due", type=DATE, required=True, help="The day it is planned for.")
@click.option("--direction", type=DIRECTIONS, default="outbound", show_default=True)
@click.option("--assignee", help="Default: the client's advisor ('tech' for the tech hotline).")
@click.option("--notes", default="")
@click.option("--cost", type=click.FloatRange(min=0), help="Default: the channel's unit cost.")
@click.option("--product-risk", type=RISKS, help="For product information: the product's risk.")
@click.option("--product-name")
@click.option("--alert", "alert_id", metavar="ID", help="The churn alert it follows up.")
@json_option
@lang_option
def add(
    data: str | None,
    account_id: str,
    channel: str,
    purpose: str,
    due: datetime,
    direction: str,
    assignee: str | None,
    notes: str,
    cost: float | None,
    product_risk: str | None,
    product_name: str | None,
    alert_id: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Plan a contact. A product-information task names the product's risk and is
    refused, with the reason, when the product does not suit the client.

    \b
    Examples:
      branchdesk tasks add 310000000002 --channel visit --purpose relationship --due 2026-11-27
      branchdesk tasks add 310000000002 --channel phone --purpose product_info \\
          --product-risk R3 --product-name 稳健债券A --due 2026-11-27
    """
    fields = {
        "account_id": account_id,
        "channel": channel,
        "purpose": purpose,
        "due_date": due.date().isoformat(),
        "direction": direction,
        "notes": notes,
        "assignee": assignee,
        "cost": cost,
        "product_risk": product_risk,
        "product_name": product_name,
        "alert_id": alert_id,
    }
    with connect(data, write=True) as api:
        task = api.create_task({k: v for k, v in fields.items() if v is not None})
    show_task(task, as_json, lang or i18n.default_lang())


@tasks.command("log")
@data_option
@click.argument("account_id")
@click.option("--channel", type=CHANNELS, required=True, help="e.g. branch for a walk-in.")
@click.option("--purpose", type=PURPOSES, required=True)
@click.option("--outcome", type=OUTCOMES, required=True)
@click.option("--direction", type=DIRECTIONS, default="outbound", show_default=True)
@click.option("--date", "on", type=DATE, help="The day it happened (default today).")
@click.option("--notes", default="")
@click.option("--satisfaction", type=click.IntRange(1, 5))
@click.option("--cost", type=click.FloatRange(min=0), help="Default: the channel's unit cost.")
@click.option("--product-risk", type=RISKS)
@click.option("--product-name")
@json_option
@lang_option
def log(
    data: str | None,
    account_id: str,
    channel: str,
    purpose: str,
    outcome: str,
    direction: str,
    on: datetime | None,
    notes: str,
    satisfaction: int | None,
    cost: float | None,
    product_risk: str | None,
    product_name: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Quick log: a walk-in or a call that already happened, done in one step.

    \b
    Examples:
      branchdesk tasks log 310000000002 --channel branch --purpose complaint --outcome retained
      branchdesk tasks log 310000000001 --channel phone --purpose tech_support \\
          --direction inbound_tech --outcome reached --notes "reset trading password"
    """
    entry = QuickLog(
        account_id=account_id,
        channel=Channel(channel),
        purpose=Purpose(purpose),
        outcome=Outcome(outcome),
        direction=Direction(direction),
        on=day_of(on),
        notes=notes,
        satisfaction=satisfaction,
        cost=cost,
        product_risk=ProductRisk(product_risk) if product_risk else None,
        product_name=product_name,
    )
    with connect(data, write=True) as api:
        task = api.log_task(entry)
    show_task(task, as_json, lang or i18n.default_lang())
