"""Each rule at, just below and just above its threshold (DOMAIN.md defaults)."""

from __future__ import annotations

import pytest

from branchdesk.models import AdvisorStatus, ChurnRules
from branchdesk.rules import set_rules

from .book import ON, advisor, client, days_ago, fired, history, monthly, task


@pytest.mark.parametrize(("idle", "fires"), [(179, False), (180, True), (181, True)])
def test_dormant_fires_from_180_days_without_a_trade(empty_store, idle, fires) -> None:
    client(empty_store, "900001")
    history(
        empty_store,
        "900001",
        [{"period": ON, "total_assets": 50_000, "last_trade_date": days_ago(idle)}],
    )
    found = fired(empty_store, "900001")
    assert ("dormant" in found) is fires
    if fires:
        assert found["dormant"].evidence["days"] == idle
        assert found["dormant"].evidence_key == days_ago(idle).isoformat()


@pytest.mark.parametrize(
    ("assets", "fires"), [(9_999.99, False), (10_000, True), (10_000.01, True)]
)
def test_dormant_needs_at_least_10000_yuan(empty_store, assets, fires) -> None:
    client(empty_store, "900002")
    history(
        empty_store,
        "900002",
        [{"period": ON, "total_assets": assets, "last_trade_date": days_ago(400)}],
    )
    assert ("dormant" in fired(empty_store, "900002")) is fires


@pytest.mark.parametrize(("out", "fires"), [(49_999, False), (50_000, True), (50_001, True)])
def test_outflow_fires_on_half_of_the_assets(empty_store, out, fires) -> None:
    client(empty_store, "900003")
    monthly(empty_store, "900003", [100_000, 100_000 - out], transfer_out=out)
    found = fired(empty_store, "900003")
    assert ("outflow" in found) is fires
    if fires:
        ev = found["outflow"].evidence
        assert ev["net_out"] == out and ev["base_assets"] == 100_000
        assert ev["ratio"] == round(out / 100_000, 4)


@pytest.mark.parametrize(("out", "fires"), [(499_999, False), (500_000, True), (500_001, True)])
def test_outflow_fires_on_half_a_million_whatever_the_share(empty_store, out, fires) -> None:
    client(empty_store, "900004")
    monthly(empty_store, "900004", [10_000_000, 10_000_000 - out], transfer_out=out)
    assert ("outflow" in fired(empty_store, "900004")) is fires


def test_money_moved_back_in_is_netted(empty_store) -> None:
    client(empty_store, "900005")
    monthly(empty_store, "900005", [100_000, 90_000], transfer_out=60_000, transfer_in=50_000)
    assert "outflow" not in fired(empty_store, "900005")


@pytest.mark.parametrize(("now", "fires"), [(700_001, False), (700_000, True), (699_999, True)])
def test_drawdown_fires_at_30_percent_below_the_peak(empty_store, now, fires) -> None:
    client(empty_store, "900006")
    monthly(empty_store, "900006", [900_000, 1_000_000, 950_000, now])
    found = fired(empty_store, "900006")
    assert ("drawdown" in found) is fires
    if fires:
        ev = found["drawdown"].evidence
        assert ev["peak_assets"] == 1_000_000 and ev["assets_now"] == now
        assert ev["net_transfers"] == 0


def test_drawdown_from_a_transfer_out_is_not_a_loss(empty_store) -> None:
    client(empty_store, "900007")
    monthly(empty_store, "900007", [1_000_000, 1_000_000, 400_000], transfer_out=600_000)
    assert "drawdown" not in fired(empty_store, "900007")


def test_drawdown_counts_the_loss_left_after_a_transfer_out(empty_store) -> None:
    client(empty_store, "900008")
    # ¥500,000 out, then the rest falls from ¥500,000 to ¥350,000: a 30% loss.
    monthly(empty_store, "900008", [1_000_000, 1_000_000, 350_000], transfer_out=500_000)
    found = fired(empty_store, "900008")
    assert found["drawdown"].evidence["drawdown"] == 0.3
    assert found["drawdown"].evidence["net_transfers"] == -500_000


def _trades(store, acct: str, prior: int, recent: int) -> None:
    rows = [
        {"period": days_ago(300), "total_assets": 100_000},
        {"period": days_ago(101), "total_assets": 100_000},
        {"period": days_ago(100), "total_assets": 100_000, "trade_count": prior},
        {"period": days_ago(11), "total_assets": 100_000},
        {"period": days_ago(10), "total_assets": 100_000, "trade_count": recent},
    ]
    history(store, acct, rows)


@pytest.mark.parametrize(("recent", "fires"), [(5, True), (6, False), (7, False)])
def test_activity_drop_fires_below_30_percent_of_the_90_days_before(
    empty_store, recent, fires
) -> None:
    client(empty_store, "900009")
    _trades(empty_store, "900009", prior=20, recent=recent)
    found = fired(empty_store, "900009")
    assert ("activity_drop" in found) is fires
    if fires:
        assert found["activity_drop"].evidence["prior_trades"] == 20
        assert found["activity_drop"].evidence["recent_trades"] == recent


@pytest.mark.parametrize(("prior", "fires"), [(9, False), (10, True), (11, True)])
def test_activity_drop_needs_ten_trades_before(empty_store, prior, fires) -> None:
    client(empty_store, "900010")
    _trades(empty_store, "900010", prior=prior, recent=0)
    assert ("activity_drop" in fired(empty_store, "900010")) is fires


@pytest.mark.parametrize(("gap", "fires"), [(29, False), (30, False), (31, True)])
def test_contact_gap_fires_past_the_core_cadence_of_30_days(empty_store, gap, fires) -> None:
    client(empty_store, "900011")
    monthly(empty_store, "900011", [2_000_000], last_trade_date=days_ago(3))
    task(empty_store, "900011", days_ago(gap))
    task(empty_store, "900011", days_ago(1), outcome="not_reached")  # not a contact
    found = fired(empty_store, "900011")
    assert ("contact_gap" in found) is fires
    if fires:
        assert found["contact_gap"].evidence["cadence_days"] == 30
        assert found["contact_gap"].evidence["last_contact"] == days_ago(gap).isoformat()


@pytest.mark.parametrize(("age", "fires"), [(28, True), (29, True), (30, False)])
def test_complaint_counts_in_the_last_30_days(empty_store, age, fires) -> None:
    client(empty_store, "900012")
    monthly(empty_store, "900012", [300_000], last_trade_date=days_ago(3))
    task(empty_store, "900012", days_ago(age), purpose="complaint", outcome="complaint")
    assert ("complaint" in fired(empty_store, "900012")) is fires


@pytest.mark.parametrize(("length", "fires"), [(29, False), (30, False), (31, True)])
def test_orphaned_when_the_advisor_is_on_leave_longer_than_30_days(
    empty_store, length, fires
) -> None:
    advisor(
        empty_store,
        "A09",
        status=AdvisorStatus.ON_LEAVE,
        leave_from=days_ago(5),
        leave_to=days_ago(5 - length),
    )
    client(empty_store, "900013", advisor_id="A09")
    assert ("orphaned" in fired(empty_store, "900013")) is fires


def test_orphaned_when_the_advisor_departed(empty_store) -> None:
    advisor(empty_store, "A05", status=AdvisorStatus.DEPARTED)
    client(empty_store, "900014", advisor_id="A05")
    found = fired(empty_store, "900014")
    assert found["orphaned"].evidence["advisor_status"] == "departed"


def test_thresholds_come_from_the_stored_rule_set(empty_store) -> None:
    client(empty_store, "900015")
    history(
        empty_store,
        "900015",
        [{"period": ON, "total_assets": 50_000, "last_trade_date": days_ago(100)}],
    )
    assert "dormant" not in fired(empty_store, "900015")
    set_rules(empty_store, ChurnRules, {"dormant_days": 90}, actor="manager")
    assert fired(empty_store, "900015")["dormant"].evidence["threshold_days"] == 90


def test_a_disabled_rule_raises_nothing(empty_store) -> None:
    advisor(empty_store, "A05", status=AdvisorStatus.DEPARTED)
    client(empty_store, "900016", advisor_id="A05")
    enabled = [r for r in ChurnRules().enabled if r != "orphaned"]
    set_rules(empty_store, ChurnRules, {"enabled": enabled}, actor="manager")
    assert "orphaned" not in fired(empty_store, "900016")


def test_a_scan_of_an_earlier_day_ignores_later_contacts(empty_store) -> None:
    client(empty_store, "900017")
    monthly(empty_store, "900017", [2_000_000], last_trade_date=days_ago(3))
    task(empty_store, "900017", days_ago(40))
    task(empty_store, "900017", days_ago(1))
    assert "contact_gap" not in fired(empty_store, "900017")
    earlier = fired(empty_store, "900017", on=days_ago(2))
    assert earlier["contact_gap"].evidence["last_contact"] == days_ago(40).isoformat()
