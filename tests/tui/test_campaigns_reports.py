"""Campaigns (F8) and service reports (F10), driven by Pilot against the real server app."""

from __future__ import annotations

from branchdesk import i18n
from branchdesk.remote import ApiClient
from tui import make_tui
from tui.modals.campaign_form import CampaignForm, parse_mix
from tui.screens.campaigns import CampaignsScreen
from tui.screens.reports import ReportsScreen

from .pilot import screen_text, settle, sign_in


async def test_manager_creates_previews_and_runs_a_campaign_and_sees_its_results(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="en")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "manager")
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, CampaignsScreen)
        assert "No campaigns yet." in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        await pilot.press("ctrl+s")  # the defaults: dormant 180 days, phone/WeChat/branch
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, CampaignsScreen)
        assert "Re-activation 2026-11" in text and "Draft" in text
        assert "Preview:" in text and "Nothing has changed yet: press g to run it." in text
        preview = text.split("a run would plan ")[1].split(" tasks")[0]
        assert int(preview.replace(",", "")) > 0
        await pilot.press("g")
        await settle(pilot)
        text = screen_text(app)
        assert f"Run: {preview} tasks planned" in text and "Running" in text
        row = next(line for line in text.splitlines() if "Re-activation 2026" in line)
        assert f" {preview} " in row  # targeted
        assert "Results by channel" in text and "Phone" in text
        await pilot.press("g")  # a second run adds only clients not yet targeted
        await settle(pilot)
        assert "Run: 0 tasks planned" in screen_text(app)


async def test_a_campaign_form_refuses_a_mix_it_cannot_read(api: ApiClient) -> None:
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "manager")
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#mix").value = "pigeon=100"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "渠道组合格式为 渠道=比例" in screen_text(app)
        assert isinstance(app.screen, CampaignForm)


def test_a_channel_mix_reads_english_and_chinese_names() -> None:
    assert parse_mix("phone=60 wechat=40") == {"phone": 0.6, "wechat": 0.4}
    assert parse_mix("电话=1，请来网点=1") == {"phone": 0.5, "branch": 0.5}
    assert parse_mix("phone=x") is None and parse_mix("") is None


async def test_reports_show_coverage_overdue_channels_and_campaigns(api: ApiClient) -> None:
    await api.login("manager", "branchdesk")
    coverage = await api.coverage_report()
    channels = await api.channel_report()
    api.token = None
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "manager")
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        text = screen_text(app)
        share = i18n.percent(coverage.share, "zh")
        assert (
            f"{coverage.clients:,}位客户中{coverage.contacted:,}位按分层周期得到联系（{share}）"
            in text
        )
        first = coverage.rows[0]
        assert f"{first.advisor_id} {first.name}" in text
        await pilot.press("s")
        await settle(pilot)
        assert "逾期任务" in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        text = screen_text(app)
        assert f"完成任务{channels.tasks:,}项" in text and "非现场服务" in text
        await pilot.press("s")
        await settle(pilot)
        assert "暂无激活活动。" in screen_text(app)


async def test_front_desk_has_no_campaigns_or_reports_screen(api: ApiClient) -> None:
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "frontdesk")
        nav = screen_text(app)
        assert "F6 服务任务" in nav
        assert "激活活动" not in nav and "服务报表" not in nav
        await pilot.press("f8")
        await pilot.press("f10")
        await settle(pilot)
        assert not isinstance(app.screen, CampaignsScreen | ReportsScreen)


async def test_running_a_campaign_changed_elsewhere_is_refused_and_refreshed(
    api: ApiClient,
) -> None:
    app = make_tui(api, lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(pilot, "manager")
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Another manager's terminal runs it meanwhile.
        [campaign] = await api.list_campaigns()
        await api.run_campaign(campaign.id, version=campaign.version)
        await pilot.press("g")
        await settle(pilot)
        text = screen_text(app)
        assert "该活动已在别处被执行或关闭" in text and "进行中" in text
