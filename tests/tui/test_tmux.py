"""Smoke test: ``branchdesk tui`` in a real terminal (tmux) against a real server process:
sign in, search, open a client, quit. ``make test`` installs tmux when it is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.live_server import live_server

pytestmark = pytest.mark.slow
TMUX = shutil.which("tmux")


class Terminal:
    """One tmux server of our own (its own socket), so no one else's sessions are touched."""

    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.socket = f"branchdesk-smoke-{os.getpid()}"
        flags = [f"-e{k}={v}" for k, v in env.items()]
        self.tmux("new-session", "-d", "-s", "tui", "-x", "120", "-y", "40", *flags, command)

    def tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=False
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "tui").stdout

    def wait_for(self, text: str, seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:  # one at a time, with a breath between, as a person types
            self.tmux("send-keys", "-t", "tui", key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "tui", "-l", text)
        time.sleep(0.3)

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "tui").returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (`make test` installs it)")
def test_branchdesk_tui_signs_in_and_opens_a_client_in_a_real_terminal(demo_folder: Path) -> None:
    with live_server(demo_folder) as (url, _):
        command = f"{sys.executable} -m branchdesk.cli tui --server {url} --lang en"
        env = {
            "BRANCHDESK_TODAY": os.environ["BRANCHDESK_TODAY"],
            "TERM": "xterm-256color",
            # a size inherited from the test run's environment would win over the pane's
            "COLUMNS": "120",
            "LINES": "40",
        }
        term = Terminal(command, env)
        try:
            term.wait_for("Username")
            term.type("frontdesk")
            term.keys("Enter")
            term.type("branchdesk")
            term.keys("Enter")
            term.wait_for("BranchDesk · Dashboard")
            term.keys("F3")
            term.wait_for("Showing 50 of 2,000")
            term.type("wns")
            term.wait_for("王女士")
            term.keys("Enter")
            term.wait_for("138****5678")
            shown = term.wait_for("A02 刘晓燕")  # the advisor panel fills in after the profile
            assert "138****5678" in shown and "masked for your role" in shown
            term.keys("C-q")
            deadline = time.monotonic() + 10
            while term.alive() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not term.alive(), "Ctrl+Q did not quit"
        finally:
            term.close()
