"""``branchdesk login`` / ``logout``: remember a sign-in for the commands that follow."""

from __future__ import annotations

import click

from ..remote import SyncApiClient
from ..session_file import forget_token, save_token
from .common import console, data_option, fail, server_url


def _url(data: str | None, server: str | None) -> str:
    url = server or server_url(data)
    if not url:
        fail("no server is running on that data folder; pass --server URL", 2)
    return url  # type: ignore[return-value]


@click.command()
@data_option
@click.option("--server", metavar="URL", help="Server address (default: the one on --data).")
@click.option("--user", "username", prompt="Username", help="Your staff username.")
@click.password_option("--password", confirmation_prompt=False, help="Prompted if omitted.")
def login(data: str | None, server: str | None, username: str, password: str) -> None:
    """Sign in to the server and remember the session (12 hours) for later commands.

    \b
    Example:
      branchdesk login --data demo-data --user manager
    """
    url = _url(data, server)
    api = SyncApiClient.connect(url)
    try:
        result = api.login(username, password)
    finally:
        api.close()
    path = save_token(url, result.token, username, result.expires_at)
    console.print(
        f"Signed in to {url} as {result.staff.display_name} ({result.staff.role}) until "
        f"{result.expires_at:%Y-%m-%d %H:%M}. Session kept in {path}."
    )


@click.command()
@data_option
@click.option("--server", metavar="URL", help="Server address (default: the one on --data).")
def logout(data: str | None, server: str | None) -> None:
    """End the remembered session.

    \b
    Example:
      branchdesk logout --data demo-data
    """
    url = _url(data, server)
    token = forget_token(url)
    if token is None:
        console.print("No session was remembered for that server.")
        return
    api = SyncApiClient.connect(url, token)
    try:
        api.logout()
    finally:
        api.close()
    console.print(f"Signed out of {url}.")
