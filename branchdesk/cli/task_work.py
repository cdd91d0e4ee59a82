"""``branchdesk tasks complete|reschedule|cancel|edit``: working a task, added to the
``tasks`` group (see tasks.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from .. import i18n
from ..models import Outcome
from .common import connect, data_option, json_option, lang_option
from .service_common import DATE
from .tasks import CHANNELS, OUTCOMES, show_task, tasks


def _version(api: Any, task_id: str, version: int | None) -> int:
    """The version the change is based on: given, or the task as it is now."""
    return version if version is not None else api.get_task(task_id).version


VERSION = click.option(
    "--version",
    "version",
    type=click.IntRange(min=0),
    help="The version you read (refused if the task changed since); default: current.",
)


@tasks.command("complete")
@data_option
@click.argument("task_id")
@click.option("--outcome", type=OUTCOMES, required=True, help="How it went (required).")
@click.option("--notes")
@click.option("--satisfaction", type=click.IntRange(1, 5))
@click.option("--cost", type=click.FloatRange(min=0), help="What it really cost.")
@VERSION
@json_option
@lang_option
def complete(
    data: str | None,
    task_id: str,
    outcome: str,
    notes: str | None,
    satisfaction: int | None,
    cost: float | None,
    version: int | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Mark a task done with its outcome. A callback not reached is tried again on the
    next working day; the third failure closes it as not reached and flags it.

    \b
    Example:
      branchdesk tasks complete 1a2b3c4d5e6f7a8b9c0d --outcome reached --satisfaction 5
    """
    with connect(data, write=True) as api:
        task = api.complete_task(
            task_id,
            version=_version(api, task_id, version),
            outcome=Outcome(outcome),
            notes=notes,
            satisfaction=satisfaction,
            cost=cost,
        )
    show_task(task, as_json, lang or i18n.default_lang())


@tasks.command("reschedule")
@data_option
@click.argument("task_id")
@click.option("--to", "due", type=DATE, required=True, help="The new day (today or later).")
@click.option("--notes")
@VERSION
@json_option
@lang_option
def reschedule(
    data: str | None,
    task_id: str,
    due: datetime,
    notes: str | None,
    version: int | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Move an open task to another day.

    \b
    Example:
      branchdesk tasks reschedule 1a2b3c4d5e6f7a8b9c0d --to 2026-12-01 --notes "client travelling"
    """
    with connect(data, write=True) as api:
        task = api.reschedule_task(
            task_id, version=_version(api, task_id, version), due_date=due.date(), notes=notes
        )
    show_task(task, as_json, lang or i18n.default_lang())


@tasks.command("cancel")
@data_option
@click.argument("task_id")
@click.option("--reason", default="")
@VERSION
@json_option
@lang_option
def cancel(
    data: str | None,
    task_id: str,
    reason: str,
    version: int | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Cancel an open task.

    \b
    Example:
      branchdesk tasks cancel 1a2b3c4d5e6f7a8b9c0d --reason "client asked not to be called"
    """
    with connect(data, write=True) as api:
        task = api.cancel_task(task_id, version=_version(api, task_id, version), reason=reason)
    show_task(task, as_json, lang or i18n.default_lang())


@tasks.command("edit")
@data_option
@click.argument("task_id")
@click.option("--cost", type=click.FloatRange(min=0))
@click.option("--notes")
@click.option("--satisfaction", type=click.IntRange(1, 5))
@click.option("--channel", type=CHANNELS, help="Open tasks only; brings its unit cost.")
@click.option("--assignee", help="Open tasks only.")
@VERSION
@json_option
@lang_option
def edit(
    data: str | None,
    task_id: str,
    cost: float | None,
    notes: str | None,
    satisfaction: int | None,
    channel: str | None,
    assignee: str | None,
    version: int | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Change a task's cost, notes or satisfaction; its channel or assignee while open.

    \b
    Example:
      branchdesk tasks edit 1a2b3c4d5e6f7a8b9c0d --cost 260 --notes "taxi to the client"
    """
    changes = {"cost": cost, "notes": notes, "satisfaction": satisfaction}
    changes.update(channel=channel, assignee=assignee)
    with connect(data, write=True) as api:
        task = api.edit_task(
            task_id,
            {k: v for k, v in changes.items() if v is not None},
            version=_version(api, task_id, version),
        )
    show_task(task, as_json, lang or i18n.default_lang())
