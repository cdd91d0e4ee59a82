"""The service desk over HTTP, as the TUI and the CLI meet it: problem details that name
the field, version checks, roles, and runs that stay idempotent."""

from __future__ import annotations

from litestar.testing import TestClient

WANG = "310000000002"  # advisor A02's client (C4)
LAO_LI = "310000000001"  # advisor A03's client


def plan(http: TestClient, h: dict, **more) -> dict:
    body = {
        "account_id": WANG,
        "channel": "phone",
        "purpose": "relationship",
        "due_date": "2026-11-25",
        **more,
    }
    response = http.post("/tasks", headers=h, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_kind_and_cost_follow_the_channel_over_http(http: TestClient, as_role) -> None:
    task = plan(http, as_role("advisor"), channel="visit")
    assert task["cost"] == 200.0 and task["assignee"] == "A02" and task["status"] == "planned"
    log = http.post(
        "/tasks/log",
        headers=as_role("frontdesk"),
        json={
            "account_id": WANG,
            "channel": "branch",
            "purpose": "complaint",
            "outcome": "retained",
            "satisfaction": 2,
        },
    )
    assert log.status_code == 201 and log.json()["status"] == "done" and log.json()["cost"] == 50.0


def test_complete_needs_an_outcome_and_the_version_it_read(http: TestClient, as_role) -> None:
    h = as_role("advisor")
    task = plan(http, h)
    missing = http.post(f"/tasks/{task['id']}/complete", headers=h, json={"version": 1})
    assert missing.status_code == 400
    assert missing.json()["errors"] == [{"field": "outcome", "message": "required"}]
    done = http.post(
        f"/tasks/{task['id']}/complete", headers=h, json={"version": 1, "outcome": "reached"}
    )
    assert done.status_code == 201 and done.json()["version"] == 2
    stale = http.post(
        f"/tasks/{task['id']}/reschedule",
        headers=h,
        json={"version": 1, "due_date": "2026-12-01"},
    )
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    client = http.get(f"/clients/{WANG}", headers=h).json()
    assert client["last_contact_date"] == "2026-11-25"


def test_an_unsuitable_offer_is_refused_with_the_reason(http: TestClient, as_role) -> None:
    r = http.post(
        "/tasks",
        headers=as_role("advisor"),
        json={
            "account_id": WANG,
            "channel": "phone",
            "purpose": "product_info",
            "product_risk": "R5",
            "due_date": "2026-11-26",
        },
    )
    assert r.status_code == 400
    body = r.json()
    assert body["type"] == "urn:branchdesk:problem:unsuitable"
    assert body["errors"][0]["field"] == "product_risk"
    assert "rated C4" in body["detail"] and "C5 or above" in body["detail"]
    ok = plan(http, as_role("advisor"), purpose="product_info", product_risk="R4")
    assert ok["product_risk"] == "R4"


def test_my_tasks_and_who_may_work_what(http: TestClient, as_role) -> None:
    advisor, manager, front = as_role("advisor"), as_role("manager"), as_role("frontdesk")
    task = plan(http, advisor)
    mine = http.get("/tasks/mine", headers=advisor).json()["items"]
    assert task["id"] in {t["id"] for t in mine}
    assert all(t["assignee"] == "A02" and t["due_date"] == "2026-11-25" for t in mine)
    counts = http.get("/tasks/mine/counts", headers=advisor).json()
    assert counts["due_today"] == len(mine)
    theirs = http.get("/tasks/mine", headers=manager, params={"user": "a02"}).json()["items"]
    assert [t["id"] for t in theirs] == [t["id"] for t in mine]
    late = http.get("/tasks/mine", headers=advisor, params={"when": "open", "limit": 2}).json()
    assert len(late["items"]) == 2 and late["total"] > 2  # a page, and how many in all
    nosy = http.get("/tasks/mine", headers=advisor, params={"user": "frontdesk"})
    assert nosy.status_code == 403
    bad = http.get("/tasks/mine", headers=advisor, params={"when": "someday"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "when"
    other = plan(http, front, account_id=LAO_LI)  # A03's client, planned by the front desk
    refused = http.post(
        f"/tasks/{other['id']}/cancel", headers=advisor, json={"version": 1, "reason": "x"}
    )
    assert refused.status_code == 403
    not_theirs = http.post(
        "/tasks/log",
        headers=advisor,
        json={
            "account_id": LAO_LI,
            "channel": "phone",
            "purpose": "relationship",
            "outcome": "reached",
        },
    )
    assert not_theirs.status_code == 403


def test_greetings_in_batches_then_nothing_twice(http: TestClient, as_role) -> None:
    h = as_role("manager")
    body = {"occasion": "mid_autumn", "on": "2026-09-25", "limit": 800}
    drafted, offset, total = [], 0, 1
    while offset < total:
        batch = http.post("/care/greetings", headers=h, json={**body, "offset": offset}).json()
        total = batch["total"]
        drafted += batch["messages"]
        offset += 800
    assert len(drafted) > 1000 and len({m["account_id"] for m in drafted}) == len(drafted)
    again = http.post("/care/greetings", headers=h, json={**body, "limit": 5000}).json()
    assert again["messages"] == [] and again["already_sent"] == len(drafted)
    too_big = http.post("/care/greetings", headers=h, json={**body, "limit": 50_000})
    assert too_big.status_code == 400 and too_big.json()["errors"][0]["field"] == "limit"


def test_a_campaign_over_http(http: TestClient, as_role) -> None:
    h = as_role("manager")
    created = http.post(
        "/campaigns",
        headers=h,
        json={
            "name": "冬季唤醒",
            "filter": {"dormant_days": 180},
            "start": "2026-11-26",
            "end": "2026-12-31",
            "daily_limit": 4,
            "channels": {"phone": 1.0},
        },
    )
    assert created.status_code == 201
    campaign = created.json()
    assert campaign["purpose"] == "relationship" and campaign["status"] == "draft"
    run = http.post(f"/campaigns/{campaign['id']}/run", headers=h, json={"version": 1}).json()
    assert run["created"] > 0 and run["campaign"]["status"] == "running"
    results = http.get(f"/campaigns/{campaign['id']}/results", headers=as_role("advisor")).json()
    assert results["targeted"] == run["created"] and results["reactivated"] == 0
    stale = http.post(f"/campaigns/{campaign['id']}/run", headers=h, json={"version": 1})
    assert stale.status_code == 409
    mine = http.get("/tasks", headers=h, params={"campaign_id": campaign["id"], "limit": 1000})
    assert mine.json()["total"] == run["created"]
    report = http.get("/reports/campaigns", headers=h).json()
    assert [r["campaign_id"] for r in report["rows"]] == [campaign["id"]]


def test_callbacks_calendar_and_reports_answer(http: TestClient, as_role) -> None:
    h = as_role("manager")
    plan = http.post("/callbacks/plan", headers=h, json={"year": 2026}).json()
    assert plan["sampled"] == plan["required"] > 0
    report = http.get("/callbacks/report", headers=h, params={"year": 2026}).json()
    assert report["annual"] == plan["required"]
    years = http.get("/calendar", headers=h, params={"first": 2026, "last": 2027}).json()
    assert [(y["year"], y["source"]) for y in years] == [(2026, "official"), (2027, "fallback")]
    loaded = http.put(
        "/calendar/2027",
        headers=h,
        json={"holidays": ["2027-10-01", "2027-10-04"], "workdays": ["2027-10-09"]},
    )
    assert loaded.status_code == 200 and loaded.json()["source"] == "loaded"
    bad = http.put(
        "/calendar/2027", headers=h, json={"holidays": ["2027-10-01"], "workdays": ["2027-10-05"]}
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "workdays"
    for path in ("/reports/coverage", "/reports/overdue", "/reports/channels"):
        assert http.get(path, headers=h).status_code == 200
    assert http.get("/reports/coverage", headers=as_role("frontdesk")).status_code == 403
