"""The service desk in the terminal UI: my tasks (F6), quick log, plan, complete,
reschedule, cancel — driven by Pilot against the real server app on the demo branch."""

from __future__ import annotations

from textual.widgets import Input, Select

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


async def test_advisor_completes_a_task_and_an_outcome_is_required(api: ApiClient) -> None:
    await plan_for_a02(api, "2026-11-25")
    app = make_tui(api, lang="en")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "a02")
        await open_tasks(pilot)
        text = screen_text(app)
        assert "王女士" in text and "Phone" in text and "Remote" in text
        today_count = int(text.split("Due today (")[1].split(")")[0])
        row = next(line for line in text.splitlines() if "王女士" in line)
        assert "2026-11-25" in row and "Relationship care" in row and "Planned" in row
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("ctrl+s")  # no outcome chosen
        await settle(pilot)
        assert "An outcome is required: say how it went" in screen_text(app)
        assert app.screen.query_one("#outcome", Select).selection is None  # still open
        choose(app, "#outcome", "reached")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, TasksScreen)
        assert "Saved: 王女士 — Reached." in text
        assert f"Due today ({today_count - 1})" in text


async def test_reschedule_and_cancel_move_tasks_off_todays_list(api: ApiClient) -> None:
    await plan_for_a02(api, "2026-11-25", "2026-11-20")
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "a02")
        await open_tasks(pilot)
        before = screen_text(app)
        assert "已逾期 (" in before
        await pilot.press("s")  # the overdue list
        await settle(pilot)
        assert "2026年11月20日" in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        box = app.screen.query_one("#due", Input)
        box.value = ""
        box.focus()
        await type_text(pilot, "2026-11-10")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "该日期已过，请选择今天或之后。" in screen_text(app)
        box.value = ""
        await type_text(pilot, "2026-12-03")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "已计划：2026年12月3日服务王女士。" in screen_text(app)
        await pilot.press("s", "s")  # the next 7 days … and around to today
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await type_text(pilot, "客户出差")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "已取消王女士的任务。" in screen_text(app)
    tasks = {t.due_date.isoformat(): t for t in await api.client_tasks(WANG)}
    assert tasks["2026-12-03"].status == "planned"


async def test_a_stale_task_is_refused_and_the_form_kept(api: ApiClient) -> None:
    [task_id] = await plan_for_a02(api, "2026-11-25")
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "a02")
        await open_tasks(pilot)
        app.screen.table.move_cursor(row=app.screen.table.get_row_index(task_id))
        await pilot.press("c")
        await settle(pilot)
        # Meanwhile the manager moves the task to tomorrow.
        token, api.token = api.token, None
        await api.login("manager", "branchdesk")
        task = await api.get_task(task_id)
        await api.edit_task(task_id, {"notes": "经理改过"}, version=task.version)
        api.token = token
        choose(app, "#outcome", "follow_up")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "该任务已被他人修改，现已显示最新内容" in text and "经理改过" in text
        await pilot.press("ctrl+s")  # saving again is a deliberate second decision
        await settle(pilot)
        assert "已保存：王女士——需跟进。" in screen_text(app)


async def test_a_product_above_the_clients_level_is_refused_with_the_reason(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "frontdesk")
        await pilot.press("f3")
        await settle(pilot)
        await type_text(pilot, "wns")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("l")  # one key from the client to a logged contact
        await settle(pilot)
        assert "✓ 王女士  310000000002" in screen_text(app)
        choose(app, "#purpose", "product_info")
        await settle(pilot)
        choose(app, "#product-risk", "R5")
        choose(app, "#outcome", "reached")
        notes = app.screen.query_one("#notes", Input)
        notes.focus()
        await type_text(pilot, "介绍私募产品")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "不符合适当性要求：王女士的风险等级为C4，R5产品只能向C5及以上的客户介绍。" in text
        assert isinstance(app.screen, TaskForm) and notes.value == "介绍私募产品"
        choose(app, "#product-risk", "R4")  # within her level
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientDetailScreen)
        assert "产品信息" in screen_text(app)


async def test_a_researcher_reads_tasks_without_keys_that_would_be_refused(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "researcher")
        await open_tasks(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Refresh" in footer and "Log contact" not in footer and "Complete" not in footer
