"""``branchdesk staff``: accounts that sign in, and what each role may do."""

from __future__ import annotations

import sys

import click

from .. import i18n
from ..access import DESCRIPTIONS, PERMISSIONS
from ..models import Role
from .common import Group, connect, console, data_option, emit_json, json_option, table


@click.group(cls=Group)
def staff() -> None:
    """Staff accounts: add, list, disable, reset passwords."""


@staff.command("add")
@data_option
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", "display_name", help="Name shown in the app (default: USERNAME).")
@click.option("--advisor", "advisor_id", metavar="ID", help="For an advisor: their book's id.")
@click.option("--generate", is_flag=True, help="Generate a password and print it once.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@json_option
def add(
    data: str | None,
    username: str,
    role: str,
    display_name: str | None,
    advisor_id: str | None,
    generate: bool,
    password_stdin: bool,
    as_json: bool,
) -> None:
    """Add a staff account. Asks for the password, or generates one with --generate.

    \b
    Examples:
      branchdesk staff add zhang --role manager --name 张经理
      branchdesk staff add a13 --role advisor --advisor A13 --generate
      echo "$PW" | branchdesk staff add chen --role frontdesk --password-stdin
    """
    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not generate and sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    with connect(data, write=True) as api:
        created = api.add_staff(
            username,
            role=Role(role),
            display_name=display_name,
            password=password,
            advisor_id=advisor_id,
        )
    if as_json:
        emit_json(created)
        return
    console.print(f"Added {created.staff.username} ({created.staff.role}).")
    if created.password:
        console.print(f"Password (shown only now): {created.password}")


@staff.command("list")
@data_option
@json_option
def list_staff(data: str | None, as_json: bool) -> None:
    """List staff accounts.

    \b
    Example:
      branchdesk staff list --json
    """
    with connect(data) as api:
        people = api.list_staff()
    if as_json:
        emit_json(people)
        return
    rows = [
        (
            s.username,
            s.display_name,
            s.role,
            s.advisor_id or "",
            "disabled" if s.disabled else ("locked" if s.locked_until else "active"),
        )
        for s in people
    ]
    table(["Username", "Name", "Role", "Advisor", "State"], rows)


@staff.command("disable")
@data_option
@click.argument("username")
def disable(data: str | None, username: str) -> None:
    """Disable an account; its sessions end at once.

    \b
    Example:
      branchdesk staff disable chen
    """
    with connect(data, write=True) as api:
        api.disable_staff(username)
    console.print(f"{username} is disabled.")


@staff.command("enable")
@data_option
@click.argument("username")
def enable(data: str | None, username: str) -> None:
    """Enable a disabled account again.

    \b
    Example:
      branchdesk staff enable chen
    """
    with connect(data, write=True) as api:
        api.enable_staff(username)
    console.print(f"{username} is enabled.")


@staff.command("passwd")
@data_option
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
def passwd(data: str | None, username: str, password_stdin: bool) -> None:
    """Set a new password (also lifts a lock after wrong attempts).

    \b
    Example:
      branchdesk staff passwd chen
    """
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True, err=True)
    with connect(data, write=True) as api:
        api.set_staff_password(username, password)
    console.print(f"Password of {username} changed.")


@staff.command("permissions")
@json_option
@click.option("--lang", type=click.Choice(i18n.LANGS), default=None)
def permissions(as_json: bool, lang: str | None) -> None:
    """Print which role may do what (the one permission table the server enforces).

    \b
    Example:
      branchdesk staff permissions
    """
    if as_json:
        emit_json({p: sorted(r.value for r in roles) for p, roles in PERMISSIONS.items()})
        return
    lang = lang or i18n.default_lang()
    roles = list(Role)
    rows = [
        [perm, DESCRIPTIONS[perm], *("✓" if r in allowed else "" for r in roles)]
        for perm, allowed in PERMISSIONS.items()
    ]
    table(["Permission", "What it allows", *(i18n.label(r, lang) for r in roles)], rows)
