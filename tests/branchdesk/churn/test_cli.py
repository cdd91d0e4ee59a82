"""The churn commands on a real data folder: scan, triage, rules and reports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from branchdesk.cli import main

LAO_LI = "310000000001"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _outflow_id(folder: Path) -> str:
    code, out, _ = run(
        "alerts", "list", "--data", str(folder), "--client", LAO_LI, "--rule", "outflow", "--json"
    )
    assert code == 0
    return json.loads(out)["items"][0]["id"]


def test_scan_twice_then_triage_to_lost(demo_folder: Path) -> None:
    data = ("--data", str(demo_folder))
    code, out, _ = run("scan", *data, "--json")
    first = json.loads(out)
    assert code == 0 and first["raised"] == first["findings"] > 0
    code, out, _ = run("scan", *data, "--json")
    assert json.loads(out)["unchanged"] == first["findings"] and json.loads(out)["raised"] == 0

    code, out, _ = run("alerts", "list", *data, "--rule", "outflow", "--lang", "zh")
    assert code == 0 and "老李" in out and "净转出¥150.0万，占资产62%" in out

    alert_id = _outflow_id(demo_folder)
    code, out, _ = run("alerts", "ack", alert_id, *data, "--note", "今天打电话", "--json")
    assert code == 0 and json.loads(out)["status"] == "acknowledged"
    code, _, err = run("alerts", "ack", alert_id, *data, "--version", "1")
    assert code == 1 and "current version 2" in err
    code, out, _ = run("alerts", "task", alert_id, *data, "--channel", "visit", "--json")
    task = json.loads(out)["task"]
    assert code == 0 and task["channel"] == "visit" and task["alert_id"] == alert_id
    code, _, err = run("alerts", "resolve", alert_id, *data, "--as", "lost")
    assert code == 2 and "reason" in err
    code, out, _ = run(
        "alerts", "resolve", alert_id, *data, "--as", "lost", "--reason", "commission", "--json"
    )
    assert code == 0 and json.loads(out)["reason"] == "commission"
    code, out, _ = run("alerts", "show", alert_id, *data, "--lang", "en")
    assert "Lost Commission too high" in out

    code, out, _ = run("report", "reasons", *data, "--json")
    assert json.loads(out)["by_count"][0]["reason"] == "commission"


def test_report_csv_files(demo_folder: Path, tmp_path: Path) -> None:
    data = ("--data", str(demo_folder))
    run("scan", *data)
    target = tmp_path / "flow.csv"
    code, out, _ = run("report", "flow", *data, "--months", "3", "--csv", str(target))
    assert code == 0 and "2026-11" in out
    rows = list(csv.reader(target.open(encoding="utf-8-sig")))
    assert len(rows) == 1 + 3 + 1 and rows[1][0] == "2026-09"
    target = tmp_path / "funnel.csv"
    code, out, _ = run("report", "churn", *data, "--lang", "en", "--csv", str(target))
    rows = list(csv.reader(target.open(encoding="utf-8-sig")))
    assert rows[0][:2] == ["Rule", "Raised"] and rows[-1][0] == "All rules"


def test_rules_set_refuses_unknown_keys_and_impossible_values(demo_folder: Path) -> None:
    data = ("--data", str(demo_folder))
    for setting, field in (
        ("dormant_dayz=100", "dormant_dayz"),
        ("dormant_days=-5", "dormant_days"),
        ("outflow_ratio=1.5", "outflow_ratio"),
        ("scan_time=25:00", "scan_time"),
    ):
        code, _, err = run("rules", "set", "churn", setting, *data)
        assert code == 2 and field in err, (setting, err)
    code, out, _ = run("rules", "show", "churn", *data, "--json")
    assert json.loads(out)["version"] == 0  # nothing was changed
    code, out, _ = run("rules", "set", "churn", "dormant_days=120", "outflow_ratio=0.4", *data)
    assert code == 0 and "version 1" in out
    code, out, _ = run("rules", "show", "churn", *data, "--json")
    values = json.loads(out)["values"]
    assert values["dormant_days"] == 120 and values["outflow_ratio"] == 0.4
    code, out, _ = run("rules", "show", *data)
    assert code == 0 and "churn (version 1)" in out and "tiers" in out
