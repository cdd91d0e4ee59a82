"""``branchdesk``: the command line, and the composition root of the program.

Only this package may import the server and the UI, and it does so lazily inside the
``serve`` and ``tui`` commands, so scripts that import the core stay light."""

from __future__ import annotations

import click

from .advisors import advisors
from .backups import backup, restore
from .churn import alerts, scan
from .clients import clients
from .common import Group
from .data import demo, init
from .exports import export_group
from .imports import import_group
from .rebalance import rebalance
from .report import report
from .report_churn import CHURN_REPORTS
from .rules import rules
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
# -- churn early warning --
main.add_command(scan)
main.add_command(alerts)
main.add_command(rules)
for _command in CHURN_REPORTS:
    report.add_command(_command)

# -- fair assignment ----------------------------------------------------------------------
main.add_command(advisors)
main.add_command(rebalance)

# -- back-office files: imports, exports, backups --
main.add_command(import_group)
main.add_command(export_group)
main.add_command(backup)
main.add_command(restore)
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
