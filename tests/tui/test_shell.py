"""The shell: F1 help, the command palette, language, and the nav built from the registry."""

from __future__ import annotations

from branchdesk.remote import ApiClient
from tui import make_tui
from tui.modals.help import HelpScreen
from tui.registry import ScreenEntry
from tui.screens import SCREENS
from tui.screens.clients import ClientsScreen
from tui.screens.dashboard import DashboardScreen

from .pilot import screen_text, settle, sign_in, type_text


async def test_f1_lists_the_keys_of_the_screen_and_escape_closes_it(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for shown in ("Screens", "f2", "Dashboard", "This screen", "Sort", "Clear", "Everywhere"):
            assert shown in text
        assert "Help" in text and "Quit" in text and "Commands" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)


async def test_the_palette_offers_what_the_current_screen_can_do(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        await pilot.press("ctrl+p")
        await type_text(pilot, "sort by")
        assert "Sort by" not in screen_text(app)  # the dashboard has nothing to sort
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await type_text(pilot, "go to clients")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
        await pilot.press("ctrl+p")
        await type_text(pilot, "sort by tier")
        assert "Sort by tier, core first" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "sorted by tier, core first" in screen_text(app)


async def test_ctrl_t_switches_every_label_to_chinese_and_back(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        await pilot.press("ctrl+t")
        await settle(pilot)
        text = screen_text(app)
        assert "营业部客户服务台 · 总览" in text and "张经理 · 营业部负责人" in text
        assert "F3 客户档案" in text and "2026年11月25日" in text and "刷新" in text
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "BranchDesk · Dashboard" in screen_text(app)


async def test_the_nav_shows_only_the_screens_a_role_may_use(api: ApiClient) -> None:
    # A screen another capability registers, for managers only (as rebalancing will be).
    books = ScreenEntry(
        name="books",
        key="f7",
        title="backup",  # a word no real screen uses as its title
        help="tui.dash.books",
        permission="assignments.read",
        screen=DashboardScreen,
    )
    SCREENS.append(books)
    try:
        for who, visible in (("frontdesk", False), ("manager", True)):
            app = make_tui(api, lang="en")
            async with app.run_test(size=(120, 40)) as pilot:
                await sign_in(pilot, who)
                assert ("F7 Backup" in screen_text(app)) is visible
                await pilot.press("ctrl+p")
                await type_text(pilot, "go to backup")
                assert ("Go to: Backup" in screen_text(app)) is visible
            api.token = None
    finally:
        SCREENS.remove(books)
