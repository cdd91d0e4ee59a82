"""`branchdesk rebalance` and `branchdesk advisors` on a real data folder: what a manager
reads on screen, and one JSON document for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from branchdesk.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_preview_apply_undo_from_the_command_line(demo_folder: Path) -> None:
    data = ["--data", str(demo_folder)]
    code, out, _ = run("rebalance", "--preview", "--json", "--lang", "en", *data)
    assert code == 0
    plan = json.loads(out)
    move = next(m for m in plan["moves"] if m["from_id"] == "A05")
    assert move["reason_text"].startswith("王芳 is departing; ")
    assert {"account_id", "from_id", "to_id", "reason"} <= set(move)
    assert {x["advisor_id"] for x in plan["loads"]} >= {"A01", "A05"}
    assert all({"before", "after"} <= set(x) for x in plan["loads"])

    code, out, _ = run("rebalance", "--apply", plan["id"], "--lang", "en", *data)
    assert code == 0 and f"Plan {plan['id']} applied: {len(plan['moves'])} clients moved." in out
    code, out, _ = run("rebalance", "--apply", plan["id"], *data)
    assert code == 1
    code, out, _ = run("rebalance", "--preview", "--json", *data)
    assert json.loads(out)["moves"] == []

    code, out, _ = run("rebalance", "--undo", plan["id"], "--lang", "zh", *data)
    assert code == 0 and f"方案{plan['id']}已撤销" in out
    code, out, _ = run("clients", "show", move["account_id"], "--json", *data)
    assert json.loads(out)["advisor_id"] == "A05"


def test_the_preview_reads_in_chinese(demo_folder: Path) -> None:
    code, out, _ = run("rebalance", "--preview", "--lang", "zh", "--data", str(demo_folder))
    assert code == 0
    assert "王芳离职" in out and "调整客户数" in out and "执行方案" in out


def test_one_action_at_a_time(demo_folder: Path) -> None:
    code, _, err = run("rebalance", "--data", str(demo_folder))
    assert code == 2 and "choose one of" in err
    code, _, err = run("rebalance", "--preview", "--undo", "P1", "--data", str(demo_folder))
    assert code == 2


def test_advisors_list_set_and_show(demo_folder: Path) -> None:
    data = ["--data", str(demo_folder)]
    code, out, _ = run("advisors", "list", "--lang", "zh", *data)
    assert code == 0 and "李娜" in out and "已离职" in out
    code, out, _ = run("advisors", "set", "A06", "skills.bonds=3", "capacity=0.8", "--json", *data)
    assert code == 0
    li = json.loads(out)
    assert li["capacity"] == 0.8 and li["skills"]["bonds"] == 3 and li["skills"]["funds"] == 4
    code, _, err = run("advisors", "set", "A06", "capacity=lots", "skills.gold=3", *data)
    err = " ".join(err.split())  # the terminal wraps long messages
    assert (
        code == 2 and "capacity: could not convert" in err and "skills.gold: unknown skill" in err
    )
    code, out, _ = run("advisors", "show", "A06", "--json", *data)
    assert json.loads(out)["version"] == li["version"]


def test_leave_and_departure_commands_make_plans(demo_folder: Path) -> None:
    data = ["--data", str(demo_folder)]
    code, out, _ = run(
        "advisors", "leave", "A03", "--from", "2026-11-25", "--to", "2026-12-10", "--json", *data
    )
    assert code == 0
    plan = json.loads(out)
    assert plan["kind"] == "leave" and plan["status"] == "preview"
    assert all(m["until"] == "2026-12-10" for m in plan["moves"])
    code, out, _ = run("advisors", "depart", "A07", "--apply", "--json", *data)
    assert code == 0
    plan = json.loads(out)
    assert plan["kind"] == "departure" and plan["status"] == "applied"
    code, out, _ = run("advisors", "show", "A07", "--json", *data)
    assert json.loads(out)["status"] == "departed"
