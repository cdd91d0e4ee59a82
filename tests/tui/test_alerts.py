"""Churn alerts in the terminal UI, driven by Pilot against the real server app over the
demo branch after a scan: the queue, the three triage steps, a stale alert (409), who
may open the screen, the client detail's alerts, the rules and the reports."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from branchdesk.models import ChurnReason, Resolution
from branchdesk.remote import ApiClient
from tui import make_tui
from tui.modals.alert_forms import ResolveForm
from tui.screens.alerts import AlertsScreen
from tui.screens.client_detail import ClientDetailScreen
from tui.screens.dashboard import DashboardScreen
from tui.widgets.client_alerts import ClientAlerts

from .conftest import LAO_LI, WANG
from .pilot import screen_text, settle, sign_in, type_text

SIZE = (120, 40)


@pytest.fixture
async def scanned(api: ApiClient) -> ApiClient:
    """The demo branch after this morning's scan (as the server's daily job would do)."""
    await api.login("manager", "branchdesk")
    await api.scan()
    api.token = None
    return api


async def as_other(api: ApiClient, username: str) -> ApiClient:
    """Someone else at another terminal, on the same server."""
    other = ApiClient(api.http)
    await other.login(username, "branchdesk")
    return other


def told(app) -> str:  # type: ignore[no-untyped-def]
    """Every notification shown so far (toasts wrap across lines on screen)."""
    return "\n".join(n.message for n in app._notifications)


def detail(app) -> str:  # type: ignore[no-untyped-def]
    """What the pane under the queue says about the highlighted alert."""
    return str(app.screen.query_one("#alert-detail").render())


async def highlight(pilot: Pilot, *needles: str) -> None:
    """Move down the queue, as a person would, until the detail pane shows ``needles``."""
    await pilot.press("home")
    for _ in range(60):
        if all(n in detail(pilot.app) for n in needles):
            return
        await pilot.press("down")
    raise AssertionError(f"no alert with {needles} in the queue")


async def open_queue(pilot: Pilot) -> None:
    await pilot.press("f4")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AlertsScreen)


# -- the queue and the three steps -----------------------------------------------------------
async def test_a_manager_works_the_seed_clients_alerts_from_the_queue(scanned: ApiClient) -> None:
    app = make_tui(scanned, lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await sign_in(pilot, "manager")
        await open_queue(pilot)
        text = screen_text(app)
        assert "Showing 50 of 1,739 · sorted by severity, most severe first" in text
        assert "老李" in text and "王女士" in text
        assert "Drawdown" in text and "Complaint" in text

        # 老李's outflow, its evidence in words.
        await highlight(pilot, "老李", "Outflow")
        assert "net out ¥1,500,000 = 62% of assets in 30 days (2026-11-01 – 2026-11-25)" in (
            detail(app)
        )
        assert "severity 88 (High)" in detail(app) and "Advisor A03 张建华" in detail(app)

        # Acknowledge it, with a note.
        await pilot.press("a")
        await settle(pilot)
        assert "Acknowledge 老李's Outflow alert" in screen_text(app)
        await type_text(pilot, "calling today")
        await pilot.press("enter")
        await settle(pilot)
        assert "Acknowledged: 老李's Outflow alert." in told(app)
        assert "Acknowledged by manager — calling today" in detail(app)

        # The follow-up task: the client's advisor, the next working day.
        await pilot.press("t")
        await settle(pilot)
        assert "Follow-up task for 老李" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Follow-up task for 老李: Phone, Retention, due 2026-11-26, A03 张建华." in told(app)
        assert "In progress by manager" in detail(app) and "Follow-up task " in detail(app)

        # 王女士's drawdown: "lost" is refused without a reason, then taken with one.
        await highlight(pilot, "王女士", "Drawdown")
        assert "assets ¥3,000,000 (2026-02-28) → ¥1,800,000 = −40%" in detail(app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ResolveForm)
        await pilot.press("right", "enter")  # the resolutions: Retained, *Lost*, False alarm
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Not saved:" in text
        assert "Reason: required when the client was lost: why did they leave?" in text
        await pilot.press("tab", "enter")  # the reasons
        await pilot.press(*["down"] * 5, "enter")  # —, Commission … Market, *Poor service*
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        assert "Resolved as Lost: 王女士's Drawdown alert." in told(app)
        assert "Ended: Lost · Poor service" in detail(app)
        assert (await scanned.get_alert(app.screen.current().id)).reason == "poor_service"

        # Filter by rule: outflow alerts only (the second choice after "All rules").
        await pilot.press("f", "tab", "enter", "down", "down", "enter")  # Dormant, *Outflow*
        await settle(pilot)
        rows = [line for line in screen_text(app).splitlines() if "●" in line]
        assert "Showing 5 of 5" in screen_text(app)
        assert len(rows) == 5 and all("Outflow" in row for row in rows)


async def test_a_step_on_an_alert_someone_else_moved_is_refused_and_reloaded(
    scanned: ApiClient,
) -> None:
    app = make_tui(scanned, lang="zh")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await sign_in(pilot, "frontdesk")
        await open_queue(pilot)
        await highlight(pilot, "王女士", "投诉")
        # Meanwhile her advisor acknowledges it at another terminal.
        other = await as_other(scanned, "a02")
        shown = app.screen.current()
        await other.acknowledge_alert(shown.id, version=shown.version, note="我来跟进")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        assert "王女士的投诉预警在您加载后已被更改：现为“已确认”（最近由a02处理）" in told(app)
        assert "a02：已确认 — 我来跟进" in detail(app)
        # The version on screen is now the server's: the follow-up task goes through.
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "已为王女士创建跟进任务：微信，挽留，2026年11月26日到期，负责人A02 刘晓燕。" in told(
            app
        )


async def test_the_front_desk_pages_and_sorts_the_queue_but_may_not_scan_or_change_rules(
    scanned: ApiClient,
) -> None:
    app = make_tui(scanned, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "frontdesk")
        assert "F4 流失预警" in screen_text(app)
        await open_queue(pilot)
        text = screen_text(app)
        assert "显示 50 / 共 1,739 · 按严重度从高到低" in text
        footer = text.splitlines()[-1]
        assert "a 确认" in footer and "t 跟进任务" in footer and "r 结案" in footer
        assert "扫描" not in footer and "规则" not in footer and "报表" not in footer
        await pilot.press(*["pagedown"] * 3)
        await settle(pilot)
        assert "显示 100 / 共 1,739" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "显示 50 / 共 1,739 · 按涉及资产从高到低" in screen_text(app)
        await pilot.press("s", "u")  # a manager's keys: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)


# -- the dashboard, the reports, and who sees the screen ---------------------------------------
async def test_the_dashboard_counts_open_alerts_and_this_months_lost_then_the_reasons(
    scanned: ApiClient,
) -> None:
    await scanned.login("manager", "branchdesk")
    outflow = (await scanned.list_alerts(account_id=LAO_LI, rule="outflow")).items[0]
    await scanned.resolve_alert(
        outflow.id,
        version=outflow.version,
        resolution=Resolution.LOST,
        reason=ChurnReason.COMPETITOR,
    )
    board = await scanned.dashboard()
    scanned.token = None
    bands = board.alerts_by_severity
    app = make_tui(scanned, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "manager")
        text = screen_text(app)
        assert f"High    {bands['high']:>5,}" in text or f"High {bands['high']}" in text
        assert f"{bands['low']:,}" in text and "F4 opens the queue" in text
        assert "gained 0 − lost 1 = -1" in text and "g: why clients left" in text
        await pilot.press("g")  # from the dashboard (the queue has the same key)
        await settle(pilot)
        text = screen_text(app)
        assert "1 clients lost · ¥2,420,000 at risk" in text
        assert "Churn reasons by clients" in text and "Churn reasons by assets" in text
        assert "Moved to a competitor" in text
        await pilot.press("escape")
        await settle(pilot)

        # Someone resolves a high alert at another terminal; back on the dashboard after
        # a look at the queue, the count has followed.
        other = await as_other(scanned, "a02")
        wang = (await other.list_alerts(account_id=WANG, rule="drawdown")).items[0]
        await other.resolve_alert(wang.id, version=wang.version, resolution=Resolution.RETAINED)
        await open_queue(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert f"High    {bands['high'] - 1:>5,}" in screen_text(app)
        await pilot.press("ctrl+o")  # the researcher takes the terminal
        await sign_in(pilot, "researcher")
        text = screen_text(app)
        assert "F4" not in text and "Triaged by the front desk," in text
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


# -- the client detail's alerts ----------------------------------------------------------------
async def test_the_client_detail_lists_her_alerts_and_jumps_to_one_in_the_queue(
    scanned: ApiClient,
) -> None:
    app = make_tui(scanned, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "a02")
        await pilot.press("f3")
        await settle(pilot)
        await type_text(pilot, "wns")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientDetailScreen)
        text = screen_text(app)
        assert "Complaint · Open" in text and "Drawdown · Open" in text
        assert "complaint on 2026-11-16 (9 days ago)" in text
        chosen = app.screen.query_one(ClientAlerts).current()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        text = screen_text(app)
        assert f"Showing 2 of 2 · 王女士's alerts ({WANG}) · Esc shows all" in text
        assert f"{chosen.rule.value.capitalize()} · severity 77" in detail(app)
        await pilot.press("escape")
        await settle(pilot)
        text = screen_text(app)  # her queue as it was: unresolved, her own book
        assert "Showing 50 of 91" in text and "Unresolved" in text and "A02 刘晓燕" in text


async def test_lost_for_another_reason_needs_it_in_words_then_leaves_the_open_queue(
    scanned: ApiClient,
) -> None:
    app = make_tui(scanned, lang="zh")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await sign_in(pilot, "frontdesk")
        await open_queue(pilot)
        await highlight(pilot, "老李", "休眠")
        gone = app.screen.current()
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("right", "enter")  # 保留, *流失*, 误报
        await pilot.press("tab", "enter", *["down"] * 7, "enter")  # —, 佣金太高 … *其他*
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, ResolveForm) and "未保存：" in text
        assert "具体原因（选“其他”时必填）：" in text
        await pilot.press("tab")
        await type_text(pilot, "子女接到外地")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "已结案（已流失）：老李的休眠预警。" in told(app)
        assert "结案：已流失 · 其他 · 子女接到外地" in detail(app)
        total = app.screen.total

        # Refreshed, the open queue no longer holds it; "resolved" does.
        await pilot.press("f5")
        await settle(pilot)
        assert gone.id not in app.screen.table.rows
        assert f"共 {total - 1:,}" in screen_text(app)
        await pilot.press("f", "enter", *["down"] * 4, "enter")  # 未结案, 待处理 … *已结案*
        await settle(pilot)
        assert "显示 1 / 共 1" in screen_text(app)
        assert "老李" in detail(app) and "子女接到外地" in detail(app)


async def test_filters_by_status_and_tier_and_opening_the_client(scanned: ApiClient) -> None:
    await scanned.login("manager", "branchdesk")
    core = (await scanned.list_alerts(tier="core", limit=1)).total
    top = (await scanned.list_alerts(limit=1)).items[0]
    await scanned.acknowledge_alert(top.id, version=top.version, note="")
    scanned.token = None
    app = make_tui(scanned, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "frontdesk")
        await open_queue(pilot)
        # Status: acknowledged only (Unresolved, Open, *Acknowledged* …).
        await pilot.press("f", "enter", "down", "down", "enter")
        await settle(pilot)
        assert "Showing 1 of 1" in screen_text(app)
        assert "Acknowledged by manager" in detail(app)
        # Back to the unresolved queue, then the core tier (All tiers, *Core* …).
        await pilot.press("f", "enter", "home", "enter")
        await settle(pilot)
        await pilot.press("f", "tab", "tab", "enter", "down", "enter")
        await settle(pilot)
        assert f"Showing 50 of {core:,}" in screen_text(app)
        assert all(a.tier == "core" for a in app.screen.alerts.values())
        assert "Core · Advisor" in detail(app)

        # The client behind the highlighted alert (the queue has the keys again after a
        # filter is picked: ↓ moves down it), and back to the queue.
        await pilot.press("down")
        name = app.screen.current().client_name
        assert name in detail(app)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ClientDetailScreen) and name in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)


# -- the rules ---------------------------------------------------------------------------------
async def test_a_manager_changes_a_threshold_and_a_bad_value_is_refused_by_name(
    scanned: ApiClient,
) -> None:
    app = make_tui(scanned, lang="zh")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await sign_in(pilot, "manager")
        await open_queue(pilot)
        await pilot.press("u")
        await settle(pilot)
        text = screen_text(app)
        assert "流失预警规则 · 第0版" in text and "休眠：无交易天数 (dormant_days)" in text
        await pilot.press("down", "enter")  # 启用的规则, *休眠：无交易天数*
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "-5")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "未保存：" in text and "• 休眠：无交易天数 (dormant_days)：" in text
        assert (await scanned.rule_set("churn")).values["dormant_days"] == 180
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "200")
        await pilot.press("enter")
        await settle(pilot)
        assert "已保存：休眠：无交易天数 (dormant_days) = 200（第1版）。" in screen_text(app)
        assert "流失预警规则 · 第1版" in screen_text(app)
        assert (await scanned.rule_set("churn")).values["dormant_days"] == 200
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)


async def test_before_the_first_scan_the_empty_queue_says_where_alerts_come_from(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await sign_in(pilot, "manager")
        await open_queue(pilot)
        assert "No alerts match.\nThe daily churn scan raises alerts each morning; press s" in (
            detail(app)
        )
        await pilot.press("s")
        await settle(pilot)
        assert "Scanned 2,000 clients on 2026-11-25" in told(app)
        assert "Showing 50 of 1,739" in screen_text(app)
