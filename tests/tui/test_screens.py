"""Dashboard, client book and client detail, driven by Pilot against the real server app."""

from __future__ import annotations

from textual.widgets import Input

from branchdesk.remote import ApiClient
from tui import make_tui
from tui.screens.client_detail import ClientDetailScreen
from tui.screens.clients import ClientsScreen

from .conftest import LAO_LI, WANG
from .pilot import screen_text, settle, sign_in, type_text


def line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


# -- dashboard ------------------------------------------------------------------------------
async def test_the_dashboard_shows_this_months_flow_and_the_managers_book_bars(
    api: ApiClient,
) -> None:
    # The seed notes' month: two accounts opened, five closed.
    await api.login("manager", "branchdesk")
    for n in range(2):
        new = {"account_id": f"31090000000{n}", "name": "新开户", "open_date": "2026-11-03"}
        await api.create_client(new)
    page = await api.list_clients(sort="-assets", limit=5)
    for c in page.items:
        await api.update_client(c.account_id, {"closed_date": "2026-11-20"}, version=c.version)
    board = await api.dashboard()
    api.token = None

    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        text = screen_text(app)
        assert "gained 2 − lost 5 = -3" in text
        assert "2026-11-25 · 2,002 clients on the book" in text
        assert "High    0" in text and "F4 opens the queue" in text  # no scan yet
        mine = line_with(text, "Due today")
        assert mine.split("Due today")[1].split("│")[0].strip() == str(board.tasks_due_today)
        books = {b.id: b.clients for b in board.advisor_books}
        assert line_with(text, "A02 刘晓燕").rstrip(" │").endswith(f" {books['A02']}")
        assert "A05 王芳 (Departed)" in text and "A11 徐静 (part-time ×0.5)" in text


async def test_front_desk_sees_no_advisor_books(api: ApiClient) -> None:
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        text = screen_text(app)
        assert "2026年11月25日 · 共 2,000 位客户" in text
        assert "新增 0 − 流失 0 = 0" in text
        assert "按 F4 处理预警" in text and "理财经理客户数" not in text


# -- client book ----------------------------------------------------------------------------
async def open_book(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ClientsScreen)


async def test_search_by_pinyin_initials_finds_wang(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        await open_book(pilot)
        await type_text(pilot, "wns")
        text = screen_text(app)
        assert "“wns”: 1 found" in text
        assert "310000000002  王女士" in text and "A02 刘晓燕" in text
        for key in ["backspace"] * 3:
            await pilot.press(key)
        await type_text(pilot, "5678")  # the last digits of her phone
        assert "王女士" in screen_text(app)
        await pilot.press(*["backspace"] * 4)
        await type_text(pilot, "老李")
        assert "310000000001  老李" in screen_text(app)


async def test_the_book_pages_from_the_server_and_sorts(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        await open_book(pilot)
        assert "Showing 50 of 2,000 · sorted by assets, largest first" in screen_text(app)
        await pilot.press("down")  # into the results
        await pilot.press(*["pagedown"] * 3)
        await settle(pilot)
        assert "Showing 100 of 2,000" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Showing 50 of 2,000 · sorted by last trade, most recent first" in text
        newest = (await api.list_clients(sort="-last_trade", limit=1)).items[0]
        assert newest.account_id in line_with(text, newest.last_trade_date.isoformat())
        title = app.screen.table.region.x + 60  # the "Assets" column's title: by assets again
        await pilot.click(offset=(title, app.screen.table.region.y))
        await settle(pilot)
        assert "Showing 50 of 2,000 · sorted by assets, largest first" in screen_text(app)


async def test_client_names_are_shown_as_typed_never_as_markup(api: ApiClient) -> None:
    await api.login("manager", "branchdesk")
    await api.create_client({"account_id": "310900000009", "name": "[bold]x [/b] 丁"})
    api.token = None
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        await open_book(pilot)
        await type_text(pilot, "310900000009")
        assert "[bold]x [/b] 丁" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "[bold]x [/b] 丁  310900000009" in screen_text(app)


# -- client detail --------------------------------------------------------------------------
async def find_and_open(pilot, query: str) -> str:  # type: ignore[no-untyped-def]
    await open_book(pilot)
    await type_text(pilot, query)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ClientDetailScreen)
    return screen_text(pilot.app)


async def test_front_desk_sees_her_phone_masked(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        text = await find_and_open(pilot, "wns")
        assert "Phone          138****5678" in text
        assert "110105********402X" in text
        assert "13812345678" not in text
        assert "masked for your role" in text


async def test_her_advisor_sees_her_in_full_with_chart_advisor_and_tasks(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "a02")
        text = await find_and_open(pilot, "wns")
        assert "Phone          13812345678" in text
        assert "Shown in full; this view is recorded in the" in text
        # 12 months of assets, ¥3.0M at the peak down to ¥1.8M now
        assert "2025-12" in text and "2026-11" in text
        assert line_with(text, "2026-02 ").rstrip(" │").endswith("¥3,000,000")
        assert line_with(text, "2026-11 ").rstrip(" │").endswith("¥1,800,000")
        assert "A02 刘晓燕  Certified · Active" in text and "since 2019-09-01" in text
        assert "对营业部的资讯服务很失望" in text  # her complaint, in the task list
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
        assert app.screen.query_one("#search", Input).value == "wns"


async def test_the_detail_lists_reassignments_in_chinese(api: ApiClient) -> None:
    await api.login("manager", "branchdesk")
    lao_li = await api.get_client(LAO_LI)
    await api.update_client(LAO_LI, {"advisor_id": "A01"}, version=lao_li.version)
    api.token = None
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        text = await find_and_open(pilot, LAO_LI)
        assert "2026年11月25日：A03 → A01（manager）" in text or "：A03 → A01（manager）" in text
        assert "A01 陈志明" in text
        assert "手机号码    13901234567" in text  # a manager sees every client in full
        assert "近12个月总资产" in text and "¥92.0万" in text


async def test_wang_is_reachable_from_the_detail_of_any_screen_by_message(api: ApiClient) -> None:
    from tui.messages import OpenClient

    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        app.screen.post_message(OpenClient(WANG))  # as the alerts screen will
        await settle(pilot)
        assert isinstance(app.screen, ClientDetailScreen) and "王女士" in screen_text(app)
