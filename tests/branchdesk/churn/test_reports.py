"""The churn reports over the demo branch after some triage."""

from __future__ import annotations

from datetime import date

from branchdesk.book import ClientBook
from branchdesk.churn import reports
from branchdesk.churn.scan import scan
from branchdesk.churn.triage import AlertDesk
from branchdesk.models import ChurnReason, Resolution
from fixtures.seed_cases import LAO_LI, WANG


def _resolve(store, acct: str, rule: str, resolution: Resolution, **why) -> None:
    desk = AlertDesk(store)
    alert = next(a for a in desk.list(account_id=acct).items if a.rule == rule)
    desk.resolve(alert.id, actor="t", version=alert.version, resolution=resolution, **why)


def test_reasons_count_each_lost_client_once_and_rank_by_assets(demo_store) -> None:
    scan(demo_store, actor="t")
    lost = Resolution.LOST
    _resolve(demo_store, LAO_LI, "outflow", lost, reason=ChurnReason.COMPETITOR)
    _resolve(demo_store, LAO_LI, "dormant", lost, reason=ChurnReason.COMPETITOR)
    _resolve(demo_store, WANG, "drawdown", lost, reason=ChurnReason.POOR_SERVICE)
    small = next(
        a
        for a in AlertDesk(demo_store).list(rule="contact_gap", sort="assets", limit=5).items
        if a.account_id not in (LAO_LI, WANG)
    )
    AlertDesk(demo_store).resolve(
        small.id,
        actor="t",
        version=small.version,
        resolution=lost,
        reason=ChurnReason.OTHER,
        reason_text="搬家去外地",
    )
    found = reports.reasons(demo_store)
    assert found.lost_clients == 3
    assert [r.reason for r in found.by_count][:1] in (["competitor"], ["poor_service"], ["other"])
    assert all(r.clients == 1 for r in found.by_count)
    assert [r.reason for r in found.by_assets][:2] == ["competitor", "poor_service"]
    assert found.by_assets[0].assets == 2_420_000  # the outflow's, not the dormant's 920,000
    other = next(r for r in found.by_count if r.reason == "other")
    assert other.examples == ["搬家去外地"]


def test_funnel_counts_each_stage(demo_store) -> None:
    result = scan(demo_store, actor="t")
    desk = AlertDesk(demo_store)
    wang = {a.rule: a for a in desk.list(account_id=WANG).items}
    desk.acknowledge(wang["complaint"].id, actor="t", version=1)
    desk.start_task(wang["drawdown"].id, actor="t", version=1)
    _resolve(demo_store, WANG, "complaint", Resolution.RETAINED)
    funnel = reports.funnel(demo_store)
    assert funnel.total.raised == result.raised
    assert funnel.total.acknowledged == 2 and funnel.total.in_progress == 1
    assert funnel.total.retained == 1 and funnel.total.open == result.raised - 1
    complaint = next(s for s in funnel.by_rule if s.rule == "complaint")
    assert complaint.raised == complaint.retained == 1
    assert reports.funnel(demo_store, since=date(2030, 1, 1)).total.raised == 0


def test_flow_is_gained_minus_lost_per_month(demo_store) -> None:
    scan(demo_store, actor="t")
    before = {m.month: m for m in reports.flow(demo_store, 12).months}
    book = ClientBook(demo_store)
    client = book.get(WANG)
    book.update(WANG, {"closed_date": "2026-10-20"}, actor="t", expected_version=client.version)
    _resolve(demo_store, WANG, "drawdown", Resolution.LOST, reason=ChurnReason.MARKET)
    _resolve(demo_store, LAO_LI, "outflow", Resolution.LOST, reason=ChurnReason.COMMISSION)
    after = {m.month: m for m in reports.flow(demo_store, 12).months}
    assert after["2026-10"].lost == before["2026-10"].lost + 1  # closed first, counted once
    assert after["2026-11"].lost == before["2026-11"].lost + 1  # 老李
    assert after["2026-11"].net == after["2026-11"].gained - after["2026-11"].lost
    assert sum(m.gained for m in after.values()) > 0


def test_alerts_by_severity_bands_the_queue(demo_store) -> None:
    result = scan(demo_store, actor="t")
    bands = reports.alerts_by_severity(demo_store)
    assert set(bands) == {"high", "medium", "low"}
    assert sum(bands.values()) == result.raised and bands["high"] >= 2
    _resolve(demo_store, LAO_LI, "outflow", Resolution.RETAINED)
    assert reports.alerts_by_severity(demo_store)["high"] == bands["high"] - 1


# -- the dashboard's numbers, read from indexes (terminal UI alerts) ------------------------
def _bands_by_reading_every_alert(store) -> dict[str, int]:
    from branchdesk.churn.severity import band

    counts = {"high": 0, "medium": 0, "low": 0}
    for d in store.table("alerts")._read_table().values():
        if d["status"] != "resolved":
            counts[band(d["severity"])] += 1
    return counts


def test_the_dashboards_month_lost_is_the_flows_and_its_bands_every_alerts(demo_store) -> None:
    from datetime import date as day

    scan(demo_store, actor="t")
    this_month = day(2026, 11, 25)

    def agree() -> int:
        lost = reports.flow(demo_store, 2, until=this_month).months
        assert reports.month_lost(demo_store, this_month) == lost[-1].lost
        assert reports.month_lost(demo_store, day(2026, 10, 31)) == lost[0].lost
        assert reports.alerts_by_severity(demo_store) == _bands_by_reading_every_alert(demo_store)
        return lost[-1].lost

    before = agree()
    book = ClientBook(demo_store)
    # 王女士 closed her account in October and is resolved as lost now: October's, once.
    wang = book.get(WANG)
    book.update(WANG, {"closed_date": "2026-10-20"}, actor="t", expected_version=wang.version)
    _resolve(demo_store, WANG, "drawdown", Resolution.LOST, reason=ChurnReason.MARKET)
    assert agree() == before
    # 老李: two lost alerts this month, one client.
    _resolve(demo_store, LAO_LI, "outflow", Resolution.LOST, reason=ChurnReason.COMPETITOR)
    _resolve(demo_store, LAO_LI, "dormant", Resolution.LOST, reason=ChurnReason.COMPETITOR)
    assert agree() == before + 1
    # A client closed this month without any alert counts too; a retained one does not.
    some = book.list(sort="-assets", limit=10).items[-1]
    book.update(
        some.account_id, {"closed_date": "2026-11-02"}, actor="t", expected_version=some.version
    )
    _resolve(demo_store, WANG, "complaint", Resolution.RETAINED)
    assert agree() == before + 2
    # A re-scan moves severities and raises again: the bands follow.
    scan(demo_store, actor="t")
    agree()
