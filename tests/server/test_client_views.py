"""The server keeps each client's API views between requests; a write is seen at once."""

from __future__ import annotations

from litestar.testing import TestClient

WANG = "310000000002"


def test_a_change_is_seen_at_once_in_full_masked_and_in_search(http: TestClient, as_role) -> None:
    manager, frontdesk = as_role("manager"), as_role("frontdesk")
    first = http.get(f"/clients/{WANG}", headers=manager).json()
    http.get(f"/clients/{WANG}", headers=frontdesk)
    http.get("/clients/search", params={"q": "13812345678"}, headers=frontdesk)
    changed = http.patch(
        f"/clients/{WANG}",
        headers=manager,
        json={"version": first["version"], "phone": "13912345678", "email": "wang@example.cn"},
    )
    assert changed.status_code == 200, changed.text
    full = http.get(f"/clients/{WANG}", headers=manager).json()
    assert full["phone"] == "13912345678" and full["version"] == first["version"] + 1
    masked = http.get(f"/clients/{WANG}", headers=frontdesk).json()
    assert masked["phone"] == "139****5678" and masked["email"] == "wang@example.cn"
    found = http.get("/clients/search", params={"q": "13912345678"}, headers=frontdesk).json()
    assert [c["account_id"] for c in found] == [WANG]
    assert found[0]["phone"] == "139****5678" and found[0]["version"] == full["version"]
    stale = http.patch(f"/clients/{WANG}", headers=manager, json={"version": first["version"]})
    assert stale.status_code == 409


def test_an_unknown_client_is_a_404_problem(http: TestClient, as_role) -> None:
    response = http.get("/clients/399999999999", headers=as_role("manager"))
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_kept_json_is_what_the_client_model_encodes_to(
    http: TestClient, as_role, demo_store
) -> None:
    from litestar.serialization import encode_json

    from branchdesk.book import ClientBook
    from branchdesk.masking import masked

    client = ClientBook(demo_store).get(WANG)
    full = http.get(f"/clients/{WANG}", headers=as_role("manager"))
    assert full.content == encode_json(client)
    shown = http.get(f"/clients/{WANG}", headers=as_role("frontdesk"))
    assert shown.content == encode_json(masked(client))
    assert shown.headers["content-type"] == "application/json"
