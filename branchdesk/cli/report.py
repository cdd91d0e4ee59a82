"""``branchdesk report …``: the branch's numbers. Each capability adds its reports to
this group from its own module (churn, service …)."""

from __future__ import annotations

import click

from .common import Group


@click.group(cls=Group)
def report() -> None:
    """The branch's reports: tables on screen, --csv FILE for a spreadsheet, --json for scripts."""
