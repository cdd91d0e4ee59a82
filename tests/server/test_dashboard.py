"""GET /dashboard and GET /clients/{id}/history: the numbers the terminal UI shows."""

from __future__ import annotations

from litestar.testing import TestClient

WANG = "310000000002"


def test_dashboard_counts_this_months_gained_and_lost_clients(
    http: TestClient, as_role, demo_store
) -> None:
    docs = demo_store.table("clients")._read_table().values()
    opened = sum(1 for d in docs if (d.get("open_date") or "").startswith("2026-11"))
    board = http.get("/dashboard", headers=as_role("frontdesk")).json()
    assert board["month"] == "2026-11" and board["as_of"] == "2026-11-25"
    assert (board["month_gained"], board["month_lost"]) == (opened, 0)

    h = as_role("manager")
    for n in range(2):  # two accounts opened this month …
        new = {"account_id": f"31090000000{n}", "name": "新客户", "open_date": f"2026-11-0{n + 1}"}
        assert http.post("/clients", headers=h, json=new).status_code == 201
    for account in ("310000000001", WANG):  # … and two closed
        version = http.get(f"/clients/{account}", headers=h).json()["version"]
        change = {"version": version, "closed_date": "2026-11-20"}
        assert http.patch(f"/clients/{account}", headers=h, json=change).status_code == 200
    board = http.get("/dashboard", headers=h).json()
    assert (board["month_gained"], board["month_lost"]) == (opened + 2, 2)


def test_only_managers_see_every_advisors_book_size(http: TestClient, as_role) -> None:
    board = http.get("/dashboard", headers=as_role("manager")).json()
    books = {b["id"]: b for b in board["advisor_books"]}
    assert len(books) == 12 and sum(b["clients"] for b in books.values()) == board["clients"]
    assert books["A05"]["status"] == "departed" and books["A02"]["name"] == "刘晓燕"
    for role in ("frontdesk", "advisor", "researcher", "admin"):
        assert http.get("/dashboard", headers=as_role(role)).json()["advisor_books"] is None


def test_my_tasks_due_today_and_overdue_count_the_signed_in_users_queues(
    http: TestClient, as_role
) -> None:
    advisor, manager = as_role("advisor"), as_role("manager")
    before = http.get("/dashboard", headers=advisor).json()
    counts = http.get("/tasks/mine/counts", headers=advisor).json()
    assert (before["tasks_due_today"], before["tasks_overdue"]) == (
        counts["due_today"],
        counts["overdue"],
    )
    front = http.get("/dashboard", headers=as_role("frontdesk")).json()
    task = {"account_id": WANG, "channel": "phone", "purpose": "relationship"}
    for due in ("2026-11-25", "2026-11-25", "2026-11-20", "2026-11-30"):
        r = http.post("/tasks", headers=manager, json={**task, "due_date": due})
        assert r.status_code == 201, r.text
    board = http.get("/dashboard", headers=advisor).json()
    assert board["tasks_due_today"] == before["tasks_due_today"] + 2
    assert board["tasks_overdue"] == before["tasks_overdue"] + 1
    # Someone else's queue does not show on your dashboard; an admin has no tasks at all.
    board = http.get("/dashboard", headers=as_role("frontdesk")).json()
    assert (board["tasks_due_today"], board["tasks_overdue"]) == (
        front["tasks_due_today"],
        front["tasks_overdue"],
    )
    board = http.get("/dashboard", headers=as_role("admin")).json()
    assert board["tasks_due_today"] is None and board["tasks_overdue"] is None


def test_open_alerts_by_severity_for_those_who_triage_them(http: TestClient, as_role) -> None:
    h = as_role("manager")
    assert http.get("/dashboard", headers=h).json()["alerts_by_severity"] == {
        "high": 0,
        "medium": 0,
        "low": 0,
    }
    raised = http.post("/alerts/scan", headers=h).json()["raised"]
    for role in ("frontdesk", "advisor", "manager"):
        bands = http.get("/dashboard", headers=as_role(role)).json()["alerts_by_severity"]
        assert sum(bands.values()) == raised and bands["high"] >= 2
    for role in ("researcher", "admin"):
        assert http.get("/dashboard", headers=as_role(role)).json()["alerts_by_severity"] is None


def test_a_client_resolved_as_lost_counts_in_this_months_lost(http: TestClient, as_role) -> None:
    h = as_role("manager")
    http.post("/alerts/scan", headers=h)
    before = http.get("/dashboard", headers=h).json()["month_lost"]
    alert = http.get("/alerts", headers=h, params={"account_id": WANG, "rule": "drawdown"})
    alert = alert.json()["items"][0]
    lost = {"version": alert["version"], "resolution": "lost", "reason": "poor_service"}
    assert http.post(f"/alerts/{alert['id']}/resolve", headers=h, json=lost).status_code == 200
    assert http.get("/dashboard", headers=h).json()["month_lost"] == before + 1


def test_dashboard_needs_sign_in(http: TestClient) -> None:
    assert http.get("/dashboard").status_code == 401


def test_client_history_lists_advisor_changes_from_the_audit_trail(
    http: TestClient, as_role
) -> None:
    assert http.get(f"/clients/{WANG}/history", headers=as_role("frontdesk")).json() == []
    h = as_role("manager")
    version = http.get(f"/clients/{WANG}", headers=h).json()["version"]
    r = http.patch(f"/clients/{WANG}", headers=h, json={"version": version, "advisor_id": "A01"})
    assert r.status_code == 200, r.text
    history = http.get(f"/clients/{WANG}/history", headers=as_role("frontdesk")).json()
    assert [(c["from_advisor"], c["to_advisor"], c["actor"]) for c in history] == [
        ("A02", "A01", "manager")
    ]
    assert http.get("/clients/999999999999/history", headers=h).status_code == 404
