"""Exports: CSV in UTF-8 or GBK, XLSX, Chinese or English headers — and what is exported
imports again into the same book."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchdesk.backoffice.decode import open_sheet

from .conftest import cli, cli_json, docs

#: stamps of the write itself, which a new book sets anew
STAMPS = ("version", "created_at", "updated_at")


def book(folder: Path, table: str = "clients") -> dict[str, dict]:
    return {
        k: {f: v for f, v in d.items() if f not in STAMPS} for k, d in docs(folder, table).items()
    }


@pytest.mark.parametrize(
    ("fmt", "encoding", "lang"),
    [("csv", "gbk", "zh"), ("csv", "utf-8", "en"), ("xlsx", "utf-8", "zh")],
)
def test_export_then_import_gives_the_same_book(
    demo_folder: Path, tmp_path: Path, fmt: str, encoding: str, lang: str
) -> None:
    out = tmp_path / f"clients.{fmt}"
    code, summary = cli_json(
        "export",
        "clients",
        "--data",
        demo_folder,
        "--format",
        fmt,
        "--encoding",
        encoding,
        "--headers",
        lang,
        "--out",
        out,
    )
    assert code == 0 and summary["rows"] == 2000 and summary["masked"] == 0
    fresh = tmp_path / "fresh"
    assert cli("init", "--data", fresh)[0] == 0
    cli("import", "advisors", _advisors_file(demo_folder, tmp_path), "--data", fresh)
    code, report = cli_json("import", "clients", out, "--data", fresh)
    assert code == 0 and report["created"] == 2000, report["errors"][:3]
    assert book(fresh) == book(demo_folder)
    # …and into the book it came from, it changes nothing.
    code, again = cli_json("import", "clients", out, "--data", demo_folder)
    assert code == 0 and again["unchanged"] == 2000 and again["created"] == again["updated"] == 0


def _advisors_file(folder: Path, tmp_path: Path) -> Path:
    """The demo's advisors as a file (clients name their advisor, which must exist)."""
    path = tmp_path / "advisors.csv"
    ids = sorted(docs(folder, "advisors"))
    path.write_text("工号,姓名\n" + "".join(f"{i},经理{i}\n" for i in ids), encoding="utf-8")
    return path


def test_headers_and_labels_in_chinese_encoded_for_chinese_excel(
    demo_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c.csv"
    cli("export", "clients", "--data", demo_folder, "--encoding", "gbk", "--out", out)
    text = out.read_bytes().decode("gbk")
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["资金账号", "客户姓名", "手机号码"] and "客户分层" in header
    wang = next(line for line in text.splitlines() if line.startswith("310000000002"))
    assert "王女士" in wang and "核心客户" in wang and "13812345678" in wang


def test_tasks_round_trip_by_their_ids(demo_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "tasks.xlsx"
    code, summary = cli_json(
        "export", "tasks", "--data", demo_folder, "--format", "xlsx", "--out", out
    )
    assert code == 0 and summary["rows"] == len(docs(demo_folder, "tasks"))
    code, again = cli_json("import", "tasks", out, "--data", demo_folder)
    assert code == 0 and again["unchanged"] == summary["rows"], again["errors"][:3]


def test_alerts_and_audit_export_with_english_headers(demo_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    code, summary = cli_json(
        "export", "audit", "--data", demo_folder, "--headers", "en", "--out", out
    )
    assert code == 0 and summary["rows"] >= 1
    rows = list(open_sheet(out).rows)
    assert rows[0][1][:4] == ["id", "at", "actor", "action"]
    assert any(cells[3] == "demo.create" for _, cells in rows[1:])
    code, summary = cli_json("export", "alerts", "--data", demo_folder, "--out", tmp_path / "a.csv")
    assert code == 0 and (tmp_path / "a.csv").read_bytes().decode("utf-8-sig").startswith(
        "预警编号"
    )


def test_a_masked_export_cannot_be_imported_back(demo_folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "masked.csv"
    path.write_text("资金账号,手机号码\n310000000002,138****5678\n", encoding="utf-8")
    code, report = cli_json("import", "clients", path, "--data", demo_folder)
    assert code == 2
    assert (
        "masked (138****5678); export with full details to re-import"
        in report["errors"][0]["reason"]
    )
