"""``branchdesk``: the command line, and the composition root of the program.

Only this package may import the server and the UI, and it does so lazily inside the
``serve`` and ``tui`` commands, so scripts that import the core stay light."""

from __future__ import annotations

import click

from .backups import backup, restore
from .clients import clients
from .common import Group
from .data import demo, init
from .exports import export_group
from .imports import import_group
from .report import report
from .serve import serve
from .session import login, logout
from .staff import staff


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

# -- back-office files: imports, exports, backups --
main.add_command(import_group)
main.add_command(export_group)
main.add_command(backup)
main.add_command(restore)

__all__ = ["main"]
