"""Driving the terminal UI as a user would, and reading what the screen shows."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from fixtures.demo import DEMO_PASSWORD


def screen_text(app: App) -> str:
    """The current screen (dialogs and what lies under them) as plain terminal text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text()


async def settle(pilot: Pilot) -> None:
    """Wait until every worker (and any worker it started) is done and painted."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


async def sign_in(pilot: Pilot, username: str, password: str = DEMO_PASSWORD) -> None:
    """Fill the sign-in dialog (as a person would: name, Enter, password, Enter)."""
    await settle(pilot)
    box = pilot.app.screen.query_one("#username", Input)
    if box.value != username:
        box.value = ""
        box.focus()
        await type_text(pilot, username)
        await pilot.press("enter")
    await type_text(pilot, password)
    await pilot.press("enter")
    await settle(pilot)


def still_cursor(app: App) -> None:
    """Stop the text cursor blinking, so snapshots do not depend on timing."""
    for box in app.screen.query(Input):
        box.cursor_blink = False
