"""A journal record written in pieces (checksum, body, newline) reads back as one."""

from __future__ import annotations

from pathlib import Path

from branchdesk.store.journal import Journal, encode_record, read_journal


def test_a_big_record_is_written_whole_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    journal = Journal(path, 0)
    ops = [
        ("clients", f"{i:012d}", {"account_id": f"{i:012d}", "name": "客户" * 20})
        for i in range(20_000)
    ]
    journal.append(1, ops)
    journal.append(2, [("clients", "x", None)])
    journal.close()
    assert path.read_bytes() == encode_record(1, ops) + encode_record(2, [("clients", "x", None)])
    result = read_journal(path)
    assert [r.seq for r in result.records] == [1, 2] and not result.torn_tail
    assert len(result.records[0].ops) == 20_000 and journal.size == path.stat().st_size
