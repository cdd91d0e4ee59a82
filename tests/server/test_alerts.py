"""The alert lifecycle over HTTP: scan, queue, acknowledge, task, resolve; 409 on a stale
version; "lost" refused without a reason; the churn reports."""

from __future__ import annotations

from litestar.testing import TestClient

LAO_LI = "310000000001"
WANG = "310000000002"


def _scan(http: TestClient, h: dict) -> dict:
    r = http.post("/alerts/scan", headers=h)
    assert r.status_code == 200, r.text
    return r.json()


def _alert(http: TestClient, h: dict, acct: str, rule: str) -> dict:
    page = http.get("/alerts", headers=h, params={"account_id": acct, "rule": rule}).json()
    assert page["total"] == 1, page
    return page["items"][0]


def test_lifecycle_end_to_end(http: TestClient, as_role) -> None:
    manager, desk = as_role("manager"), as_role("frontdesk")
    result = _scan(http, manager)
    assert result["raised"] > 0 and result["by_rule"]["outflow"] >= 1
    queue = http.get("/alerts", headers=desk, params={"limit": 5}).json()
    severities = [a["severity"] for a in queue["items"]]
    assert severities == sorted(severities, reverse=True) and queue["total"] == result["raised"]

    alert = _alert(http, desk, LAO_LI, "outflow")
    assert alert["client_name"] == "老李" and alert["status"] == "open"
    assert alert["evidence"]["net_out"] == 1_500_000

    r = http.post(f"/alerts/{alert['id']}/acknowledge", headers=desk, json={"version": 1})
    assert r.status_code == 200 and r.json()["status"] == "acknowledged"
    # The same click from a screen that still shows version 1: someone moved it on.
    stale = http.post(f"/alerts/{alert['id']}/acknowledge", headers=desk, json={"version": 1})
    assert stale.status_code == 409
    assert stale.json()["type"] == "urn:branchdesk:problem:conflict"
    assert stale.json()["current_version"] == 2

    r = http.post(f"/alerts/{alert['id']}/task", headers=desk, json={"version": 2})
    assert r.status_code == 201, r.text
    task, moved = r.json()["task"], r.json()["alert"]
    assert moved["status"] == "in_progress" and moved["task_id"] == task["id"]
    assert task["alert_id"] == alert["id"] and task["assignee"] == "A03"
    assert task["purpose"] == "retention" and task["due_date"] == "2026-11-26"
    assert http.get(f"/tasks/{task['id']}", headers=desk).json()["account_id"] == LAO_LI

    lost = {"version": 3, "resolution": "lost"}
    r = http.post(f"/alerts/{alert['id']}/resolve", headers=desk, json=lost)
    assert r.status_code == 400
    assert r.json()["errors"][0]["field"] == "reason"
    r = http.post(f"/alerts/{alert['id']}/resolve", headers=desk, json={**lost, "reason": "other"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "reason_text"
    assert http.get(f"/alerts/{alert['id']}", headers=desk).json()["status"] == "in_progress"

    r = http.post(
        f"/alerts/{alert['id']}/resolve",
        headers=desk,
        json={**lost, "reason": "competitor", "note": "转去了另一家券商"},
    )
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["status"] == "resolved" and done["resolution"] == "lost"
    assert [s["status"] for s in done["history"]] == ["acknowledged", "in_progress", "resolved"]
    assert {s["by"] for s in done["history"]} == {"frontdesk"}

    trail = http.get("/audit", headers=manager, params={"entity_id": alert["id"]}).json()
    assert {e["action"] for e in trail["items"]} == {
        "alert.acknowledge",
        "alert.task",
        "alert.resolve",
    }

    # A re-scan on the same data raises nothing new.
    again = _scan(http, manager)
    assert again["raised"] == again["reraised"] == again["updated"] == 0

    reasons = http.get("/reports/reasons", headers=manager).json()
    assert reasons["by_count"][0]["reason"] == "competitor"
    assert reasons["lost_assets"] == 2_420_000
    funnel = http.get("/reports/churn", headers=manager).json()
    assert funnel["total"]["lost"] == 1 and funnel["total"]["acknowledged"] == 1
    assert funnel["total"]["median_hours_to_first_action"] is not None
    flow = http.get("/reports/flow", headers=manager, params={"months": 3}).json()
    assert [m["month"] for m in flow["months"]] == ["2026-09", "2026-10", "2026-11"]
    assert flow["months"][-1]["lost"] >= 1


def test_queue_filters_and_pages(http: TestClient, as_role) -> None:
    h = as_role("manager")
    _scan(http, h)
    core = http.get("/alerts", headers=h, params={"tier": "core", "limit": 1000}).json()
    assert core["total"] > 0 and all(a["tier"] == "core" for a in core["items"])
    mine = http.get("/alerts", headers=h, params={"advisor_id": "A02", "limit": 1000}).json()
    assert all(a["advisor_id"] == "A02" for a in mine["items"])
    by_assets = http.get("/alerts", headers=h, params={"sort": "-assets", "limit": 3}).json()
    risks = [a["assets_at_risk"] for a in by_assets["items"]]
    assert risks == sorted(risks, reverse=True)
    page2 = http.get("/alerts", headers=h, params={"offset": 3, "limit": 3}).json()
    page1 = http.get("/alerts", headers=h, params={"offset": 0, "limit": 6}).json()
    assert [a["id"] for a in page2["items"]] == [a["id"] for a in page1["items"][3:]]
    raised = http.get("/alerts", headers=h, params={"limit": 1}).json()["total"]
    both = http.get("/alerts", headers=h, params={"status": ["open", "resolved"]}).json()
    assert both["total"] == raised
    done = http.get("/alerts", headers=h, params={"status": "resolved"}).json()
    assert done["total"] == 0
    bad = http.get("/alerts", headers=h, params={"sort": "name"})
    assert bad.status_code == 400


def test_false_alarm_takes_no_reason(http: TestClient, as_role) -> None:
    h = as_role("frontdesk")
    _scan(http, as_role("manager"))
    alert = _alert(http, h, WANG, "complaint")
    r = http.post(
        f"/alerts/{alert['id']}/resolve",
        headers=h,
        json={"version": 1, "resolution": "false_alarm", "reason": "market"},
    )
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "reason"
    r = http.post(
        f"/alerts/{alert['id']}/resolve",
        headers=h,
        json={"version": 1, "resolution": "retained"},
    )
    assert r.status_code == 200
    r = http.post(f"/alerts/{alert['id']}/acknowledge", headers=h, json={"version": 2})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "status"


def test_unknown_alert_is_404(http: TestClient, as_role) -> None:
    r = http.get("/alerts/nope", headers=as_role("frontdesk"))
    assert r.status_code == 404 and r.json()["type"] == "urn:branchdesk:problem:not-found"


def test_activity_batch_records_a_new_day_and_refuses_unknown_accounts(
    http: TestClient, as_role
) -> None:
    h = as_role("manager")
    day = {"period": "2026-11-26", "total_assets": 900_000, "transfer_out": 20_000}
    r = http.post(
        "/clients/activity", headers=h, json={"snapshots": [{"account_id": LAO_LI, **day}]}
    )
    assert r.status_code == 200 and r.json() == {"snapshots": 1, "clients_changed": 1}
    assert http.get(f"/clients/{LAO_LI}", headers=h).json()["total_assets"] == 900_000
    r = http.post(
        "/clients/activity",
        headers=h,
        json={"snapshots": [{"account_id": WANG, **day}, {"account_id": "399999999999", **day}]},
    )
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "account_id"
    history = http.get(f"/clients/{WANG}/activity", headers=h).json()
    assert history[-1]["period"] == "2026-11-25"  # nothing of the refused batch was kept
    bad = http.post(
        "/clients/activity",
        headers=h,
        json={"snapshots": [{"account_id": WANG, "period": "2026-11-26", "total_assets": -1}]},
    )
    assert bad.status_code == 400


def test_managers_change_churn_thresholds_and_bad_values_are_named(
    http: TestClient, as_role
) -> None:
    h = as_role("manager")
    for values, field in (
        ({"outflow_days": 10}, "outflow_days"),
        ({"dormant_days": -1}, "dormant_days"),
        ({"drawdown_ratio": 1.2}, "drawdown_ratio"),
    ):
        r = http.patch("/rules/churn", headers=h, json={"version": 0, "values": values})
        assert r.status_code == 400 and r.json()["errors"][0]["field"] == field, r.text
    r = http.patch("/rules/churn", headers=h, json={"version": 0, "values": {"dormant_days": 400}})
    assert r.status_code == 200 and r.json()["version"] == 1
    result = _scan(http, h)
    assert result["by_rule"].get("dormant", 0) >= 1  # 老李 (420 days) still
    dormant = http.get("/alerts", headers=h, params={"rule": "dormant", "limit": 1000}).json()
    assert all(a["evidence"]["days"] >= 400 for a in dormant["items"])
    trail = http.get("/audit", headers=h, params={"action": "rules.update"}).json()
    assert trail["items"][0]["after"] == {"dormant_days": 400}


def test_the_server_schedules_the_daily_scan(app) -> None:
    assert "daily-churn-scan" in [job.name for job in app.state.background.jobs]


def test_absurd_activity_figures_are_refused_by_name(http: TestClient, as_role) -> None:
    snap = {"account_id": WANG, "period": "2026-11-26", "total_assets": 1e300}
    r = http.post("/clients/activity", headers=as_role("manager"), json={"snapshots": [snap]})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "total_assets"
