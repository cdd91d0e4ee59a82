"""What the service desk's commands share: task tables, CSV files, warnings, dates."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.text import Text

from .. import i18n
from ..models import Task
from .common import err_console, table

#: a calendar date on the command line
DATE = click.DateTime(["%Y-%m-%d"])


def progress_bar(label: str) -> Any:
    """A progress bar on stderr, shown at a terminal only (scripts get clean output)."""
    return click.progressbar(length=1, label=label, file=sys.stderr, hidden=not sys.stderr.isatty())


def day_of(value: datetime | None) -> date | None:
    return value.date() if value else None


def warn(messages: Sequence[str]) -> None:
    """Warnings go to stderr, so a --json document on stdout stays clean."""
    for message in messages:
        err_console.print(Text(f"Warning: {message}", style="yellow"))


def write_csv(path: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A CSV a spreadsheet opens with its Chinese intact (UTF-8 with a BOM, as Excel wants)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(columns)
        out.writerows([["" if c is None else c for c in row] for row in rows])


TASK_KEYS = (
    "task",
    "due_date",
    "account_id",
    "channel",
    "kind",
    "purpose",
    "assignee",
    "status",
    "outcome",
)


def task_columns(lang: str) -> list[str]:
    return [i18n.t(k, lang) for k in TASK_KEYS]


def task_row(t: Task, lang: str) -> list[Any]:
    flag = " ⚑" if t.flagged else ""
    return [
        t.id,
        t.due_date.isoformat(),
        t.account_id,
        i18n.label(t.channel, lang),
        i18n.label(t.kind, lang),
        i18n.label(t.purpose, lang),
        t.assignee or i18n.t("none", lang),
        i18n.label(t.status, lang) + flag,
        i18n.label(t.outcome, lang),
    ]


def print_tasks(tasks: Sequence[Task], lang: str, *, title: str = "") -> None:
    if not tasks:
        click.echo(i18n.t("no_tasks", lang))
        return
    table(task_columns(lang), [task_row(t, lang) for t in tasks], title=title)
