"""Backups without a server, restore checks: a consistent archive that restores to the
same book; damaged archives and occupied folders are refused."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from .conftest import cli, cli_json, docs

TABLES = ("clients", "activity", "tasks", "staff", "audit", "advisors")


def test_backup_and_restore_give_the_same_book(demo_folder: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    code, made = cli_json("backup", "--data", demo_folder, "--out", archive)
    assert code == 0 and made["counts"]["clients"] == 2000
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["format.json", "manifest.json", "snapshot.jsonl"]
    target = tmp_path / "restored"
    code, restored = cli_json("restore", archive, "--data", target)
    assert code == 0 and restored["counts"] == made["counts"]
    for table in TABLES:
        assert docs(target, table) == docs(demo_folder, table), table


def test_a_backup_includes_changes_still_in_the_journal(
    demo_folder: Path, samples: Path, tmp_path: Path
) -> None:
    from branchdesk.schema import open_store

    store = open_store(demo_folder)
    store.table("advisors").put({"id": "A99", "name": "新人", "version": 1})
    store.close(compact=False)  # the change is only in the journal
    archive = tmp_path / "b.tar.gz"
    assert cli("backup", "--data", demo_folder, "--out", archive)[0] == 0
    cli("restore", archive, "--data", tmp_path / "r")
    assert docs(tmp_path / "r", "advisors")["A99"]["name"] == "新人"


def test_restore_refuses_a_folder_with_data_unless_forced(
    demo_folder: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "b.tar.gz"
    cli("backup", "--data", demo_folder, "--out", archive)
    cli("import", "clients", _one_client(tmp_path), "--data", demo_folder)
    code, _, err = cli("restore", archive, "--data", demo_folder)
    assert code == 1 and "already holds a data folder" in err and "--force" in err
    assert "399000000001" in docs(demo_folder, "clients")
    code, restored = cli_json("restore", archive, "--data", demo_folder, "--force")
    assert code == 0 and "399000000001" not in docs(demo_folder, "clients")
    aside = Path(restored["moved_aside"])
    assert aside.parent == demo_folder and (aside / "snapshot.jsonl").exists()  # kept, not lost


def _one_client(tmp_path: Path) -> Path:
    path = tmp_path / "one.csv"
    path.write_text("资金账号,客户姓名\n399000000001,新客户\n", encoding="utf-8")
    return path


def test_a_damaged_archive_is_refused_before_anything_is_touched(
    demo_folder: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "b.tar.gz"
    cli("backup", "--data", demo_folder, "--out", archive)
    with tarfile.open(archive) as tar:
        files = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    snapshot = bytearray(files["snapshot.jsonl"])
    snapshot[len(snapshot) // 2] ^= 0x01  # one flipped bit
    files["snapshot.jsonl"] = bytes(snapshot)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    target = tmp_path / "target"
    code, _, err = cli("restore", damaged, "--data", target)
    assert code == 2 and "snapshot.jsonl in the archive does not match its checksum" in err
    assert not (target / "snapshot.jsonl").exists()
    code, _, err = cli("restore", demo_folder / "format.json", "--data", target)
    assert code == 2 and "not a BranchDesk backup archive" in err
