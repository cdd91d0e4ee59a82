"""Terminal UI against a 50,000-client server: launch → interactive dashboard, and
search keystroke → results on screen (p95), measured through Textual's Pilot.

The server is a real ``branchdesk serve`` process on loopback over a cached data folder
(``bench-data/tui-50k``, built on first use). Baseline, in the same run: the same HTTP
calls made bare (httpx, no UI), so the ratio is what the UI adds on top of the network.

    .venv/bin/python -m bench tui
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx

from branchdesk.remote import ApiClient, Endpoints

FOLDER = Path("bench-data/tui-50k")
AS_OF = date(2026, 11, 25)
CLIENTS = 50_000
QUERIES = ("w", "wl", "5678", "王", "wns", "3101", "老李")
DASHBOARD_BUDGET = 1.5
SEARCH_BUDGET = 0.150


def ensure_data() -> None:
    if (FOLDER / "format.json").exists():
        return
    from fixtures.branch import BranchSpec
    from fixtures.demo import create_demo

    print(f"building {FOLDER} ({CLIENTS:,} clients; once, then cached) …", flush=True)
    create_demo(FOLDER, BranchSpec(clients=CLIENTS, advisors=40, tasks=100_000, as_of=AS_OF))


def start_server() -> tuple[str, subprocess.Popen]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "BRANCHDESK_TODAY": AS_OF.isoformat()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "branchdesk.cli", "serve", "--data", str(FOLDER), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    match = re.search(r"http://[\d.]+:\d+", proc.stdout.readline())
    if not match:
        proc.kill()
        raise SystemExit("the server did not start")
    url = match.group(0)
    for _ in range(600):
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return url, proc
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit("the server never answered /health")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


async def bare_http(url: str) -> tuple[float, list[float]]:
    """The baseline: sign-in + dashboard, and each search, as bare HTTP calls."""
    api = ApiClient.connect(url)
    try:
        started = time.perf_counter()
        await api.login("manager", "branchdesk")
        await api.send(Endpoints.dashboard())
        dashboard = time.perf_counter() - started
        searches = []
        for query in QUERIES:
            for n in range(1, len(query) + 1):
                started = time.perf_counter()
                await api.send(Endpoints.search_clients(query[:n], limit=50))
                searches.append(time.perf_counter() - started)
        return dashboard, searches
    finally:
        await api.aclose()


def _record_paints(app, screen) -> list[float]:  # type: ignore[no-untyped-def]
    """When each frame of ``screen`` was composed (headless, nothing is written out)."""
    paints = [0.0]
    display = app._display

    def _display(shown, renderable):  # type: ignore[no-untyped-def]
        display(shown, renderable)
        if shown is screen and renderable is not None:
            paints.append(time.perf_counter())

    app._display = _display
    return paints


async def through_the_ui(url: str) -> tuple[float, float, list[float], list[float], list[float]]:
    from textual.widgets import Input

    from tui import make_tui
    from tui.screens.clients import ClientsScreen
    from tui.screens.dashboard import DashboardScreen

    api = ApiClient.connect(url)
    launched = time.perf_counter()
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query("#password"):
            await pilot.pause(0.005)
        ready = time.perf_counter() - launched
        # The person's typing is not the app's time: fill the fields, then press Enter.
        app.screen.query_one("#username", Input).value = "manager"
        box = app.screen.query_one("#password", Input)
        box.value = "branchdesk"
        box.focus()
        submitted = time.perf_counter()
        await pilot.press("enter")
        while not (isinstance(app.screen, DashboardScreen) and app.screen.loaded):
            await pilot.pause(0.005)
        await pilot.pause()  # painted
        dashboard = ready + time.perf_counter() - submitted

        await pilot.press("f3")
        while not (isinstance(app.screen, ClientsScreen) and app.screen.loaded):
            await pilot.pause(0.005)
        screen = app.screen
        search = screen.query_one("#search", Input)
        paints = _record_paints(app, screen)
        timings, pilot_timings = [], []
        for query in QUERIES:
            search.value = ""
            await app.workers.wait_for_complete()
            await pilot.pause()
            for n, ch in enumerate(query, 1):
                # The key goes in through Pilot; the clock stops when the screen that
                # shows this query's results is painted (the compositor's update), not
                # when Pilot's idle detection returns: that polls in 20 ms steps and
                # costs ~60-100 ms per key by itself (the "without a search" row).
                started = time.perf_counter()
                press = asyncio.create_task(pilot.press(ch))
                while screen.shown_query != query[:n] or paints[-1] < screen.shown_at:
                    await asyncio.sleep(0.001)
                timings.append(paints[-1] - started)
                await press
                await app.workers.wait_for_complete()
                await pilot.pause()
                pilot_timings.append(time.perf_counter() - started)
                assert screen.query_text == search.value.strip() == query[:n]
        # The same keystroke path without a search (the cursor moves in the box):
        # what Pilot's press-and-wait costs on this machine by itself.
        idle = []
        for _ in range(len(timings)):
            started = time.perf_counter()
            await pilot.press("home" if len(idle) % 2 else "end")
            await app.workers.wait_for_complete()
            await pilot.pause()
            idle.append(time.perf_counter() - started)
    await api.aclose()
    return ready, dashboard, timings, pilot_timings, idle


def main() -> None:
    ensure_data()
    url, proc = start_server()
    try:
        base_dashboard, base_search = asyncio.run(bare_http(url))
        ready, dashboard, ui_search, pilot_search, idle = asyncio.run(through_the_ui(url))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    ms = 1000
    rows = [
        ("launch → sign-in ready", ready * ms, None, None),
        (
            "launch → interactive dashboard",
            dashboard * ms,
            base_dashboard * ms,
            DASHBOARD_BUDGET * ms,
        ),
        ("search keystroke → results, p95", p95(ui_search) * ms, p95(base_search) * ms, 150.0),
        ("search keystroke → results, median", statistics.median(ui_search) * ms, None, None),
        ("  … until Pilot's idle wait returns, p95", p95(pilot_search) * ms, None, None),
        ("  … idem, median", statistics.median(pilot_search) * ms, None, None),
        ("keystroke without a search (Pilot), median", statistics.median(idle) * ms, None, None),
    ]
    print(f"\nTerminal UI, {CLIENTS:,} clients, {len(ui_search)} keystrokes ({', '.join(QUERIES)})")
    print(f"{'measure':38} {'UI ms':>9} {'bare HTTP ms':>13} {'ratio':>7}  budget")
    for name, ours, base, budget in rows:
        base_s = f"{base:13.1f}" if base is not None else f"{'':13}"
        ratio = f"{ours / base:6.1f}×" if base else f"{'':7}"
        verdict = ""
        if budget is not None:
            verdict = f"≤ {budget:,.0f} ms {'PASS' if ours <= budget else 'FAIL'}"
        print(f"{name:38} {ours:9.1f} {base_s} {ratio}  {verdict}")
    print("baseline: the same sign-in + GET /dashboard, and GET /clients/search, without the UI")


if __name__ == "__main__":
    main()
