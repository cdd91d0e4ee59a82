"""A dormant-activation campaign over the demo branch: who it picks, where its tasks land,
and who comes back."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from branchdesk.activity import Activity
from branchdesk.errors import Conflict, Invalid
from branchdesk.models import (
    ActivitySnapshot,
    CampaignStatus,
    Channel,
    Outcome,
    Purpose,
    TaskStatus,
)
from branchdesk.service.calendar import WorkCalendar
from branchdesk.service.campaigns import Campaigns
from branchdesk.service.reports import campaign_results
from branchdesk.tasks import TaskBook

ON = date(2026, 11, 25)
START, END = date(2026, 11, 26), date(2026, 12, 31)


def wake_up(store, **more):
    fields = {
        "name": "冬季唤醒",
        "filter": {"dormant_days": 180},
        "channels": {"phone": 0.5, "wechat": 0.5},
        "start": START.isoformat(),
        "end": END.isoformat(),
        "daily_limit": 3,
        **more,
    }
    return Campaigns(store).create(fields, actor="manager")


def campaign_tasks(store, campaign_id: str) -> list[dict]:
    tasks = store.table("tasks")
    return [tasks.doc(i) for i in tasks.index("campaign").get(campaign_id)]


def test_tasks_land_within_the_daily_limits_on_working_days(demo_store) -> None:
    campaign = wake_up(demo_store)
    run = Campaigns(demo_store).run(campaign.id, actor="manager", on=ON, expected_version=1)
    docs = campaign_tasks(demo_store, campaign.id)
    assert run.created == len(docs) > 100
    per_day = Counter((d["assignee"], d["due_date"]) for d in docs)
    assert max(per_day.values()) <= 3
    cal = WorkCalendar(demo_store)
    assert all(cal.is_workday(date.fromisoformat(day)) for _, day in per_day)
    assert all(START.isoformat() <= d["due_date"] <= END.isoformat() for d in docs)
    # Spread, not piled up: an advisor with many clients uses many days.
    busiest = Counter(d["assignee"] for d in docs).most_common(1)[0][0]
    assert len({day for a, day in per_day if a == busiest}) >= 5
    assert run.campaign.status is CampaignStatus.RUNNING and run.campaign.version == 2


def test_it_picks_dormant_consenting_clients_for_their_advisors(demo_store) -> None:
    campaign = wake_up(demo_store, daily_limit=50)
    run = Campaigns(demo_store).run(campaign.id, actor="manager", on=ON)
    clients = demo_store.table("clients")
    docs = campaign_tasks(demo_store, campaign.id)
    advisors = {d["id"]: d for d in demo_store.table("advisors")._read_table().values()}
    for d in docs:
        client = clients.doc(d["account_id"])
        assert client["contact_consent"] and (client["last_trade_date"] or "") <= "2026-05-29"
        assert d["purpose"] == Purpose.RELATIONSHIP.value  # relationship-first by default
        owner = advisors[client["advisor_id"]]
        assert d["assignee"] in (owner["id"], owner["backup_id"])
    assert run.no_consent > 0 and run.over_capacity == 0
    mix = Counter(d["channel"] for d in docs)
    assert abs(mix["phone"] - mix["wechat"]) <= len(run.by_advisor)  # 50/50 per advisor
    again = Campaigns(demo_store).run(campaign.id, actor="manager", on=ON)
    assert again.created == 0 and again.already == run.created


def test_a_client_who_trades_after_the_start_counts_as_reactivated(demo_store) -> None:
    campaign = wake_up(demo_store)
    Campaigns(demo_store).run(campaign.id, actor="manager", on=ON)
    docs = sorted(campaign_tasks(demo_store, campaign.id), key=lambda d: d["account_id"])
    back, silent = docs[0], docs[1]
    book = TaskBook(demo_store)
    book.complete(
        back["id"],
        outcome=Outcome.REACHED,
        actor=back["assignee"] or "",
        expected_version=1,
        cost=12.0,
    )
    book.complete(silent["id"], outcome=Outcome.NOT_REACHED, actor="x", expected_version=1)
    before = campaign_results(demo_store, Campaigns(demo_store).get(campaign.id))
    assert before.reactivated == 0 and before.cost_per_reactivation is None
    # The back office's next daily file: one of them traded on 3 December.
    Activity(demo_store).record(
        [
            ActivitySnapshot(
                account_id=back["account_id"],
                period=date(2026, 12, 3),
                total_assets=80_000,
                trade_count=2,
                last_trade_date=date(2026, 12, 3),
            )
        ],
        actor="import",
    )
    after = campaign_results(demo_store, Campaigns(demo_store).get(campaign.id))
    assert after.reactivated == 1 and after.reached == 1 and after.contacted == 2
    assert after.cost == 12.0 + silent["cost"]
    assert after.cost_per_reactivation == after.cost
    assert after.targeted == len(docs)


def test_a_trade_before_the_start_is_not_a_reactivation(demo_store) -> None:
    campaign = wake_up(demo_store, start="2026-12-10")
    Campaigns(demo_store).run(campaign.id, actor="manager", on=ON)
    doc = campaign_tasks(demo_store, campaign.id)[0]
    Activity(demo_store).record(
        [
            ActivitySnapshot(
                account_id=doc["account_id"],
                period=date(2026, 12, 3),
                total_assets=80_000,
                trade_count=1,
                last_trade_date=date(2026, 12, 3),
            )
        ],
        actor="import",
    )
    assert campaign_results(demo_store, Campaigns(demo_store).get(campaign.id)).reactivated == 0


def test_filters_by_assets_tier_advisor_and_drawdown(demo_store) -> None:
    campaign = wake_up(
        demo_store, filter={"min_drawdown": 0.3, "tiers": ["core"], "advisor_ids": ["A02"]}
    )
    picked = Campaigns(demo_store).matches(campaign, ON)
    assert "310000000002" in {d["account_id"] for d in picked}  # 王女士: ¥3.0M → ¥1.8M
    assert all(d["advisor_id"] == "A02" and d["tier"] == "core" for d in picked)
    rich = wake_up(demo_store, filter={"dormant_days": 180, "min_assets": 1_000_000})
    assert all(d["total_assets"] >= 1_000_000 for d in Campaigns(demo_store).matches(rich, ON))


def test_bad_campaigns_are_refused_naming_the_field(demo_store) -> None:
    with pytest.raises(Invalid) as mix:
        wake_up(demo_store, channels={"phone": 0.5, "sms": 0.2})
    assert mix.value.errors[0].field == "channels"
    with pytest.raises(Invalid) as period:
        wake_up(demo_store, end="2026-11-01")
    assert period.value.errors[0].field == "end"


def test_a_closed_campaign_does_not_run_again(demo_store) -> None:
    campaign = wake_up(demo_store)
    desk = Campaigns(demo_store)
    run = desk.run(campaign.id, actor="manager", on=ON)
    closed = desk.close(campaign.id, actor="manager", expected_version=run.campaign.version)
    assert closed.status is CampaignStatus.CLOSED and closed.version == run.campaign.version + 1
    with pytest.raises(Conflict):
        desk.run(campaign.id, actor="manager", on=ON)


def test_a_stale_version_does_not_run(demo_store) -> None:
    campaign = wake_up(demo_store)
    Campaigns(demo_store).run(campaign.id, actor="manager", on=ON, expected_version=1)
    with pytest.raises(Conflict) as stale:
        Campaigns(demo_store).run(campaign.id, actor="manager", on=ON, expected_version=1)
    assert stale.value.current_version == 2


def test_the_campaign_tasks_are_ordinary_tasks_for_the_advisor(demo_store) -> None:
    campaign = wake_up(demo_store)
    Campaigns(demo_store).run(campaign.id, actor="manager", on=ON)
    doc = campaign_tasks(demo_store, campaign.id)[0]
    task = TaskBook(demo_store).get(doc["id"])
    assert task.campaign_id == campaign.id and task.status is TaskStatus.PLANNED
    assert task.channel in (Channel.PHONE, Channel.WECHAT)
    assert task.cost == {Channel.PHONE: 2.0, Channel.WECHAT: 0.0}[task.channel]
