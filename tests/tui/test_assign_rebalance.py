"""The rebalance screen (F7), driven by Pilot against the real server app: a preview read
as bars and reasons, a stale preview refused plainly, apply after a confirmation, the
list of past plans, and an undo that names the client it could not put back."""

from __future__ import annotations

from branchdesk.remote import ApiClient
from tui import make_tui
from tui.assign_format import cost, number
from tui.modals.confirm import ConfirmModal
from tui.modals.plans import PlansModal
from tui.screens.rebalance import RebalanceScreen

from .pilot import screen_text, settle, sign_in, type_text


def line_with(text: str, needle: str) -> str:
    for line in text.splitlines():
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} is not on the screen:\n{text}")


async def press(pilot, *keys: str) -> str:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await settle(pilot)
    return screen_text(pilot.app)


async def test_a_manager_previews_applies_and_undoes_a_rebalancing(api: ApiClient) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        text = await press(pilot, "f7")
        assert isinstance(app.screen, RebalanceScreen)
        assert "No plan yet" in text and "Loads today" in text
        today = {x.advisor_id: x for x in await api.advisor_loads()}
        a06 = line_with(text, "│ A06 李娜")  # one bar and one figure each: no plan yet
        assert (
            "→" not in a06 and f" {today['A06'].clients_before} ({today['A06'].target:,.0f})" in a06
        )

        text = await press(pilot, "p")
        first = (await api.list_plans())[0]
        plan = await api.get_plan(first.id)
        assert f"Plan {plan.id} · rebalance · preview · 2026-11-25" in text
        assert f"{plan.totals.moves:,} moves · cost {cost(plan.totals.cost)}" in text
        loads = {x.advisor_id: x for x in plan.loads}
        assert f"{loads['A05'].clients_before} → 0" in line_with(text, "│ A05 王芳")
        a06 = loads["A06"]
        assert f"{number(a06.before)} → {number(a06.after)}" in line_with(text, "│ A06 李娜")

        # Why 王芳's clients move: her departure, and her backup's strength.
        await pilot.press("slash")
        await type_text(pilot, "A05 A06")
        text = await press(pilot, "enter")
        assert "A05 → A06" in text
        assert "王芳 is departing; backup 李娜 has" in text

        # Someone changes an advisor after the preview: applying it is refused plainly.
        a11 = await api.get_advisor("A11")
        await api.update_advisor("A11", {"capacity": 0.6}, version=a11.version)
        text = await press(pilot, "a")
        assert isinstance(app.screen, ConfirmModal)
        assert f"Apply plan {plan.id}?" in text
        assert f"Apply {plan.totals.moves:,} moves" in text
        text = await press(pilot, "enter")
        assert "The book changed since this preview — preview again (P)." in text
        assert "preview" in line_with(text, f"Plan {plan.id}")

        await press(pilot, "p")
        fresh = await api.get_plan((await api.list_plans())[0].id)
        await press(pilot, "a")
        text = await press(pilot, "enter")
        assert f"Plan {fresh.id} applied: {fresh.totals.moves:,} clients moved." in text
        assert f"Plan {fresh.id} · rebalance · applied" in text
        books = {x.advisor_id: x.clients_before for x in await api.advisor_loads()}
        assert books["A05"] == 0 and books["A09"] == 0

        # One moved client is reassigned again before the undo: it stays, and is named.
        moved, kept = fresh.moves[0], fresh.moves[1]
        client = await api.get_client(moved.account_id)
        others = {m.to_id for m in fresh.moves} - {moved.to_id}
        elsewhere = sorted(others)[0]
        await api.update_client(moved.account_id, {"advisor_id": elsewhere}, version=client.version)
        text = await press(pilot, "u")
        assert isinstance(app.screen, ConfirmModal)
        assert f"Undo plan {fresh.id}?" in text
        text = await press(pilot, "enter")
        restored = fresh.totals.moves - 1
        assert f"Plan {fresh.id} undone: {restored:,} clients restored." in text
        assert "1 could not be: they were reassigned since" in text
        assert "not undone" in line_with(text, moved.account_id)
        name = app.advisors[elsewhere].name
        assert f"reassigned after the plan was applied (now with {name})" in text
        assert (await api.get_client(kept.account_id)).advisor_id == kept.from_id
        assert (await api.get_client(moved.account_id)).advisor_id == elsewhere

        # The past plans: the stale preview is still a preview, the other one undone.
        text = await press(pilot, "h")
        assert isinstance(app.screen, PlansModal)
        assert "preview" in line_with(text, plan.id)
        assert "undone" in line_with(text, fresh.id)
        await press(pilot, "escape")


async def test_a_preview_of_one_advisors_book_moves_only_their_clients(api: ApiClient) -> None:
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "manager")
        await press(pilot, "f7")
        await pilot.click("#rb-scope")
        await press(pilot, *["down"] * 10, "enter")  # the tenth advisor: A10 吴俊杰
        text = await press(pilot, "p")
        plan = await api.get_plan((await api.list_plans())[0].id)
        assert plan.advisor_id == "A10" and plan.moves
        assert {m.from_id for m in plan.moves} == {"A10"}
        assert f"方案 {plan.id} · 整体均衡 · 预览 · 2026年11月25日 · 仅 A10 吴俊杰" in text
        assert "吴俊杰名下负荷" in text  # why: his book is above the band
