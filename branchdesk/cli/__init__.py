"""``branchdesk``: the command line, and the composition root of the program.

Only this package may import the server and the UI, and it does so lazily inside the
``serve`` and ``tui`` commands, so scripts that import the core stay light."""

from __future__ import annotations

import click

from .clients import clients
from .common import Group
from .data import demo, init
from .report import report
from .serve import serve
from .session import login, logout
from .staff import staff

# -- service desk --
# isort: split
from . import (
    service_report,  # noqa: F401  (adds its commands to the report group)
    task_work,  # noqa: F401  (adds complete/reschedule/cancel/edit to tasks)
)
from .calendar import calendar
from .callbacks import callbacks
from .campaigns import campaigns
from .care import cadence, care, greetings
from .tasks import tasks


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="branchdesk")
def main() -> None:
    """BranchDesk: keep a securities branch's existing clients.

    \b
    Quick start:
      branchdesk demo --data demo-data        # a demo branch
      branchdesk clients search wns --data demo-data
    """


main.add_command(init)
main.add_command(demo)
main.add_command(clients)
main.add_command(serve)
main.add_command(staff)
main.add_command(login)
main.add_command(logout)
main.add_command(report)
# -- service desk --
main.add_command(tasks)
main.add_command(greetings)
main.add_command(care)
main.add_command(cadence)
main.add_command(callbacks)
main.add_command(campaigns)
main.add_command(calendar)

__all__ = ["main"]

# -- terminal UI: `branchdesk tui` and `branchdesk run` -------------------------------------
from .tui import run, tui  # noqa: E402

main.add_command(tui)
main.add_command(run)
