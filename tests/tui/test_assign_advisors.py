"""The advisors screen (F11), driven by Pilot against the real server app: who is in, a
manager's edits (saved, audited, refused by field, refused when stale), and a leave whose
plan moves the advisor's clients to their backup until the manager ends it."""

from __future__ import annotations

from textual.widgets import Input

from branchdesk.remote import ApiClient
from tui import make_tui
from tui.modals.advisor_edit import EditAdvisorModal
from tui.modals.confirm import ConfirmModal
from tui.modals.leave import LeaveModal
from tui.modals.plan_preview import PlanModal
from tui.screens.advisors import AdvisorsScreen

from .conftest import LAO_LI
from .pilot import screen_text, settle, sign_in, type_text


def line_with(text: str, needle: str) -> str:
    for line in text.splitlines():
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} is not on the screen:\n{text}")


def row_of(text: str, advisor: str) -> str:
    """The table row of an advisor (not a row that names them as a backup)."""
    rows = (line.partition("▕")[2].strip() for line in text.splitlines())
    return next(row for row in rows if row.startswith(advisor))


async def open_advisors(pilot, advisor_id: str) -> str:  # type: ignore[no-untyped-def]
    """F11, then the cursor down to ``advisor_id`` (the table lists them by id)."""
    await pilot.press("f11")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AdvisorsScreen)
    await pilot.press(*["down"] * (int(advisor_id[1:]) - 1))
    await settle(pilot)
    return screen_text(pilot.app)


async def retype(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, text)


async def test_a_manager_edits_an_advisor_and_refusals_are_said_plainly(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        text = await open_advisors(pilot, "A06")
        assert "Departed" in row_of(text, "A05 王芳")
        assert "On leave 11-15–2027-01-04" in row_of(text, "A09 周婷")
        assert "A06 李娜 · Certified · Active · capacity 1 · backup A07 杨帆" in text
        assert "Skills: Wealth planning 5, Stocks 4, Funds 4, Margin 3, Options 3" in text
        assert "Backup for A05 王芳" in text

        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditAdvisorModal)
        await retype(pilot, "3")  # the capacity box has the focus; full time is 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Capacity: must be at most 2" in line_with(text, "Capacity:")
        assert "Nothing was saved: see the messages under the fields." in text

        await retype(pilot, "0.8")
        await pilot.press("tab", "tab")  # stocks → funds
        await retype(pilot, "7")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        # the server's "Expected `int` <= 5" on "skills", said plainly and for the box typed
        assert "funds 7: must be at most 5" in text
        assert "Capacity:" not in text  # the capacity is fine now
        assert (await api.get_advisor("A06")).capacity == 1.0

        await retype(pilot, "5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AdvisorsScreen)
        text = screen_text(app)
        assert "capacity 0.8" in text and "Funds 5" in text
        saved = await api.get_advisor("A06")
        assert saved.capacity == 0.8 and saved.skills["funds"] == 5 and saved.version == 2
        audit = await api.audit(action="advisor.update", entity_id="A06")
        assert [(e.actor, e.after["capacity"]) for e in audit.items] == [("manager", 0.8)]

        # Someone else saves between opening the form and saving it: nothing is overwritten.
        await pilot.press("e")
        await settle(pilot)
        await api.update_advisor("A06", {"phone": "13900000006"}, version=saved.version)
        await retype(pilot, "0.6")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Someone else changed 李娜 after you opened this. Nothing was" in screen_text(app)
        assert (await api.get_advisor("A06")).capacity == 0.8
        await pilot.press("escape")
        await settle(pilot)
        assert "phone 13900000006" in screen_text(app)  # the screen shows their change


async def test_leave_moves_the_book_to_the_backup_and_ending_it_brings_it_back(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        await open_advisors(pilot, "A03")
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LeaveModal)
        assert app.screen.query_one("#field-leave_from", Input).value == "2026-11-25"
        await type_text(pilot, "2026-11-20")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "2026-11-20" in line_with(text, "Last day away")
        assert "before the first day away" in text  # said under the field it concerns

        await retype(pilot, "2026-12-20")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanModal)
        text = screen_text(app)
        assert "The plan for 张建华's clients" in text
        assert "201 → 0" in line_with(text, "│ A03 张建华")  # the bars: before → after
        assert "196 → 384" in line_with(text, "│ A04 赵敏")
        assert "张建华 is on leave until 2026-12-20; backup 赵敏 has" in text
        assert "Apply: move 201 clients" in text

        await pilot.press("enter")  # the apply button has the focus
        await settle(pilot)
        assert isinstance(app.screen, AdvisorsScreen)
        text = screen_text(app)
        assert "applied: 201 clients moved." in text
        assert "On leave 11-25–12-20" in row_of(text, "A03 张建华")
        assert "0 / —" in row_of(text, "A03 张建华")
        assert (await api.get_client(LAO_LI)).advisor_id == "A04"  # 老李 is with the backup

        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")
        await settle(pilot)
        assert "张建华 is back: 201 clients returned." in screen_text(app)
        assert "Active" in row_of(screen_text(app), "A03 张建华")
        assert (await api.get_client(LAO_LI)).advisor_id == "A03"


async def test_front_desk_reads_advisors_but_cannot_edit_or_rebalance(api: ApiClient) -> None:
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "frontdesk")
        text = screen_text(app)
        assert "F11 理财经理" in text and "客户分配" not in text
        await pilot.press("f7")  # the rebalance key does nothing for the front desk
        await settle(pilot)
        assert "营业部客户服务台 · 总览" in screen_text(app)

        text = await open_advisors(pilot, "A09")
        assert "仅营业部负责人可编辑" in text
        assert "休假 11-15–2027-01-04" in row_of(text, "A09 周婷")
        assert "e 编辑" not in text and "l 休假" not in text
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, AdvisorsScreen)


async def test_an_advisor_reads_the_advisors_but_sees_no_rebalancing(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "a02")
        assert "Rebalance" not in screen_text(app)
        text = await open_advisors(pilot, "A02")
        assert "only managers edit advisors" in text
        assert "A02 刘晓燕 · Certified · Active" in text
        assert "e Edit" not in text and "d Depart" not in text  # not in the footer
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, AdvisorsScreen)
        assert (await api.get_advisor("A02")).status.value == "active"


async def test_a_departure_kept_as_a_preview_is_applied_later_on_the_rebalance_screen(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        await pilot.press("f7")
        await settle(pilot)
        assert "No plan yet" in screen_text(app)

        text = await open_advisors(pilot, "A08")
        clients = int(row_of(text, "A08 黄磊").split(" / ")[0].split()[-1])
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        text = screen_text(app)
        assert "Has 黄磊 departed?" in text and f"their {clients} clients" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanModal)
        text = screen_text(app)
        assert "The plan for 黄磊's clients" in text and "departure · preview" in text
        assert f"{clients} → 0" in line_with(text, "│ A08 黄磊")
        assert "黄磊 is departing" in text  # every move says why

        await pilot.press("escape")  # not now
        await settle(pilot)
        text = screen_text(app)
        plan = (await api.list_plans())[0]
        assert f"Plan {plan.id} is kept as a preview" in text
        assert "Departed" in row_of(text, "A08 黄磊")
        assert f"{clients} / —" in row_of(text, "A08 黄磊")  # nobody has moved yet

        # The rebalance screen, opened before, shows the new plan when the user returns.
        await pilot.press("f7")
        await settle(pilot)
        text = screen_text(app)
        assert f"Plan {plan.id} · departure · preview" in text
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert f"Plan {plan.id} applied: {clients} clients moved." in screen_text(app)

        await pilot.press("f11")  # and the advisors screen shows the books as they are now
        await settle(pilot)
        assert "0 / —" in row_of(screen_text(app), "A08 黄磊")


async def test_advisor_names_are_shown_as_typed_never_as_markup(api: ApiClient) -> None:
    await api.login("manager", "branchdesk")
    a07 = await api.get_advisor("A07")
    await api.update_advisor("A07", {"name": "[bold]x [/b] 杨"}, version=a07.version)
    api.token = None
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        text = await open_advisors(pilot, "A06")
        assert row_of(text, "A07").startswith("A07 [bold]")  # cropped to the column
        assert "backup A07 [bold]x [/b] 杨" in text
        await pilot.press("e")  # the backup choice names A07 as typed
        await settle(pilot)
        assert "A07 [bold]x [/b] 杨" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("f7")
        await settle(pilot)
        await pilot.click("#rb-scope")
        await settle(pilot)
        assert "A07 [bold]x [/b] 杨 only" in screen_text(app)
