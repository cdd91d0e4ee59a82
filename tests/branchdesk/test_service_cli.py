"""The service desk's commands on a real data folder: what a script or a person sees."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from branchdesk.cli import main

WANG = "310000000002"


def run(*args: str, env: dict | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_greetings_write_a_gbk_outbox_once(demo_folder: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "gateway" / "spring.csv"
    args = (
        "greetings",
        "--occasion",
        "spring_festival",
        "--date",
        "2027-02-06",
        "--outbox",
        str(outbox),
        "--encoding",
        "gbk",
        "--data",
        str(demo_folder),
    )
    code, out, _ = run(*args, "--json")
    summary = json.loads(out)
    assert code == 0 and summary["drafted"] > 1000 and summary["encoding"] == "gbk"
    with outbox.open(encoding="gbk", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == summary["drafted"]
    wang = next(r for r in rows if r["account_id"] == WANG)
    assert wang["channel"] == "wechat" and wang["message"].startswith("尊敬的王女士：新春佳节")
    assert wang["phone"] == "13812345678" and wang["task_id"]
    size = outbox.stat().st_size
    code, out, _ = run(*args)
    assert code == 0 and "drafted 0 messages" in out
    assert f"Already sent: {summary['drafted']:,}" in out
    assert outbox.stat().st_size == size  # nothing drafted twice
    again = tmp_path / "again.csv"  # the gateway lost the file: write the logged ones again
    code, out, _ = run(
        "greetings",
        "--occasion",
        "spring_festival",
        "--date",
        "2027-02-06",
        "--resend",
        "--outbox",
        str(again),
        "--data",
        str(demo_folder),
        "--json",
    )
    assert code == 0 and json.loads(out)["drafted"] == summary["drafted"]
    with again.open(encoding="utf-8", newline="") as f:
        assert {r["task_id"] for r in csv.DictReader(f)} == {r["task_id"] for r in rows}


def test_a_dry_run_writes_no_file_and_logs_nothing(demo_folder: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "birthday.csv"
    code, out, _ = run(
        "greetings",
        "--occasion",
        "national_day",
        "--date",
        "2026-10-01",
        "--dry-run",
        "--outbox",
        str(outbox),
        "--lang",
        "en",
        "--data",
        str(demo_folder),
        "--json",
    )
    result = json.loads(out)
    assert code == 0 and not outbox.exists() and result["dry_run"]
    assert result["messages"][0]["text"].startswith("Dear ")
    code, out, _ = run(
        "greetings",
        "--occasion",
        "national_day",
        "--date",
        "2026-10-01",
        "--outbox",
        str(outbox),
        "--data",
        str(demo_folder),
        "--json",
    )
    assert json.loads(out)["drafted"] == len(result["messages"])


def test_log_complete_and_my_tasks(demo_folder: Path) -> None:
    d = ("--data", str(demo_folder))
    code, out, _ = run(
        "tasks",
        "add",
        WANG,
        "--channel",
        "visit",
        "--purpose",
        "relationship",
        "--due",
        "2026-11-25",
        *d,
        "--json",
    )
    task = json.loads(out)
    assert code == 0 and task["cost"] == 200.0 and task["assignee"] == "A02"
    code, out, _ = run("tasks", "mine", "--user", "a02", *d, "--json")
    assert task["id"] in {t["id"] for t in json.loads(out)["items"]}
    code, _, err = run("tasks", "complete", task["id"], *d)
    assert code == 2 and "--outcome" in err  # completing without an outcome is refused
    code, out, _ = run(
        "tasks", "complete", task["id"], "--outcome", "reached", "--satisfaction", "5", *d, "--json"
    )
    assert code == 0 and json.loads(out)["status"] == "done"
    code, out, _ = run(
        "tasks", "complete", task["id"], "--outcome", "reached", "--version", "1", *d
    )
    assert code == 1 and out == ""
    code, out, _ = run("clients", "show", WANG, *d, "--json")
    assert json.loads(out)["last_contact_date"] == "2026-11-25"
    code, out, _ = run(
        "tasks",
        "log",
        WANG,
        "--channel",
        "branch",
        "--purpose",
        "complaint",
        "--outcome",
        "retained",
        *d,
        "--lang",
        "zh",
    )
    assert code == 0 and "现场服务" in out and "已挽留" in out
    code, _, err = run("tasks", "mine", *d)
    assert code == 2 and "--user" in err


def test_an_unsuitable_offer_exits_2_with_the_reason(demo_folder: Path) -> None:
    code, out, err = run(
        "tasks",
        "add",
        WANG,
        "--channel",
        "phone",
        "--purpose",
        "product_info",
        "--product-risk",
        "R5",
        "--due",
        "2026-11-26",
        "--data",
        str(demo_folder),
    )
    assert code == 2 and out == ""
    assert "rated C4" in err and "C5 or above" in " ".join(err.split())


def test_a_campaign_from_the_command_line(demo_folder: Path) -> None:
    d = ("--data", str(demo_folder))
    code, out, _ = run(
        "campaigns",
        "create",
        "冬季唤醒",
        "--start",
        "2026-11-26",
        "--end",
        "2026-12-31",
        "--dormant-days",
        "180",
        "--channel",
        "phone=0.7",
        "--channel",
        "wechat=0.3",
        "--daily-limit",
        "3",
        *d,
        "--json",
    )
    campaign = json.loads(out)
    assert code == 0 and campaign["purpose"] == "relationship"
    code, out, _ = run("campaigns", "run", campaign["id"], *d, "--json")
    result = json.loads(out)
    assert code == 0 and result["created"] > 0
    assert result["by_channel"]["phone"] > result["by_channel"]["wechat"]
    code, out, _ = run("campaigns", "results", campaign["id"], *d, "--lang", "en")
    assert code == 0 and f"Targeted {result['created']:,}" in out
    code, _, err = run(
        "campaigns",
        "create",
        "x",
        "--start",
        "2026-12-01",
        "--end",
        "2026-12-31",
        "--channel",
        "phone=0.5",
        *d,
    )
    assert code == 2 and "channels" in err


def test_callbacks_and_reports_write_csv_files(demo_folder: Path, tmp_path: Path) -> None:
    d = ("--data", str(demo_folder))
    code, out, _ = run("callbacks", "plan", "--year", "2026", *d, "--json")
    plan = json.loads(out)
    assert code == 0 and plan["sampled"] == plan["required"]
    sheet = tmp_path / "callbacks.csv"
    code, out, _ = run("callbacks", "report", "--year", "2026", "--csv", str(sheet), *d)
    assert code == 0 and f"required {plan['required']:,}" in out
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sum(r["kind"] == "annual" for r in rows) == plan["required"]
    coverage = tmp_path / "coverage.csv"
    code, out, _ = run("report", "coverage", "--csv", str(coverage), *d, "--json")
    report = json.loads(out)
    assert code == 0 and 0 < report["share"] < 1
    with coverage.open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(report["rows"])
    for name in ("overdue", "channels", "campaigns"):
        code, out, _ = run("report", name, *d, "--json")
        assert code == 0 and json.loads(out)


def test_calendar_load_and_the_fallback_warning(demo_folder: Path, tmp_path: Path) -> None:
    d = ("--data", str(demo_folder))
    code, out, err = run("calendar", "show", "--from", "2027", "--to", "2027", *d)
    assert code == 0 and "fallback" in out and "Monday–Friday" in err
    schedule = tmp_path / "2027.csv"
    schedule.write_text("2027-10-01,holiday,国庆节\n2027-10-09,workday,调休\n", encoding="utf-8")
    code, out, _ = run("calendar", "load", str(schedule), *d)
    assert code == 0 and "2027: 1 holidays and 1 make-up working days" in out
    code, out, err = run("calendar", "show", "--from", "2027", "--to", "2027", *d, "--json")
    assert json.loads(out)[0]["source"] == "loaded" and err == ""


def test_cadence_plan_and_thank_yous(demo_folder: Path) -> None:
    d = ("--data", str(demo_folder))
    code, out, _ = run("cadence", "plan", "--days", "5", "--daily-limit", "4", *d, "--json")
    plan = json.loads(out)
    assert code == 0 and plan["scheduled"] > 0
    assert plan["scheduled"] == sum(a["added"] for a in plan["by_advisor"])
    code, out, _ = run("care", "thankyou", "--since", "2026-10-01", *d, "--json")
    assert code == 0 and "created" in json.loads(out)
    code, out, _ = run("care", "thank", WANG, "--detail", "稳健债券A", *d, "--json")
    created = json.loads(out)["created"]
    assert code == 0 and created[0]["purpose"] == "thank_you"
    assert created[0]["due_date"] == "2026-11-27"
