"""Snapshots: the whole data set in one file, written atomically.

One JSON line of metadata, then one line per table, so reading and writing hold at
most one table's bytes in memory at a time besides the documents themselves."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..errors import StoreCorrupt
from .files import write_atomic

FORMAT = "branchdesk-snapshot/1"


@dataclass
class Snapshot:
    seq: int
    schema: int
    tables: dict[str, dict[str, Any]]


def write_snapshot(
    path: Path, seq: int, schema: int, tables: Mapping[str, Mapping[str, Any]], written_at: str
) -> None:
    meta = {
        "format": FORMAT,
        "seq": seq,
        "schema": schema,
        "written_at": written_at,
        "counts": {name: len(docs) for name, docs in tables.items()},
    }

    def chunks() -> Iterator[bytes]:
        yield orjson.dumps(meta) + b"\n"
        for name, docs in tables.items():
            yield orjson.dumps({"table": name, "docs": docs}) + b"\n"

    write_atomic(path, chunks())


def read_snapshot(path: Path) -> Snapshot | None:
    """The snapshot at ``path``, None if there is none; damage stops with a clear error."""
    if not path.exists():
        return None
    with open(path, "rb") as fh:
        try:
            meta = orjson.loads(fh.readline())
            if meta.get("format") != FORMAT:
                raise ValueError(f"unknown format {meta.get('format')!r}")
            tables: dict[str, dict[str, Any]] = {}
            for _ in meta["counts"]:
                line = fh.readline()
                obj = orjson.loads(line)
                tables[obj["table"]] = obj["docs"]
                del line, obj
            for name, count in meta["counts"].items():
                if len(tables.get(name, ())) != count:
                    raise ValueError(f"table {name!r} holds {len(tables.get(name, ()))} of {count}")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreCorrupt(
                f"{path} is damaged ({exc}); refusing to start with missing data. "
                "Restore the data folder from a backup (branchdesk restore)."
            ) from exc
    return Snapshot(int(meta["seq"]), int(meta["schema"]), tables)
