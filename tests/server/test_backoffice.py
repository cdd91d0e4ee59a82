"""Imports, exports and backups over HTTP: the server checks every row again, stages
batches and writes them all in one transaction at the commit, or nothing."""

from __future__ import annotations

import io
import tarfile

import orjson
from litestar.testing import TestClient

WANG = "310000000002"


def start(http: TestClient, h: dict, kind: str = "clients") -> str:
    r = http.post("/imports", headers=h, json={"kind": kind, "file_name": "x.csv"})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def rows(http: TestClient, h: dict, import_id: str, batch: list[dict]) -> dict:
    r = http.post(f"/imports/{import_id}/rows", headers=h, json={"rows": batch})
    assert r.status_code == 200, r.text
    return r.json()


def commit(http: TestClient, h: dict, import_id: str, **options: bool) -> dict:
    r = http.post(f"/imports/{import_id}/commit", headers=h, json=options)
    assert r.status_code == 200, r.text
    return r.json()


def client_row(line: int, account: str, **fields: object) -> dict:
    return {"line": line, "fields": {"account_id": account, "name": f"客户{line}", **fields}}


def test_the_server_checks_every_row_it_is_sent(http: TestClient, as_role) -> None:
    h = as_role("manager")
    import_id = start(http, h)
    progress = rows(
        http,
        h,
        import_id,
        [
            client_row(2, "330000000001", phone="13800000001"),
            client_row(3, "330000000002", phone="12345", total_assets=-1),
            client_row(4, "33-x", nonsense=1),
        ],
    )
    assert progress["rows"] == 3
    refused = {(e["line"], e["field"]) for e in progress["errors"]}
    assert refused == {(3, "phone"), (3, "total_assets"), (4, "account_id"), (4, "nonsense")}
    report = commit(http, h, import_id)
    assert report["applied"] is False and report["rejected"] == 2 and report["created"] == 1
    assert http.get("/clients/330000000001", headers=h).status_code == 404


def test_batches_are_written_all_at_once_or_not_at_all(http: TestClient, as_role) -> None:
    h = as_role("manager")
    import_id = start(http, h)
    rows(http, h, import_id, [client_row(n, f"3300000001{n:02d}") for n in range(2, 50)])
    # The second batch's last row names an advisor the branch does not have: the server
    # learns it only at the commit, against the book.
    rows(http, h, import_id, [client_row(50, "330000000150", advisor_id="A77")])
    report = commit(http, h, import_id)
    assert report["applied"] is False and report["errors"][0]["line"] == 50
    assert "no advisor 'A77'" in report["errors"][0]["reason"]
    assert http.get("/clients/330000000102", headers=h).status_code == 404  # nothing
    trail = http.get("/audit", headers=h, params={"action": "import."}).json()
    assert trail["total"] == 0


def test_skip_bad_commits_the_good_rows_in_one_step(http: TestClient, as_role) -> None:
    h = as_role("manager")
    import_id = start(http, h)
    rows(
        http,
        h,
        import_id,
        [client_row(2, "330000000201"), client_row(3, "330000000202", advisor_id="A77")],
    )
    report = commit(http, h, import_id, skip_bad=True)
    assert report["applied"] and report["created"] == 1 and report["rejected"] == 1
    assert http.get("/clients/330000000201", headers=h).json()["name"] == "客户2"
    trail = http.get("/audit", headers=h, params={"action": "import.clients"}).json()
    assert trail["total"] == 1 and trail["items"][0]["actor"] == "manager"
    assert (
        "1 created" in trail["items"][0]["detail"] and "1 rejected" in trail["items"][0]["detail"]
    )


def test_a_dry_run_and_an_unchanged_reimport_write_nothing(http: TestClient, as_role) -> None:
    h = as_role("manager")
    wang = http.get(f"/clients/{WANG}", headers=h).json()
    same = {"line": 2, "fields": {"account_id": WANG, "name": wang["name"], "phone": wang["phone"]}}
    import_id = start(http, h)
    rows(http, h, import_id, [same])
    report = commit(http, h, import_id)
    assert report["applied"] and report["unchanged"] == 1 and report["updated"] == 0
    import_id = start(http, h)
    rows(http, h, import_id, [{"line": 2, "fields": {"account_id": WANG, "email": "w@x.cn"}}])
    report = commit(http, h, import_id, dry_run=True)
    assert report["dry_run"] and report["updated"] == 1 and not report["applied"]
    assert http.get(f"/clients/{WANG}", headers=h).json()["version"] == wang["version"]


def test_an_import_belongs_to_whoever_started_it(http: TestClient, as_role) -> None:
    import_id = start(http, as_role("manager"))
    other = as_role("admin")
    r = http.post(f"/imports/{import_id}/commit", headers=other, json={})
    assert r.status_code == 404 and "not yours" in r.json()["detail"]
    assert http.delete(f"/imports/{import_id}", headers=as_role("manager")).status_code == 204


def test_exports_mask_as_the_api_does_and_are_audited(http: TestClient, as_role) -> None:
    admin = http.get("/exports/clients", headers=as_role("admin")).json()
    phone = admin["columns"].index("phone")
    assert admin["masked"] == len(admin["rows"]) == 2000
    wang = next(r for r in admin["rows"] if r[0] == WANG)
    assert wang[phone] == "138****5678"
    manager = http.get("/exports/clients", headers=as_role("manager")).json()
    assert manager["masked"] == 0
    assert next(r for r in manager["rows"] if r[0] == WANG)[phone] == "13812345678"
    trail = http.get("/audit", headers=as_role("manager"), params={"action": "export."}).json()
    assert {e["actor"] for e in trail["items"]} == {"admin", "manager"}
    assert http.get("/exports/nothing", headers=as_role("manager")).status_code == 400


def test_a_backup_over_http_is_a_checked_archive(http: TestClient, as_role) -> None:
    r = http.post("/backups", headers=as_role("admin"))
    assert r.status_code == 200 and r.headers["content-type"] == "application/gzip"
    assert "attachment" in r.headers["content-disposition"]
    with tarfile.open(fileobj=io.BytesIO(r.content)) as tar:
        manifest = orjson.loads(tar.extractfile("manifest.json").read())
    assert manifest["counts"]["clients"] == 2000 and "sha256" in manifest["files"]["snapshot.jsonl"]
