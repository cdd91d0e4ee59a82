"""The write-ahead journal: one line per committed transaction, fsync'd before the
caller hears "done"; replayed on open over the last snapshot.

A line is ``<crc32 hex> <json>``: ``{"seq": n, "ops": [[table, doc_id, doc|null], …]}``.
A crash can only tear the last line (appends are sequential); such a line is skipped
with a warning and cut off so later appends start clean. A bad line anywhere else is
damage, and opening stops rather than silently dropping committed work."""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..errors import StoreCorrupt

log = logging.getLogger("branchdesk.store")

Op = tuple[str, str, dict[str, Any] | None]  # (table, doc id, document; None: deleted)

#: ops encoded at a time: a big record (100,000 imported clients are ~60 MB) is built
#: in pieces, never in one buffer that grows, and is copied, as it fills
CHUNK_OPS = 2000
#: pieces handed to one writev (the system allows 1,024)
WRITEV_PIECES = 512


class EncodedOps:
    """Ops encoded ahead of their record: a batch of new documents (an import's) is
    encoded when it is stored, so the transaction holds these bytes instead of every
    document as a dict until it commits."""

    __slots__ = ("pieces",)

    def __init__(self, ops: list[Op] = ()) -> None:  # type: ignore[assignment]
        self.pieces: list[memoryview] = []
        for i in range(0, len(ops), CHUNK_OPS):
            self.add(ops[i : i + CHUNK_OPS])

    def add(self, ops: list[Op]) -> None:
        if ops:
            self.pieces.append(_encoded(ops))


def encode_record(seq: int, ops: list[Op | EncodedOps]) -> bytes:
    return b"".join(encode_parts(seq, ops))


def encode_parts(seq: int, ops: list[Op | EncodedOps]) -> list[bytes | memoryview]:
    """The record as pieces to write side by side: checksum and space, the JSON body in
    pieces, newline. Byte for byte ``orjson.dumps({"seq": seq, "ops": ops})``."""
    body: list[bytes | memoryview] = [b'{"seq":%d,"ops":[' % seq]
    for i, piece in enumerate(_pieces(ops)):
        if i:
            body.append(b",")
        body.append(piece)
    body.append(b"]}")
    crc = 0
    for part in body:
        crc = zlib.crc32(part, crc)
    return [b"%08x " % crc, *body, b"\n"]


def _pieces(ops: list[Op | EncodedOps]) -> Iterator[memoryview]:
    group: list[Op] = []
    for op in ops:
        if op.__class__ is EncodedOps:
            if group:
                yield _encoded(group)
                group = []
            yield from op.pieces  # type: ignore[union-attr]
            continue
        group.append(op)  # type: ignore[arg-type]
        if len(group) >= CHUNK_OPS:
            yield _encoded(group)
            group = []
    if group:
        yield _encoded(group)


def _encoded(ops: list[Op]) -> memoryview:
    return memoryview(orjson.dumps(ops))[1:-1]  # the ops without the list's brackets


@dataclass
class Replayed:
    seq: int
    ops: list[list[Any]]


@dataclass
class ReadResult:
    records: list[Replayed]
    good_bytes: int  # length of the journal up to the end of its last good line
    torn_tail: bool


def read_journal(path: Path) -> ReadResult:
    """Parse the journal; a damaged last line is reported as ``torn_tail``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadResult([], 0, False)
    records: list[Replayed] = []
    offset = 0
    for line_no, line in enumerate(_lines(data), start=1):
        end = offset + len(line)
        record = _decode_line(line)
        if record is None:
            if data[end:].strip(b"\x00\n\r \t"):
                raise StoreCorrupt(
                    f"{path} is damaged at line {line_no} (byte {offset}) and committed "
                    "changes follow it; refusing to open. Restore the data folder from a "
                    "backup (branchdesk restore) or ask for help before editing it."
                )
            log.warning(
                "journal %s: ignoring a torn last line %d (%d bytes) left by a crash",
                path,
                line_no,
                len(data) - offset,
            )
            return ReadResult(records, offset, True)
        records.append(record)
        offset = end
    return ReadResult(records, offset, False)


def _lines(data: bytes) -> Iterator[memoryview]:
    # Views, not copies: a big import's record is tens of megabytes, and slicing it out
    # (twice) tripled the memory it took to open the folder after one.
    view = memoryview(data)
    start = 0
    while start < len(data):
        nl = data.find(b"\n", start)
        end = len(data) if nl < 0 else nl + 1
        yield view[start:end]
        start = end


def _decode_line(line: memoryview) -> Replayed | None:
    if len(line) < 10 or line[-1:] != b"\n" or line[8:9] != b" ":
        return None
    body = line[9:-1]
    try:
        if int(bytes(line[:8]), 16) != zlib.crc32(body):
            return None
        obj = orjson.loads(body)
        return Replayed(int(obj["seq"]), obj["ops"])
    except (ValueError, KeyError, TypeError):
        return None


class Journal:
    """Appends records durably. Opened by the one writer after the journal was read."""

    def __init__(self, path: Path, good_bytes: int) -> None:
        self.path = path
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if os.fstat(fd).st_size != good_bytes:
            os.ftruncate(fd, good_bytes)  # cut a torn tail so appends start on a clean line
            os.fsync(fd)
        os.lseek(fd, 0, os.SEEK_END)
        self._fd = fd
        self.size = good_bytes
        self.records_since_snapshot = 0
        # Bytes appended since opening, and how many of them are known to be on disk.
        # They only grow (a reset does not rewind them), so "synced >= written" always
        # means "nothing appended is waiting for an fsync".
        self.written = 0
        self.synced = 0

    def append(self, seq: int, ops: list[Op | EncodedOps], *, sync: bool = True) -> None:
        """Append one record; with ``sync=False`` the caller must :meth:`sync` before
        telling anyone the change is saved."""
        parts = encode_parts(seq, ops)
        total = 0
        for start in range(0, len(parts), WRITEV_PIECES):
            group = parts[start : start + WRITEV_PIECES]
            size = sum(map(len, group))
            written = os.writev(self._fd, group)
            if written < size:  # a short write is rare but legal: finish it
                rest = memoryview(b"".join(group))[written:]
                while rest:
                    rest = rest[os.write(self._fd, rest) :]
            total += size
        self.size += total
        self.written += total
        self.records_since_snapshot += 1
        if sync:
            self.sync()

    def sync(self) -> None:
        """Make every record appended so far durable. Safe to run in a worker thread
        while the owning thread appends: what is appended meanwhile waits for the next."""
        upto = self.written
        os.fdatasync(self._fd)
        self.synced = max(self.synced, upto)

    def reset(self) -> None:
        """Empty the journal once a snapshot holds everything in it."""
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.fsync(self._fd)
        self.size = 0
        self.records_since_snapshot = 0
        self.synced = self.written  # the snapshot holds them now

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
