"""Snapshots of every screen in both languages (Textual is pinned in pyproject.toml, so
they change only when the screens do). Update with ``pytest --snapshot-update``."""

from __future__ import annotations

import pytest

from branchdesk.remote import ApiClient
from tui import make_tui

from .pilot import settle, sign_in, still_cursor, type_text

SIZE = (120, 40)


async def at_sign_in(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    still_cursor(pilot.app)


async def at_dashboard(pilot) -> None:  # type: ignore[no-untyped-def]
    await sign_in(pilot, "manager")
    still_cursor(pilot.app)


async def at_search(pilot) -> None:  # type: ignore[no-untyped-def]
    await sign_in(pilot, "frontdesk")
    await pilot.press("f3")
    await settle(pilot)
    await type_text(pilot, "wns")
    still_cursor(pilot.app)


async def at_detail(pilot) -> None:  # type: ignore[no-untyped-def]
    await at_search(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def at_advisors(pilot) -> None:  # type: ignore[no-untyped-def]
    await sign_in(pilot, "manager")
    await pilot.press("f11")
    await settle(pilot)
    await pilot.press(*["down"] * 5)  # A06: a backup for a departed advisor
    await settle(pilot)


async def at_rebalance(pilot) -> None:  # type: ignore[no-untyped-def]
    await sign_in(pilot, "manager")
    await pilot.press("f7")
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)


@pytest.fixture
def plan_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan's id holds the time of day and a random suffix; the screen shows it, so a
    snapshot pins both (the server still computes and stores the plan for real)."""
    from datetime import datetime
    from types import SimpleNamespace

    from branchdesk.assignment import plans

    monkeypatch.setattr(plans, "now", lambda: datetime(2026, 11, 25, 9, 30))
    monkeypatch.setattr(plans, "secrets", SimpleNamespace(token_hex=lambda n: "5eed"))


async def at_alerts(pilot) -> None:  # type: ignore[no-untyped-def]
    # This morning's scan, run by a manager at another terminal; the front desk triages.
    manager = ApiClient(pilot.app.api.http)
    await manager.login("manager", "branchdesk")
    await manager.scan()
    await sign_in(pilot, "frontdesk")
    await pilot.press("f4")
    await settle(pilot)


async def at_tasks(pilot) -> None:  # type: ignore[no-untyped-def]
    await sign_in(pilot, "a02")
    await pilot.press("f6")
    await settle(pilot)


async def at_quick_log(pilot) -> None:  # type: ignore[no-untyped-def]
    await sign_in(pilot, "frontdesk")
    await pilot.press("f6")
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    await type_text(pilot, "wns")
    await pilot.press("enter")
    await settle(pilot)
    still_cursor(pilot.app)


async def at_campaign_preview(pilot) -> None:  # type: ignore[no-untyped-def]
    await sign_in(pilot, "manager")
    await pilot.press("f8")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def at_reports(pilot) -> None:  # type: ignore[no-untyped-def]
    await sign_in(pilot, "manager")
    await pilot.press("f10")
    await settle(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "where",
    [
        at_sign_in,
        at_dashboard,
        at_search,
        at_detail,
        at_alerts,
        at_tasks,
        at_quick_log,
        at_campaign_preview,
        at_reports,
        at_advisors,
        at_rebalance,
    ],
    ids=lambda f: f.__name__,
)
def test_screen(snap_compare, snap_api: ApiClient, plan_ids, lang: str, where) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_tui(snap_api, lang=lang), terminal_size=SIZE, run_before=where)
