"""The command line on a real data folder: tables for people, JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from branchdesk.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_init_creates_an_empty_folder(tmp_path: Path) -> None:
    code, out, _ = run("init", "--data", str(tmp_path / "d"))
    assert code == 0 and "Data folder ready" in out
    assert (tmp_path / "d" / "format.json").exists()
    code, out, _ = run("clients", "list", "--data", str(tmp_path / "d"), "--json")
    assert code == 0 and json.loads(out)["total"] == 0


def test_search_by_initials_prints_wang(demo_folder: Path) -> None:
    code, out, _ = run("clients", "search", "wns", "--data", str(demo_folder), "--lang", "zh")
    assert code == 0 and "王女士" in out and "核心客户" in out


def test_json_output_is_one_document(demo_folder: Path) -> None:
    code, out, _ = run("clients", "list", "--data", str(demo_folder), "--json", "--tier", "core",
                       "--limit", "3")  # fmt: skip
    page = json.loads(out)
    assert code == 0 and len(page["items"]) == 3 and page["total"] >= 3
    assert all(c["tier"] == "core" for c in page["items"])
    assert page["items"][0]["total_assets"] >= page["items"][1]["total_assets"]


def test_show_reads_one_client(demo_folder: Path) -> None:
    code, out, _ = run("clients", "show", "310000000001", "--data", str(demo_folder), "--json")
    assert code == 0 and json.loads(out)["name"] == "老李"


def test_unknown_client_exits_2_with_a_clear_message(demo_folder: Path) -> None:
    code, out, err = run("clients", "show", "310999999999", "--data", str(demo_folder))
    assert code == 2 and out == "" and "client '310999999999' not found" in err


def test_missing_folder_says_how_to_create_one(tmp_path: Path) -> None:
    code, _, err = run("clients", "list", "--data", str(tmp_path / "nope"))
    assert code == 1 and "branchdesk init" in err


def test_bad_option_is_a_usage_error(demo_folder: Path) -> None:
    code, _, err = run("clients", "list", "--data", str(demo_folder), "--tier", "gold")
    assert code == 2 and "gold" in err


def test_every_command_has_help_with_an_example() -> None:
    from branchdesk.cli import main as group

    def walk(cmd, path):
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                yield from walk(sub, [*path, name])
        else:
            yield path, cmd

    for path, _cmd in walk(group, []):
        code, out, _ = run(*path, "--help")
        assert code == 0, path
        assert "branchdesk " in out and "Example" in out, f"{' '.join(path)} --help has no example"
