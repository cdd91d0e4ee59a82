"""The server goes away and comes back: a banner, no crash, and the screen recovers.

A real ``branchdesk serve`` process, stopped and started again on the same port."""

from __future__ import annotations

import asyncio
import socket
import subprocess
from pathlib import Path

import httpx
import pytest

from branchdesk.remote import ApiClient
from tests.live_server import BRANCHDESK
from tui import make_tui

from .pilot import screen_text, settle, sign_in, type_text

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [*BRANCHDESK, "serve", "--data", str(data), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(400):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        if proc.poll() is not None:
            break
        import time

        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the server did not start")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()  # SIGTERM: it saves everything (sessions included) and exits
    proc.wait(timeout=30)


async def test_server_down_shows_a_banner_and_the_app_recovers(demo_folder: Path) -> None:
    port = free_port()
    server = await asyncio.to_thread(start_server, demo_folder, port)
    api = ApiClient.connect(f"http://127.0.0.1:{port}")
    app = make_tui(api, lang="en")
    app.RETRY_SECONDS = 0.3
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await sign_in(pilot, "frontdesk")
            await pilot.press("f3")
            await settle(pilot)
            await asyncio.to_thread(stop_server, server)
            await type_text(pilot, "wns")
            text = screen_text(app)
            assert f"Cannot reach the server at http://127.0.0.1:{port}" in text
            assert "Retrying every 0.3 s" in text
            assert app.is_running

            server = await asyncio.to_thread(start_server, demo_folder, port)
            for _ in range(100):
                if not app.offline:
                    break
                await pilot.pause(0.1)
            await settle(pilot)
            text = screen_text(app)
            assert "Cannot reach the server" not in text
            assert "王女士" in text  # the search typed while it was down ran again
    finally:
        await api.aclose()
        await asyncio.to_thread(stop_server, server)
