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
