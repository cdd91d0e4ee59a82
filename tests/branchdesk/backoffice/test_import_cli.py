"""Importing through the command line without a server: validation first, all or
nothing, --skip-bad with a rejects file, dry runs, and the same file twice."""

from __future__ import annotations

import csv
from pathlib import Path

from branchdesk import audit
from branchdesk.schema import open_store

from .conftest import cli, cli_json, docs

BAD_LINES = {
    3: ("手机号码", "not a mainland phone number"),
    4: ("开户日期", "not a real date: '2020-13-01'"),
    5: ("客户姓名", "required for a new record"),
    6: ("总资产", "must not be negative"),
    7: ("理财经理", "no advisor 'A99' in the branch"),
    8: ("资金账号", "account 320000000201 is also on line 2"),
}


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "lock"}


def test_bad_rows_are_each_reported_and_nothing_is_written(
    demo_folder: Path, samples: Path
) -> None:
    before = folder_bytes(demo_folder)
    code, out, _ = cli("import", "clients", samples / "clients-bad.csv", "--data", demo_folder)
    assert code == 2
    for line, (column, reason) in BAD_LINES.items():
        assert f"line {line}, {column}" in out and reason in out, line
    assert "Nothing was written: 6 rows are bad" in out
    assert folder_bytes(demo_folder) == before  # not even an audit entry
    assert not (samples / "clients-bad.rejects.csv").exists()


def test_errors_carry_line_column_and_reason_in_json(demo_folder: Path, samples: Path) -> None:
    code, report = cli_json("import", "clients", samples / "clients-bad.csv", "--data", demo_folder)
    assert code == 2 and report["applied"] is False and report["rejected"] == 6
    found = {e["line"]: (e["column"], e["reason"]) for e in report["errors"]}
    assert sorted(found) == sorted(BAD_LINES)
    for line, (column, reason) in BAD_LINES.items():
        assert found[line][0] == column and reason in found[line][1]
    assert report["created"] == 2  # what the good rows would have done


def test_skip_bad_writes_the_good_rows_and_a_rejects_file(demo_folder: Path, samples: Path) -> None:
    code, out, _ = cli(
        "import", "clients", samples / "clients-bad.csv", "--data", demo_folder, "--skip-bad"
    )
    assert code == 2  # some input was bad, even though the rest went in
    clients = docs(demo_folder, "clients")
    assert clients["320000000201"]["total_assets"] == 100_000.0
    assert clients["320000000207"]["total_assets"] == 12_000.0  # "1.2万"
    assert not {"320000000202", "320000000203", "320000000205", "320000000206"} & set(clients)
    rejects = samples / "clients-bad.rejects.csv"
    assert str(rejects.name) in out
    rows = list(csv.reader(rejects.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:4] == ["行号 line", "列 column", "原因 reason", "资金账号"]
    assert [int(r[0]) for r in rows[1:]] == sorted(BAD_LINES)
    by_line = {int(r[0]): r for r in rows[1:]}
    assert by_line[3][1] == "手机号码" and by_line[3][5] == "1380000"  # the row as it was
    assert by_line[6][7] == "-5,000"


def test_a_dry_run_reports_and_changes_nothing(demo_folder: Path, samples: Path) -> None:
    before = folder_bytes(demo_folder)
    code, report = cli_json(
        "import", "clients", samples / "clients-gbk.csv", "--data", demo_folder, "--dry-run"
    )
    assert code == 0 and report["dry_run"] and not report["applied"]
    assert (report["created"], report["updated"], report["unchanged"]) == (6, 0, 0)
    assert folder_bytes(demo_folder) == before


def test_the_same_file_twice_changes_nothing_the_second_time(
    demo_folder: Path, samples: Path
) -> None:
    code, first = cli_json("import", "clients", samples / "clients-gbk.csv", "--data", demo_folder)
    assert code == 0 and first["created"] == 6
    before = folder_bytes(demo_folder)
    code, out, _ = cli("import", "clients", samples / "clients-gbk.csv", "--data", demo_folder)
    assert code == 0
    assert "6 rows: 0 new, 0 updated, 6 unchanged, 0 rejected." in out
    assert "Nothing changed: the book already holds every row of this file." in out
    assert folder_bytes(demo_folder) == before  # no journal record, no audit entry


def test_a_file_naming_a_departed_advisor_is_placed_once_and_stays_placed(
    demo_folder: Path, tmp_path: Path
) -> None:
    # 王芳 (A05) has left; the back office still names her. The first import places her
    # new clients by the rules; importing the same file again must not hand them back.
    path = tmp_path / "departed.csv"
    path.write_text(
        "资金账号,客户姓名,理财经理,总资产\n"
        "320000000301,周一,A05,10000\n320000000302,周二,A05,20000\n",
        encoding="utf-8",
    )
    code, first = cli_json("import", "clients", path, "--data", demo_folder)
    assert code == 0 and first["created"] == 2
    placed = {
        a: docs(demo_folder, "clients")[a]["advisor_id"] for a in ("320000000301", "320000000302")
    }
    assert "A05" not in placed.values()
    before = folder_bytes(demo_folder)
    code, again = cli_json("import", "clients", path, "--data", demo_folder)
    assert code == 0 and (again["updated"], again["unchanged"]) == (0, 2)
    assert folder_bytes(demo_folder) == before


def test_rows_upsert_by_account_and_empty_cells_keep_the_book(
    demo_folder: Path, tmp_path: Path
) -> None:
    wang = docs(demo_folder, "clients")["310000000002"]
    path = tmp_path / "phones.csv"
    path.write_text("资金账号,手机号码,电子邮箱\n310000000002,139 0000 1111,\n", encoding="utf-8")
    code, report = cli_json("import", "clients", path, "--data", demo_folder)
    assert code == 0 and report["updated"] == 1
    after = docs(demo_folder, "clients")["310000000002"]
    assert after["phone"] == "13900001111" and after["version"] == wang["version"] + 1
    unchanged = {k: v for k, v in after.items() if k not in ("phone", "version", "updated_at")}
    assert unchanged == {k: v for k, v in wang.items() if k in unchanged}


def test_one_summary_audit_entry_per_import(demo_folder: Path, samples: Path) -> None:
    cli("import", "clients", samples / "clients-gbk.csv", "--data", demo_folder)
    store = open_store(demo_folder, readonly=True)
    try:
        entries, total = audit.query(store, action="import.")
        per_client, _ = audit.query(store, entity_id="320000000101")
    finally:
        store.close()
    assert total == 1 and entries[0].actor.startswith("cli:")
    assert entries[0].detail == (
        "clients-gbk.csv: 6 rows, 6 created, 0 updated, 0 unchanged, 0 rejected"
    )
    assert per_client == []  # no entry per client


def test_progress_is_shown_while_reading(demo_folder: Path, samples: Path) -> None:
    _, _, err = cli("import", "clients", samples / "clients-gbk.csv", "--data", demo_folder)
    assert "read 6 of about 7 rows of clients-gbk.csv" in err


def test_a_file_without_the_key_column_is_bad_input(demo_folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("姓名,电话\n张三,13800000000\n", encoding="utf-8")
    code, _, err = cli("import", "clients", path, "--data", demo_folder)
    assert code == 2 and "no 资金账号 / account_id column (found: 姓名, 电话)" in err


def test_activity_for_unknown_clients_is_refused_by_row(demo_folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "activity.txt"
    path.write_text(
        "资金账号\t总资产\t成交笔数\n310000000002\t1,900,000\t3\n399999999999\t5\t1\n",
        encoding="utf-8",
    )
    code, report = cli_json(
        "import", "activity", path, "--data", demo_folder, "--period", "2026-11-30", "--skip-bad"
    )
    assert code == 2 and report["created"] == 1 and report["applied"]
    assert report["errors"][0]["line"] == 3
    assert "no client with this account id" in report["errors"][0]["reason"]
    assert docs(demo_folder, "clients")["310000000002"]["total_assets"] == 1_900_000.0
