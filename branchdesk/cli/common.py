"""What every command shares: the data-folder option, how to reach the branch (the
server's API when one runs, else the store), output as tables or JSON, error → exit code."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click
import msgspec
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import i18n
from ..errors import BranchDeskError, Conflict, Invalid, NotFound
from ..schema import data_folder

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


@contextmanager
def connect(data: str | None, *, write: bool = False) -> Iterator[Any]:
    """The branch's operations for this command: in-process on the data folder."""
    from ..local import LocalApi
    from ..schema import open_store

    store = open_store(data_folder(data), readonly=not write, purpose="a branchdesk command")
    api = LocalApi(store, actor())
    try:
        yield api
    finally:
        api.close()


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
