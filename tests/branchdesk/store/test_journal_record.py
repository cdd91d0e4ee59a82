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


def test_a_record_encoded_in_pieces_is_the_json_of_it_whole() -> None:
    # Plain ops in pieces of CHUNK_OPS, and a batch encoded ahead (new documents) among
    # them: the same bytes and checksum as encoding the record as one dict.
    import zlib

    import orjson

    from branchdesk.store.journal import CHUNK_OPS, EncodedOps

    ops = [
        ("t", str(i), {"id": str(i), "name": "客户", "n": i, "tags": ["a"]}) for i in range(9000)
    ]
    ops.append(("t", "gone", None))
    assert len(ops) > 2 * CHUNK_OPS
    mixed = [*ops[:2500], EncodedOps(ops[2500:7000]), ops[7000], EncodedOps([]), *ops[7001:]]
    body = orjson.dumps({"seq": 7, "ops": ops})
    assert encode_record(7, mixed) == b"%08x " % zlib.crc32(body) + body + b"\n"
    empty = b'{"seq":8,"ops":[]}'
    assert encode_record(8, []) == b"%08x " % zlib.crc32(empty) + empty + b"\n"
