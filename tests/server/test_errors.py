"""Errors read the same everywhere: problem details with a stable type, never a trace."""

from __future__ import annotations

import asyncio

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient, TestClient

from branchdesk.book import ClientBook

from .conftest import sign_in

WANG = "310000000002"


def test_every_invalid_field_is_named(http: TestClient, as_role) -> None:
    body = {
        "account_id": "1",
        "name": "",
        "phone": "12345",
        "id_number": "110105194912310021",
        "risk_level": "C9",
        "nickname": "x",
    }
    r = http.post("/clients", headers=as_role("manager"), json=body)
    assert r.status_code == 400
    problem = r.json()
    assert problem["type"] == "urn:branchdesk:problem:invalid"
    fields = {e["field"] for e in problem["errors"]}
    assert fields == {"account_id", "name", "phone", "id_number", "risk_level", "nickname"}


def test_malformed_json_is_400_not_500(http: TestClient, as_role) -> None:
    headers = {**as_role("manager"), "content-type": "application/json"}
    r = http.post("/clients", headers=headers, content=b"{not json")
    assert r.status_code == 400 and r.json()["type"] == "urn:branchdesk:problem:invalid"


def test_unknown_id_is_404_problem(http: TestClient, as_role) -> None:
    r = http.get("/clients/310999999999", headers=as_role("frontdesk"))
    assert r.status_code == 404
    assert r.json()["detail"] == "client '310999999999' not found"
    assert http.get("/no/such/route", headers=as_role("frontdesk")).json()["status"] == 404


def test_wrong_method_is_405_problem(http: TestClient, as_role) -> None:
    r = http.delete("/clients", headers=as_role("manager"))
    assert r.status_code == 405 and r.json()["type"] == "urn:branchdesk:problem:method-not-allowed"


def test_oversized_body_is_413(demo_store) -> None:
    from server import Settings, create_app

    app = create_app(demo_store, Settings(background_jobs=False, max_body_bytes=1000))
    with TestClient(app) as http:
        headers = sign_in(http, "manager")
        r = http.post(
            "/clients", headers=headers, json={"account_id": "31000099", "name": "x" * 5000}
        )
        assert r.status_code == 413 and r.json()["type"] == "urn:branchdesk:problem:too-large"


def test_stale_version_is_409_with_the_current_one(http: TestClient, as_role) -> None:
    h = as_role("manager")
    v = http.get(f"/clients/{WANG}", headers=h).json()["version"]
    assert (
        http.patch(
            f"/clients/{WANG}", headers=h, json={"version": v, "email": "a@b.cn"}
        ).status_code
        == 200
    )
    r = http.patch(f"/clients/{WANG}", headers=h, json={"version": v, "email": "c@d.cn"})
    assert r.status_code == 409 and r.json()["current_version"] == v + 1
    assert http.get(f"/clients/{WANG}", headers=h).json()["email"] == "a@b.cn"


async def test_concurrent_conflicting_writes_one_wins_one_409(app: Litestar, demo_store) -> None:
    async with AsyncTestClient(app) as http:
        r = await http.post("/auth/login", json={"username": "manager", "password": "branchdesk"})
        h = {"Authorization": f"Bearer {r.json()['token']}"}
        v = (await http.get(f"/clients/{WANG}", headers=h)).json()["version"]
        results = await asyncio.gather(
            *(
                http.patch(f"/clients/{WANG}", headers=h, json={"version": v, "email": f"{n}@x.cn"})
                for n in ("first", "second")
            )
        )
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 409]
    winner = next(r for r in results if r.status_code == 200).json()["email"]
    stored = ClientBook(demo_store).get(WANG)
    assert stored.email == winner and stored.version == v + 1


def test_an_unexpected_failure_is_a_500_problem_without_a_trace(
    http: TestClient, as_role, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = as_role("manager")

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire at /secret/path")

    monkeypatch.setattr(ClientBook, "list", explode)
    r = http.get("/clients", headers=h)
    assert r.status_code == 500
    assert r.json()["type"] == "urn:branchdesk:problem:internal-error"
    assert "secret" not in r.text and "Traceback" not in r.text
