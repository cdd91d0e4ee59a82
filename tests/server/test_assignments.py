"""Fair assignment through the API, as a manager meets it: preview → apply → undo, a stale
plan refused with 409, the audit trail, advisors edited with version checks, a leave
whose clients come back after it."""

from __future__ import annotations

import pytest
from litestar.testing import TestClient

WANG_ACCOUNT = "310000000002"


@pytest.fixture
def h(as_role) -> dict[str, str]:
    return as_role("manager")


def preview(http: TestClient, h: dict, body: dict | None = None) -> dict:
    r = http.post("/assignments/preview", headers=h, json=body or {})
    assert r.status_code == 201, r.text
    return r.json()


def test_preview_apply_undo_end_to_end(http: TestClient, h: dict) -> None:
    plan = preview(http, h)
    assert plan["status"] == "preview" and plan["totals"]["moves"] == len(plan["moves"]) > 0
    assert plan["totals"]["eligible_after"] == 1.0
    assert plan["totals"]["spread_after"] <= plan["tolerance"] + 1e-9
    loads = {x["advisor_id"]: x for x in plan["loads"]}
    assert loads["A05"]["status"] == "departed" and loads["A05"]["after"] == 0
    move = next(m for m in plan["moves"] if m["from_id"] == "A05")
    assert move["reason"]["code"] == "departed" and move["reason"]["from_name"] == "王芳"

    assert http.get(f"/assignments/{plan['id']}", headers=h).json()["id"] == plan["id"]
    listed = http.get("/assignments", headers=h).json()
    assert listed[0]["id"] == plan["id"] and "moves" not in listed[0]

    applied = http.post(f"/assignments/{plan['id']}/apply", headers=h)
    assert applied.status_code == 200 and applied.json()["status"] == "applied"
    client = http.get(f"/clients/{move['account_id']}", headers=h).json()
    assert client["advisor_id"] == move["to_id"]
    tasks = http.get(f"/clients/{move['account_id']}/tasks", headers=h).json()
    handover = [t for t in tasks if t["purpose"] == "handover"]
    assert handover and handover[0]["assignee"] == move["to_id"]

    again = preview(http, h)
    assert again["moves"] == []  # stable

    undone = http.post(f"/assignments/{plan['id']}/undo", headers=h)
    assert undone.status_code == 200 and undone.json()["status"] == "undone"
    assert http.get(f"/clients/{move['account_id']}", headers=h).json()["advisor_id"] == "A05"

    trail = http.get("/audit", headers=h, params={"entity_id": plan["id"]}).json()["items"]
    assert [e["action"] for e in reversed(trail)] == ["plan.preview", "plan.apply", "plan.undo"]
    assert {e["actor"] for e in trail} == {"manager"}
    moves = http.get(
        "/audit",
        headers=h,
        params={"entity_id": move["account_id"], "action": "client.reassign"},
    ).json()
    assert moves["total"] == 2


def test_a_stale_plan_is_refused_with_409(http: TestClient, h: dict) -> None:
    plan = preview(http, h)
    client = http.get(f"/clients/{WANG_ACCOUNT}", headers=h).json()
    changed = http.patch(
        f"/clients/{WANG_ACCOUNT}",
        headers=h,
        json={"version": client["version"], "advisor_id": "A07"},
    )
    assert changed.status_code == 200
    r = http.post(f"/assignments/{plan['id']}/apply", headers=h)
    assert r.status_code == 409
    assert r.json()["type"] == "urn:branchdesk:problem:conflict"
    assert "changed since" in r.json()["detail"]
    assert http.get(f"/assignments/{plan['id']}", headers=h).json()["status"] == "preview"


def test_applying_twice_and_unknown_plans(http: TestClient, h: dict) -> None:
    plan = preview(http, h)
    assert http.post(f"/assignments/{plan['id']}/apply", headers=h).status_code == 200
    assert http.post(f"/assignments/{plan['id']}/apply", headers=h).status_code == 409
    assert http.post("/assignments/P-nope/apply", headers=h).status_code == 404
    assert http.get("/assignments/P-nope", headers=h).status_code == 404


def test_bad_preview_options_name_the_field(http: TestClient, h: dict) -> None:
    r = http.post("/assignments/preview", headers=h, json={"tolerance": 3, "mode": "x"})
    assert r.status_code == 400
    assert {e["field"] for e in r.json()["errors"]} == {"tolerance", "mode"}
    r = http.post("/assignments/preview", headers=h, json={"advisor_id": "A99"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "advisor_id"


def test_a_departure_preview_moves_only_that_book(http: TestClient, h: dict) -> None:
    plan = preview(http, h, {"advisor_id": "A05"})
    assert plan["kind"] == "departure"
    assert {m["from_id"] for m in plan["moves"]} == {"A05"}
    assert any(m["reason"].get("backup") and m["to_id"] == "A06" for m in plan["moves"])


def test_advisors_are_edited_with_a_version_and_audited(http: TestClient, h: dict) -> None:
    li = http.get("/advisors/A06", headers=h).json()
    r = http.patch(
        "/advisors/A06",
        headers=h,
        json={"version": li["version"], "capacity": 0.8, "skills": {"funds": 5, "stocks": 3}},
    )
    assert r.status_code == 200, r.text
    assert r.json()["capacity"] == 0.8 and r.json()["skills"] == {"funds": 5, "stocks": 3}
    stale = http.patch("/advisors/A06", headers=h, json={"version": li["version"], "capacity": 1})
    assert stale.status_code == 409 and stale.json()["current_version"] == li["version"] + 1
    bad = http.patch(
        "/advisors/A06",
        headers=h,
        json={"version": li["version"] + 1, "capacity": 3, "skills": {"funds": 9}, "x": 1},
    )
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} >= {"capacity", "skills", "x"}
    no_backup = http.patch(
        "/advisors/A06", headers=h, json={"version": li["version"] + 1, "backup_id": "A99"}
    )
    assert no_backup.status_code == 400 and no_backup.json()["errors"][0]["field"] == "backup_id"
    trail = http.get("/audit", headers=h, params={"entity_id": "A06"}).json()["items"]
    assert trail[0]["action"] == "advisor.update"
    assert trail[0]["after"]["capacity"] == 0.8


def test_add_an_advisor_and_read_the_loads(http: TestClient, h: dict) -> None:
    body = {"id": "A13", "name": "郑毅", "level": "senior", "skills": {"stocks": 4}}
    r = http.post("/advisors", headers=h, json=body)
    assert r.status_code == 201 and r.json()["version"] == 1
    assert http.post("/advisors", headers=h, json=body).status_code == 409
    loads = {x["advisor_id"]: x for x in http.get("/advisors/loads", headers=h).json()}
    assert loads["A13"]["clients_before"] == 0 and loads["A13"]["target"] > 0
    assert loads["A05"]["away"] is True and loads["A05"]["target"] is None


def test_leave_with_an_end_date_through_the_api(
    http: TestClient, h: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    zhang = http.get("/advisors/A03", headers=h).json()
    before = http.get("/clients", headers=h, params={"advisor_id": "A03", "limit": 1}).json()
    r = http.post(
        "/advisors/A03/leave",
        headers=h,
        json={
            "leave_from": "2026-11-25",
            "leave_to": "2026-12-10",
            "version": zhang["version"],
            "apply": True,
        },
    )
    assert r.status_code == 201, r.text
    plan = r.json()
    assert plan["kind"] == "leave" and plan["status"] == "applied"
    assert all(m["until"] == "2026-12-10" for m in plan["moves"])
    assert any(m["to_id"] == "A04" and m["reason"].get("backup") for m in plan["moves"])
    assert http.get("/advisors/A03", headers=h).json()["status"] == "on_leave"
    page = http.get("/clients", headers=h, params={"advisor_id": "A03", "limit": 1}).json()
    assert page["total"] < before["total"]

    monkeypatch.setenv("BRANCHDESK_TODAY", "2026-12-10")
    assert http.post("/assignments/returns", headers=h).json()["plans"] == []
    monkeypatch.setenv("BRANCHDESK_TODAY", "2026-12-11")
    back = http.post("/assignments/returns", headers=h).json()["plans"]
    assert len(back) == 1 and back[0]["kind"] == "return"
    assert http.get("/advisors/A03", headers=h).json()["status"] == "active"
    page = http.get("/clients", headers=h, params={"advisor_id": "A03", "limit": 1}).json()
    assert page["total"] == before["total"]
    assert http.get(f"/assignments/{plan['id']}", headers=h).json()["returns"] == {
        "A03": back[0]["id"]
    }


def test_only_a_manager_may_apply_a_leave_plan(http: TestClient, as_role) -> None:
    r = http.post(
        "/advisors/A03/leave",
        headers=as_role("advisor"),
        json={"leave_from": "2026-11-25", "leave_to": "2026-12-10", "version": 1},
    )
    assert r.status_code == 403


def test_new_clients_from_an_import_are_placed(http: TestClient, h: dict) -> None:
    created = http.post(
        "/clients", headers=h, json={"account_id": "390000000001", "name": "新客户"}
    )
    assert created.status_code == 201
    r = http.post("/assignments/new-clients", headers=h, json={"account_ids": ["390000000001"]})
    assert r.status_code == 200
    result = r.json()
    assert list(result["assigned"]) == ["390000000001"] and result["plan_id"]
    client = http.get("/clients/390000000001", headers=h).json()
    assert client["advisor_id"] == result["assigned"]["390000000001"]


def test_the_rules_are_edited_through_the_rules_api_and_stale_previews_refused(
    http: TestClient, h: dict
) -> None:
    rules = http.get("/rules/assignment", headers=h).json()
    assert rules["values"]["tolerance"] == 0.05 and rules["values"]["balance"] == "count"
    plan = preview(http, h)
    changed = http.patch(
        "/rules/assignment",
        headers=h,
        json={"version": rules["version"], "values": {"tolerance": 0.1, "min_skill": {"funds": 2}}},
    )
    assert changed.status_code == 200, changed.text
    assert http.post(f"/assignments/{plan['id']}/apply", headers=h).status_code == 409
    wider = preview(http, h)
    assert wider["tolerance"] == 0.1 and wider["totals"]["spread_after"] <= 0.1 + 1e-9
    bad = http.patch(
        "/rules/assignment",
        headers=h,
        json={
            "version": rules["version"] + 1,
            "values": {"tolerance": 2, "min_skill": {"gold": 1}},
        },
    )
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"tolerance", "min_skill"}
