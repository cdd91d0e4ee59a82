"""Sign-in: every route but health and login needs a live token; bad ones get 401."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from branchdesk.auth import SESSION_HOURS, Sessions, StaffDirectory
from branchdesk.models import Role, now

from .conftest import sign_in

PUBLIC = {("GET", "/health"), ("POST", "/auth/login")}


def protected_routes(app: Litestar) -> list[tuple[str, str]]:
    routes = []
    for route in app.routes:
        if route.path.startswith("/schema"):
            continue
        path = re.sub(r"\{[^}]+\}", "x1", route.path)
        for method in sorted(route.methods - {"OPTIONS", "HEAD"}):
            if (method, route.path) not in PUBLIC:
                routes.append((method, path))
    return routes


def test_every_protected_route_refuses_missing_expired_and_forged_tokens(
    app: Litestar, http: TestClient, demo_store
) -> None:
    staff = StaffDirectory(demo_store).get("manager")
    expired, _ = Sessions(demo_store).issue(staff, at=now() - timedelta(hours=SESSION_HOURS + 1))
    live = sign_in(http, "manager")["Authorization"].split()[1]
    forged = live[:-4] + ("AAAA" if not live.endswith("AAAA") else "BBBB")
    routes = protected_routes(app)
    assert len(routes) >= 15
    for method, path in routes:
        for headers in (
            {},
            {"Authorization": f"Bearer {expired}"},
            {"Authorization": f"Bearer {forged}"},
            {"Authorization": "Basic x"},
        ):
            response = http.request(method, path, headers=headers, json={})
            assert response.status_code == 401, (method, path, headers, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["type"] == "urn:branchdesk:problem:unauthorized"


def test_health_and_schema_need_no_token(http: TestClient) -> None:
    assert http.get("/health").json()["status"] == "ok"
    document = http.get("/schema/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    operations = [op for item in document["paths"].values() for op in item.values()]
    assert all(op.get("operationId") and op.get("tags") for op in operations)


def test_tokens_are_stored_only_as_hashes(http: TestClient, demo_store) -> None:
    token = sign_in(http, "frontdesk")["Authorization"].split()[1]
    stored = str(demo_store.table("sessions")._read_table())
    assert token not in stored


def test_logout_revokes_the_token(http: TestClient) -> None:
    headers = sign_in(http, "frontdesk")
    assert http.get("/auth/me", headers=headers).json()["username"] == "frontdesk"
    assert http.post("/auth/logout", headers=headers).status_code == 204
    assert http.get("/auth/me", headers=headers).status_code == 401


def test_five_wrong_passwords_lock_the_account_for_15_minutes(http: TestClient, demo_store) -> None:
    for _ in range(5):
        r = http.post("/auth/login", json={"username": "a03", "password": "wrong-password"})
        assert r.status_code == 401 and r.json()["detail"] == "wrong username or password"
    r = http.post("/auth/login", json={"username": "a03", "password": "branchdesk"})
    assert r.status_code == 401 and "locked" in r.json()["detail"]
    staff = StaffDirectory(demo_store).get("a03")
    assert timedelta(minutes=14) < staff.locked_until - now() <= timedelta(minutes=15)


def test_unknown_user_and_wrong_password_read_the_same(http: TestClient) -> None:
    a = http.post("/auth/login", json={"username": "nobody", "password": "whatever1"}).json()
    b = http.post("/auth/login", json={"username": "manager", "password": "whatever1"}).json()
    assert a["detail"] == b["detail"]


def test_disabled_account_loses_its_sessions(http: TestClient, as_role) -> None:
    headers = sign_in(http, "researcher")
    assert http.post("/staff/researcher/disable", headers=as_role("admin")).status_code == 200
    assert http.get("/auth/me", headers=headers).status_code == 401
    r = http.post("/auth/login", json={"username": "researcher", "password": "branchdesk"})
    assert r.status_code == 401 and "disabled" in r.json()["detail"]


def test_login_flood_gets_429(demo_store) -> None:
    from server import Settings, create_app

    app = create_app(demo_store, Settings(background_jobs=False, login_attempts_per_minute=3))
    with TestClient(app) as http:
        codes = [
            http.post("/auth/login", json={"username": "x", "password": "y"}).status_code
            for _ in range(5)
        ]
        assert codes == [401, 401, 401, 429, 429]
        r = http.post("/auth/login", json={"username": "x", "password": "y"})
        assert r.json()["type"] == "urn:branchdesk:problem:too-many-requests"
        assert int(r.headers["retry-after"]) >= 1


def test_passwords_are_scrypt_hashes(demo_store) -> None:
    staff = StaffDirectory(demo_store).get("manager")
    assert staff.password_hash.startswith("scrypt$") and "branchdesk" not in staff.password_hash


def test_a_remembered_token_still_expires(
    http: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server remembers who a token belongs to between requests; the session's end
    # still applies to a remembered token.
    import time

    import branchdesk.auth

    headers = sign_in(http, "frontdesk")
    assert http.get("/auth/me", headers=headers).status_code == 200
    assert http.get("/auth/me", headers=headers).status_code == 200  # remembered
    later = now() + timedelta(hours=SESSION_HOURS + 1)
    monkeypatch.setattr(time, "time", lambda: later.timestamp())
    monkeypatch.setattr(branchdesk.auth, "now", lambda: later)
    assert http.get("/auth/me", headers=headers).status_code == 401


def test_a_remembered_token_follows_a_change_of_role(http: TestClient, as_role, demo_store) -> None:
    headers = sign_in(http, "researcher")
    assert http.get("/audit", headers=headers).status_code == 403
    staff = StaffDirectory(demo_store)
    staff._replace(staff.get("researcher"), "admin", "staff.role", role=Role.MANAGER)
    assert http.get("/audit", headers=headers).status_code == 200
