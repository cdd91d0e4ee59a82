"""The service desk in the terminal UI: my tasks (F6), quick log, plan, complete,
reschedule, cancel — driven by Pilot against the real server app on the demo branch."""

from __future__ import annotations

from textual.widgets import Select

from branchdesk.remote import ApiClient
from tui import make_tui
from tui.modals.task_form import TaskForm
from tui.screens.client_detail import ClientDetailScreen
from tui.screens.tasks import TasksScreen

from .conftest import WANG
from .pilot import screen_text, settle, sign_in, type_text


def choose(app, selector: str, value: object) -> None:  # type: ignore[no-untyped-def]
    """Pick an option of a drop-down in the open dialog."""
    app.screen.query_one(selector, Select).value = value


async def plan_for_a02(api: ApiClient, *dues: str, purpose: str = "relationship") -> list[str]:
    """Tasks for 王女士 (her advisor is A02), planned by the manager before the test."""
    await api.login("manager", "branchdesk")
    ids = []
    for due in dues:
        task = {"account_id": WANG, "channel": "phone", "purpose": purpose, "due_date": due}
        ids.append((await api.create_task(task)).id)
    await api.logout()
    return ids


async def open_tasks(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f6")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TasksScreen)


async def test_front_desk_quick_logs_a_walk_in_for_wang_found_by_pinyin(api: ApiClient) -> None:
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "frontdesk")
        await open_tasks(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        await type_text(pilot, "wns")
        assert "王女士  310000000002" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "✓ 王女士  310000000002" in screen_text(app)
        choose(app, "#outcome", "reached")
        choose(app, "#satisfaction", 4)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        await pilot.pause(0.3)
        assert "已保存：王女士——已联系。" in screen_text(app)
        await pilot.press("f3")
        await settle(pilot)
        await type_text(pilot, "wns")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, ClientDetailScreen)
        # Her last contact is today, and the walk-in heads her tasks, done.
        assert "最近联系    2026年11月25日 (现在)" in text
        assert "2026年11月25日  请来网点  客户关系维护  已完成  已联系" in text
