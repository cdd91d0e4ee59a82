"""Sign-in: wrong passwords, landing on the dashboard, a session that ends mid-work."""

from __future__ import annotations

from textual.widgets import Input

from branchdesk.remote import ApiClient
from tui import make_tui
from tui.screens.clients import ClientsScreen
from tui.screens.signin import SignInScreen

from .pilot import screen_text, settle, sign_in, type_text


async def test_a_wrong_password_keeps_you_at_sign_in_and_says_why(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk", "not-the-password")
        assert isinstance(app.screen, SignInScreen)
        assert "Sign-in failed: wrong username or password" in screen_text(app)
        assert api.token is None


async def test_in_chinese_the_refusals_are_chinese_down_to_the_locked_account(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(5):  # the fifth wrong password locks the account
            await sign_in(pilot, "frontdesk", "not-the-password")
            assert "登录失败：用户名或密码错误" in screen_text(app)
        await sign_in(pilot, "frontdesk")  # the right one, too late
        text = screen_text(app)  # the sentence wraps in the dialog
        assert "登录失败：密码连续错误5次，账户已锁定；请15分钟后" in text
        assert "再试，或联系管理员" in text
        assert isinstance(app.screen, SignInScreen) and api.token is None


async def test_signing_in_opens_the_dashboard_with_who_you_are(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Username" in screen_text(app) and "Password" in screen_text(app)
        await sign_in(pilot, "frontdesk")
        text = screen_text(app)
        assert "BranchDesk · Dashboard" in text
        assert "前台小陈 · Front desk" in text
        assert "F2 Dashboard" in text and "F3 Clients" in text
        assert api.token  # in memory only: nothing was written to disk for it


async def test_an_ended_session_asks_to_sign_in_again_and_keeps_what_you_typed(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        await pilot.press("f3")
        await settle(pilot)
        # The session ends on the server (as when it expires) while the user works.
        headers = {"Authorization": f"Bearer {api.token}"}
        assert (await api.http.post("/auth/logout", headers=headers)).status_code == 204
        await type_text(pilot, "w")  # its search meets the 401
        assert isinstance(app.screen, SignInScreen)
        assert "Your session has ended" in screen_text(app)
        assert app.screen.query_one("#username", Input).value == "frontdesk"
        await type_text(pilot, "branchdesk")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
        box = app.screen.query_one("#search", Input)
        assert box.value == "w" and box.has_focus  # what was typed is still there …
        await type_text(pilot, "ns")  # … and the search carries on
        assert "王女士" in screen_text(app)


async def test_signing_out_returns_to_sign_in_and_the_next_person_gets_their_own_screens(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        assert "Advisors' books" in screen_text(app)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen) and api.token is None
        await sign_in(pilot, "frontdesk")
        text = screen_text(app)
        assert "前台小陈" in text and "Advisors' books" not in text
