"""What every command shares: the data-folder option, how to reach the branch (the
server's API when one runs, else the store), output as tables or JSON, error → exit code."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
import msgspec
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import i18n
from ..errors import BranchDeskError, Conflict, Invalid, NotFound, Unauthorized
from ..schema import data_folder
from ..store import read_holder

F = TypeVar("F", bound=Callable[..., Any])

#: exit codes: 0 ok, 1 failed, 2 bad usage or bad input
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

# Piped output is read by scripts and wide terminals: don't wrap it at 80 columns.
console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 200)
err_console = Console(stderr=True, highlight=False)


def data_option(f: F) -> F:
    return click.option(
        "--data",
        "data",
        envvar="BRANCHDESK_DATA",
        default=None,
        metavar="DIR",
        help="Data folder (default: $BRANCHDESK_DATA, else ./data).",
    )(f)


def json_option(f: F) -> F:
    return click.option(
        "--json", "as_json", is_flag=True, help="Print one JSON document on stdout, nothing else."
    )(f)


def lang_option(f: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(i18n.LANGS),
        default=None,
        help="Language of labels and numbers (default: $BRANCHDESK_LANG or the locale).",
    )(f)


def emit_json(value: Any) -> None:
    sys.stdout.buffer.write(msgspec.json.encode(value) + b"\n")
    sys.stdout.flush()


def actor() -> str:
    return f"cli:{getpass.getuser()}"


def server_url(data: str | None) -> str | None:
    """The URL of a server to talk to: ``$BRANCHDESK_SERVER``, else the one that holds
    the data folder (it writes its URL into the folder's lock file)."""
    if url := os.environ.get("BRANCHDESK_SERVER"):
        return url
    holder = read_holder(Path(data_folder(data)).absolute())
    return holder.get("url") if holder else None


@contextmanager
def connect(data: str | None, *, write: bool = False) -> Iterator[Any]:
    """The branch's operations for this command.

    When a server runs on the data folder the command goes through its API, signed in
    as a staff member (see :func:`remote_token`); otherwise it opens the store itself,
    read-only unless ``write``."""
    from ..local import LocalApi
    from ..remote import SyncApiClient
    from ..schema import open_store

    url = server_url(data)
    if url:
        api: Any = SyncApiClient.connect(url)
        try:
            api.token = remote_token(api)
            yield api
        finally:
            api.close()
        return
    store = open_store(data_folder(data), readonly=not write, purpose="a branchdesk command")
    local = LocalApi(store, actor())
    try:
        yield local
    finally:
        local.close()


def remote_token(api: Any) -> str:
    """A token for the server: ``$BRANCHDESK_TOKEN``, a saved ``branchdesk login``,
    ``$BRANCHDESK_USER`` + ``$BRANCHDESK_PASSWORD``, or a prompt at a terminal."""
    from ..session_file import saved_token

    url = api.base_url
    if token := os.environ.get("BRANCHDESK_TOKEN") or saved_token(url):
        return token
    user = os.environ.get("BRANCHDESK_USER")
    password = os.environ.get("BRANCHDESK_PASSWORD")
    if not (user and password) and sys.stdin.isatty():
        err_console.print(f"A BranchDesk server is running at {url}; sign in to continue.")
        user = user or click.prompt("Username", err=True)
        password = password or click.prompt("Password", hide_input=True, err=True)
    if not (user and password):
        raise Unauthorized(
            f"a BranchDesk server is running at {url}, so this command goes through it: "
            "sign in with `branchdesk login --user NAME`, or set BRANCHDESK_TOKEN "
            "(or BRANCHDESK_USER and BRANCHDESK_PASSWORD)"
        )
    return api.login(user, password).token


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str = "") -> None:
    """Print rows as a table; CJK text keeps its columns aligned (rich measures width)."""
    out = Table(title=title or None, show_lines=False, header_style="bold")
    for col in columns:
        out.add_column(col, no_wrap=True, overflow="ellipsis")
    for row in rows:
        out.add_row(*(c if isinstance(c, Text) else Text(str(c)) for c in row))
    console.print(out)


def fail(message: str, code: int = EXIT_FAILED) -> None:
    err_console.print(Text(f"Error: {message}", style="bold red"))
    raise SystemExit(code)


def exit_code_for(exc: BranchDeskError) -> int:
    return EXIT_BAD_INPUT if isinstance(exc, Invalid | NotFound) else EXIT_FAILED


class Group(click.Group):
    """A click group that turns domain errors into a clear message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BranchDeskError as exc:
            message = str(exc)
            if isinstance(exc, Conflict) and exc.current_version is not None:
                message += f" (current version {exc.current_version})"
            err_console.print(Text(f"Error: {message}", style="bold red"))
            ctx.exit(exit_code_for(exc))
