"""The role matrix: each role tries each protected action; only the allowed ones pass."""

from __future__ import annotations

import itertools

import pytest
from litestar.testing import TestClient

from branchdesk.access import PERMISSIONS
from branchdesk.models import Role

WANG = "310000000002"  # advisor A02's client
LAO_LI = "310000000001"  # advisor A03's client
_n = itertools.count()


def _client_version(http: TestClient, headers: dict) -> int:
    return http.get(f"/clients/{WANG}", headers=headers).json()["version"]


def _rules_version(http: TestClient, headers: dict) -> int:
    return http.get("/rules/churn", headers=headers).json()["version"]


# permission → how to try it (method, path, body builder)
ACTIONS = {
    "clients.read": lambda http, h: http.get("/clients", headers=h),
    "clients.write": lambda http, h: http.patch(
        f"/clients/{WANG}",
        headers=h,
        json={"version": _client_version(http, h), "email": f"w{next(_n)}@example.cn"},
    ),
    "advisors.read": lambda http, h: http.get("/advisors", headers=h),
    "staff.read": lambda http, h: http.get("/staff", headers=h),
    "staff.write": lambda http, h: http.post(
        "/staff",
        headers=h,
        json={"username": f"temp{next(_n)}", "role": "frontdesk", "password": "s3cret-pass"},
    ),
    "audit.read": lambda http, h: http.get("/audit", headers=h),
    "rules.read": lambda http, h: http.get("/rules", headers=h),
    "rules.write": lambda http, h: http.patch(
        "/rules/churn",
        headers=h,
        json={"version": _rules_version(http, h), "values": {"dormant_days": 181 + next(_n)}},
    ),
}

# Each capability adds its protected actions below, as one block, before the matrix test.
# -- tasks (shared core) ------------------------------------------------------------------
ACTIONS["tasks.write"] = lambda http, h: http.post(
    "/tasks",
    headers=h,
    json={
        "account_id": WANG,
        "channel": "phone",
        "purpose": "relationship",
        "due_date": "2026-11-26",
    },
)
ACTIONS["tasks.read"] = lambda http, h: http.get(f"/clients/{WANG}/tasks", headers=h)
# -- back-office files: imports, exports, backups -----------------------------------------
ACTIONS["imports.write"] = lambda http, h: http.post(
    "/imports", headers=h, json={"kind": "clients", "file_name": "x.csv"}
)
ACTIONS["exports.read"] = lambda http, h: http.get("/exports/tasks", headers=h)
ACTIONS["backups.write"] = lambda http, h: http.post("/backups", headers=h)


# -- churn early warning ------------------------------------------------------------------
def _open_alert(http: TestClient) -> dict:
    from tests.server.conftest import sign_in

    manager = sign_in(http, "manager")
    http.post("/alerts/scan", headers=manager)
    return http.get("/alerts", headers=manager, params={"status": "open", "limit": 1}).json()[
        "items"
    ][0]


def _acknowledge(http: TestClient, h: dict):
    alert = _open_alert(http)
    return http.post(
        f"/alerts/{alert['id']}/acknowledge", headers=h, json={"version": alert["version"]}
    )


ACTIONS["alerts.read"] = lambda http, h: http.get("/alerts", headers=h)
ACTIONS["alerts.triage"] = _acknowledge
ACTIONS["alerts.scan"] = lambda http, h: http.post("/alerts/scan", headers=h)
ACTIONS["reports.read"] = lambda http, h: http.get("/reports/churn", headers=h)
ACTIONS["imports.write"] = lambda http, h: http.post(
    "/clients/activity",
    headers=h,
    json={"snapshots": [{"account_id": WANG, "period": "2026-11-26", "total_assets": 1_800_000}]},
)


# -- fair assignment ----------------------------------------------------------------------
def _advisor_version(http: TestClient, headers: dict) -> int:
    return http.get("/advisors/A07", headers=headers).json()["version"]


def _departure_preview(http: TestClient, headers: dict) -> str:
    """A plan id when the role may preview; else an id the guard refuses before looking."""
    r = http.post("/assignments/preview", headers=headers, json={"advisor_id": "A05"})
    return r.json().get("id", "P-none")


ACTIONS["advisors.write"] = lambda http, h: http.patch(
    "/advisors/A07",
    headers=h,
    json={"version": _advisor_version(http, h), "phone": f"0755-{8000000 + next(_n)}"},
)
ACTIONS["assignments.read"] = lambda http, h: http.post(
    "/assignments/preview", headers=h, json={"advisor_id": "A05"}
)
ACTIONS["assignments.write"] = lambda http, h: http.post(
    f"/assignments/{_departure_preview(http, h)}/apply", headers=h
)
# -- service desk ---------------------------------------------------------------------------
ACTIONS["campaigns.read"] = lambda http, h: http.get("/campaigns", headers=h)
ACTIONS["campaigns.write"] = lambda http, h: http.post(
    "/campaigns",
    headers=h,
    json={"name": f"wake {next(_n)}", "start": "2026-12-01", "end": "2026-12-31"},
)
ACTIONS["care.run"] = lambda http, h: http.post(
    "/care/greetings",
    headers=h,
    json={"occasion": "birthday", "on": "2026-11-25", "dry_run": True},
)
ACTIONS["reports.read"] = lambda http, h: http.get("/reports/coverage", headers=h)


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("permission", sorted(ACTIONS))
def test_role_matrix(http: TestClient, as_role, role: str, permission: str) -> None:
    response = ACTIONS[permission](http, as_role(role))
    if Role(role) in PERMISSIONS[permission]:
        assert response.status_code in (200, 201), (role, permission, response.text)
    else:
        assert response.status_code == 403, (role, permission, response.text)
        assert response.json()["type"] == "urn:branchdesk:problem:forbidden"


def test_front_desk_sees_masked_phone_and_id(http: TestClient, as_role) -> None:
    client = http.get(f"/clients/{WANG}", headers=as_role("frontdesk")).json()
    assert client["phone"] == "138****5678" and client["id_number"] == "110105********402X"
    assert client["masked"] is True


def test_her_advisor_and_the_manager_see_her_in_full_and_it_is_audited(
    http: TestClient, as_role
) -> None:
    for role in ("advisor", "manager"):
        client = http.get(f"/clients/{WANG}", headers=as_role(role)).json()
        assert client["phone"] == "13812345678" and client["masked"] is False
    trail = http.get(
        "/audit",
        headers=as_role("manager"),
        params={"entity_id": WANG, "action": "client.view_sensitive"},
    ).json()
    assert {e["actor"] for e in trail["items"]} == {"a02", "manager"}


def test_an_advisor_sees_other_books_masked_and_cannot_edit_them(http: TestClient, as_role) -> None:
    h = as_role("advisor")
    other = http.get(f"/clients/{LAO_LI}", headers=h).json()
    assert other["masked"] is True
    r = http.patch(
        f"/clients/{LAO_LI}", headers=h, json={"version": other["version"], "email": "x@y.cn"}
    )
    assert r.status_code == 403


def test_lists_are_always_masked(http: TestClient, as_role) -> None:
    page = http.get("/clients", headers=as_role("manager"), params={"limit": 5}).json()
    assert all(c["masked"] for c in page["items"])


def test_only_a_manager_reassigns_a_client(http: TestClient, as_role) -> None:
    h = as_role("frontdesk")
    r = http.patch(
        f"/clients/{WANG}",
        headers=h,
        json={"version": _client_version(http, h), "advisor_id": "A01"},
    )
    assert r.status_code == 403
