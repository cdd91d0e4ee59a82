"""``branchdesk tui`` (open the terminal UI on a server) and ``branchdesk run`` (start a
server on a data folder, open the terminal UI on it, stop the server on quitting).

The UI is imported inside the commands: scripts that import the CLI stay light, and the
core never imports Textual (this package is the composition root)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
import httpx

from ..schema import data_folder
from ..store import read_holder
from .common import data_option, fail, lang_option, server_url

DEFAULT_URL = "http://127.0.0.1:8750"
START_SECONDS = 60  # a 50,000-client folder loads in a few seconds; be patient on slow PCs


def open_tui(url: str, lang: str | None) -> None:
    from tui import make_tui

    from .. import i18n
    from ..remote import ApiClient

    make_tui(ApiClient.connect(url), lang=lang or i18n.default_lang()).run()


@click.command()
@data_option
@click.option(
    "--server",
    metavar="URL",
    default=None,
    help=f"Server URL (default: $BRANCHDESK_SERVER, the server on --data, or {DEFAULT_URL}).",
)
@lang_option
def tui(data: str | None, server: str | None, lang: str | None) -> None:
    """Open the terminal UI on the branch server.

    Sign in with your staff account; the session lives only in memory and ends when
    you quit. F1 lists every key; Ctrl+P opens the command palette.

    \b
    Examples:
      branchdesk tui --server http://127.0.0.1:8750 --lang zh
      branchdesk tui --data demo-data        # the server that holds demo-data
    """
    open_tui(server or server_url(data) or DEFAULT_URL, lang)


@click.command("run")
@data_option
@click.option("--port", type=click.IntRange(1, 65535), default=8750, show_default=True)
@lang_option
def run(data: str | None, port: int, lang: str | None) -> None:
    """Start a server on the data folder, open the terminal UI, stop the server on quit.

    If a server already holds the folder, the UI opens on it (and leaves it running).

    \b
    Example:
      branchdesk run --data demo-data      # what `make run` does
    """
    folder = Path(data_folder(data)).absolute()
    if not (folder / "format.json").exists():
        fail(
            f"no BranchDesk data in {folder}; make a demo branch with "
            f"`branchdesk demo --data {folder}`",
            2,
        )
    holder = read_holder(folder)
    if holder and holder.get("url") and _healthy(holder["url"]):
        click.echo(f"Opening the server that already holds {folder}: {holder['url']}")
        open_tui(holder["url"], lang)
        return
    if holder:
        fail(f"{folder} is held by process {holder.get('pid', '?')}; stop it first")
    if not _port_free(port):
        fail(
            f"port {port} on 127.0.0.1 is busy (another program listens there); "
            f"stop it, or pick another port: branchdesk run --port {port + 1}"
        )
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "branchdesk.cli", "serve", "--data", str(folder)]
    with tempfile.TemporaryFile("w+", prefix="branchdesk-serve-") as log:
        server = subprocess.Popen(
            [*command, "--port", str(port)],
            stdin=subprocess.DEVNULL,  # the terminal's keys belong to the TUI
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            click.echo(f"Starting the branch server on {url} (data: {folder}) …")
            if not _wait_until_up(url, server):
                log.seek(0)
                fail(f"the server did not start:\n{log.read()[-2000:]}")
            open_tui(url, lang)
        finally:
            _stop(server)
    click.echo("Server stopped.")


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _wait_until_up(url: str, server: subprocess.Popen) -> bool:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        if _healthy(url):
            return True
        time.sleep(0.1)
    return False


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # the server snapshots its journal and unlocks
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
