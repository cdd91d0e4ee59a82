"""Scans over the demo branch: the seed notes' two clients, idempotence, re-raising."""

from __future__ import annotations

import re
from datetime import date

import msgspec
import pytest

from branchdesk.activity import Activity
from branchdesk.churn import daily
from branchdesk.churn.scan import scan
from branchdesk.churn.triage import AlertDesk
from branchdesk.churn.words import alert_words
from branchdesk.models import CST, ActivitySnapshot, Alert, AlertStatus, Resolution
from fixtures.seed_cases import LAO_LI, WANG
from tests.conftest import AS_OF


def _alerts(store, acct: str) -> dict[str, Alert]:
    docs = (store.table("alerts").doc(i) for i in store.table("alerts").index("account").get(acct))
    return {d["rule"]: msgspec.convert(d, Alert) for d in docs}


def test_lao_li_is_dormant_and_moved_62_percent_out(demo_store) -> None:
    scan(demo_store, actor="t")
    alerts = _alerts(demo_store, LAO_LI)
    assert set(alerts) == {"dormant", "outflow"}
    out = alerts["outflow"]
    assert out.evidence["net_out"] == 1_500_000 and out.evidence["base_assets"] == 2_420_000
    assert out.evidence["ratio"] == 0.6198
    assert out.assets_at_risk == 2_420_000 and out.advisor_id == "A03"
    assert alert_words(out, "en").startswith("net out ¥1,500,000 = 62% of assets in 30 days")
    assert "净转出¥150.0万，占资产62%" in alert_words(out, "zh")
    dormant = alerts["dormant"]
    assert dormant.evidence["days"] == 420 and dormant.evidence["assets"] == 920_000


def test_wang_lost_40_percent_and_complained(demo_store) -> None:
    scan(demo_store, actor="t")
    alerts = _alerts(demo_store, WANG)
    assert set(alerts) == {"drawdown", "complaint"}
    dd = alerts["drawdown"].evidence
    assert dd["peak_assets"] == 3_000_000 and dd["assets_now"] == 1_800_000
    assert dd["drawdown"] == 0.4 and dd["loss"] == 1_200_000 and dd["net_transfers"] == 0
    assert alerts["complaint"].evidence["task_id"] == "t-seed-wang-complaint"
    assert alerts["complaint"].evidence["days_ago"] == 9
    assert "−40% net of transfers" in alert_words(alerts["drawdown"], "en")


def test_severity_grows_with_assets_at_risk(demo_store) -> None:
    scan(demo_store, actor="t")
    assert _alerts(demo_store, LAO_LI)["outflow"].severity == 88
    assert _alerts(demo_store, WANG)["drawdown"].severity == 77
    page = AlertDesk(demo_store).list(rule="outflow", limit=100)
    by_risk = sorted(page.items, key=lambda a: a.assets_at_risk)
    assert [a.severity for a in by_risk] == sorted(a.severity for a in by_risk)


def test_departed_and_long_leave_advisors_orphan_their_books(demo_store) -> None:
    scan(demo_store, actor="t")
    orphaned = AlertDesk(demo_store).list(rule="orphaned", limit=1000).items
    assert {a.advisor_id for a in orphaned} == {"A05", "A09"}


def test_two_scans_on_the_same_data_give_the_same_alerts(demo_store) -> None:
    first = scan(demo_store, actor="t")
    before = dict(demo_store.table("alerts")._read_table())
    seq = demo_store.seq
    second = scan(demo_store, actor="t")
    assert first.raised == first.findings > 0
    assert second.raised == second.updated == second.reraised == 0
    assert second.unchanged == first.findings
    assert dict(demo_store.table("alerts")._read_table()) == before
    assert demo_store.seq == seq  # nothing written at all, not even an audit entry


def test_a_resolved_alert_returns_only_on_new_evidence(demo_store) -> None:
    scan(demo_store, actor="t")
    desk = AlertDesk(demo_store)
    alert = _alerts(demo_store, LAO_LI)["outflow"]
    desk.resolve(alert.id, actor="t", version=alert.version, resolution=Resolution.RETAINED)
    assert scan(demo_store, actor="t").reraised == 0
    assert "outflow" not in {a.rule for a in desk.list(account_id=LAO_LI).items}  # still resolved
    # A new day: another ¥300,000 leaves.
    snap = ActivitySnapshot(
        account_id=LAO_LI, period=date(2026, 11, 26), total_assets=620_000, transfer_out=300_000
    )
    Activity(demo_store).record([snap], actor="t", on=date(2026, 11, 26))
    result = scan(demo_store, actor="t", on=date(2026, 11, 26))
    assert result.reraised == 1
    again = [a for a in desk.list(account_id=LAO_LI).items if a.rule == "outflow"]
    assert len(again) == 1 and again[0].id != alert.id
    assert again[0].evidence["net_out"] == 1_800_000 and again[0].evidence_key == "2026-11-26"


def test_an_open_alert_takes_new_evidence_instead_of_a_second_alert(demo_store) -> None:
    scan(demo_store, actor="t")
    before = _alerts(demo_store, LAO_LI)["outflow"]
    snap = ActivitySnapshot(
        account_id=LAO_LI, period=date(2026, 11, 26), total_assets=620_000, transfer_out=300_000
    )
    Activity(demo_store).record([snap], actor="t", on=date(2026, 11, 26))
    assert scan(demo_store, actor="t", on=date(2026, 11, 26)).updated >= 1
    after = _alerts(demo_store, LAO_LI)["outflow"]
    assert after.id == before.id and after.version == before.version + 1
    assert after.status is AlertStatus.OPEN and after.evidence["net_out"] == 1_800_000


def test_the_daily_scan_runs_once_a_day_after_the_scan_time(demo_store) -> None:
    from datetime import datetime

    early = datetime(2026, 11, 25, 7, 29, tzinfo=CST)
    assert daily.run_if_due(demo_store, early) is None
    result = daily.run_if_due(demo_store, early.replace(minute=31))
    assert result is not None and result.raised > 0
    assert daily.last_run(demo_store).last_date == AS_OF
    assert daily.run_if_due(demo_store, early.replace(hour=15)) is None  # a restart
    assert daily.is_due(demo_store, early.replace(day=26, hour=8))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_alert_of_the_demo_reads_as_words(demo_store, lang) -> None:
    scan(demo_store, actor="t")
    for doc in demo_store.table("alerts")._read_table().values():
        words = alert_words(msgspec.convert(doc, Alert), lang)
        assert "{" not in words and not re.search(r"[a-z_]+=\S", words), words


def test_stored_alerts_are_exactly_what_the_alert_model_writes(demo_store) -> None:
    scan(demo_store, actor="t")
    for doc in demo_store.table("alerts")._read_table().values():
        assert msgspec.to_builtins(msgspec.convert(doc, Alert)) == doc
