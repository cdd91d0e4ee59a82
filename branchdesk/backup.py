"""Backups of a data folder, and restoring one.

An archive is a gzipped tar of three files: ``snapshot.jsonl`` (the whole book, in the
store's own snapshot format), ``format.json`` and ``manifest.json`` (what was backed up,
when, the counts per table and each file's size and SHA-256). It is consistent: it is
one snapshot, taken at one moment — by the server on its event loop while it runs (see
``POST /backups``), or from the folder opened read-only when none does.

Restoring checks the archive first (manifest, checksums, the snapshot reads back with
the counts the manifest promises) and refuses a folder a server is using, or one that
holds data unless forced; forced, the replaced files are moved aside, not deleted."""

from __future__ import annotations

import hashlib
import io
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import orjson

from .errors import Invalid, StoreError
from .models import now
from .schema import SCHEMA_VERSION, open_store
from .store import Store, read_holder
from .store.files import fsync_dir, write_atomic
from .store.lock import WriteLock
from .store.snapshot import read_snapshot, write_snapshot
from .store.store import FORMAT, JOURNAL, SNAPSHOT

MANIFEST = "manifest.json"
ARCHIVE_FORMAT = "branchdesk-backup/1"


@dataclass
class Manifest:
    created_at: str
    source: str
    schema: int
    seq: int
    counts: dict[str, int]
    files: dict[str, dict[str, Any]]

    def describe(self) -> str:
        clients = self.counts.get("clients", 0)
        return (
            f"backup of {self.source} taken {self.created_at}: {clients:,} clients, "
            f"{sum(self.counts.values()):,} records in {len(self.counts)} tables"
        )


def snapshot_bytes(store: Store) -> bytes:
    """The store's whole state in the snapshot format (for a folder opened read-only;
    write_snapshot only writes files, atomically, so it goes through a temporary one)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / SNAPSHOT
        write_snapshot(path, store.seq, store.schema, store.db.storage.read(), _stamp())
        return path.read_bytes()


def archive(snapshot: bytes, *, source: str) -> bytes:
    """The archive of one snapshot: manifest, format.json and the snapshot itself."""
    meta = orjson.loads(snapshot.split(b"\n", 1)[0])
    fmt = orjson.dumps({"app": "branchdesk", "schema": meta["schema"], "written_at": _stamp()})
    files = {SNAPSHOT: snapshot, FORMAT: fmt}
    manifest = {
        "format": ARCHIVE_FORMAT,
        "created_at": now().isoformat(),
        "app_version": version("branchdesk"),
        "source": source,
        "schema": meta["schema"],
        "seq": meta["seq"],
        "counts": meta["counts"],
        "files": {
            name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in files.items()
        },
    }
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz", compresslevel=6) as tar:
        for name, data in [
            (MANIFEST, orjson.dumps(manifest, option=orjson.OPT_INDENT_2)),
            *files.items(),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = int(datetime.now(UTC).timestamp())
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def backup_folder(folder: str | Path) -> bytes:
    """An archive of a folder no server is using: opened read-only, so even a CLI
    command writing to it meanwhile is not disturbed, and the snapshot is consistent."""
    store = open_store(folder, readonly=True)
    try:
        return archive(snapshot_bytes(store), source=str(store.folder))
    finally:
        store.close()


def read_archive(data: bytes) -> tuple[Manifest, dict[str, bytes]]:
    """Open and check an archive: every file the manifest lists, with its checksum, and
    a snapshot that reads back whole. Raises :class:`Invalid` saying what is wrong."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            files = {}
            for member in tar.getmembers():
                if member.isfile() and member.name in (MANIFEST, SNAPSHOT, FORMAT):
                    files[member.name] = tar.extractfile(member).read()  # type: ignore[union-attr]
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise Invalid(f"not a BranchDesk backup archive ({exc})", field="archive") from None
    if MANIFEST not in files:
        raise Invalid("the archive has no manifest.json: not a BranchDesk backup", "archive")
    try:
        info = orjson.loads(files[MANIFEST])
    except orjson.JSONDecodeError as exc:
        raise Invalid(f"manifest.json is damaged ({exc})", "archive") from None
    if info.get("format") != ARCHIVE_FORMAT:
        raise Invalid(f"unknown backup format {info.get('format')!r}", "archive")
    manifest = Manifest(
        created_at=info["created_at"],
        source=info.get("source", "?"),
        schema=int(info["schema"]),
        seq=int(info["seq"]),
        counts=dict(info["counts"]),
        files=dict(info["files"]),
    )
    for name, expected in manifest.files.items():
        content = files.get(name)
        if content is None:
            raise Invalid(f"the archive lacks {name}, which its manifest lists", "archive")
        if (
            len(content) != expected["bytes"]
            or hashlib.sha256(content).hexdigest() != expected["sha256"]
        ):
            raise Invalid(f"{name} in the archive does not match its checksum: damaged", "archive")
    if manifest.schema > SCHEMA_VERSION:
        raise Invalid(
            f"the backup is of schema {manifest.schema}; this BranchDesk knows "
            f"{SCHEMA_VERSION}: upgrade BranchDesk to restore it",
            "archive",
        )
    _check_snapshot(files[SNAPSHOT], manifest)
    return manifest, files


def _check_snapshot(snapshot: bytes, manifest: Manifest) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / SNAPSHOT
        path.write_bytes(snapshot)
        try:
            snap = read_snapshot(path)
        except StoreError as exc:
            raise Invalid(
                f"the snapshot in the archive does not read back: {exc}", "archive"
            ) from None
    counts = {name: len(docs) for name, docs in snap.tables.items()} if snap else {}
    if counts != manifest.counts:
        raise Invalid("the snapshot holds other counts than its manifest says", "archive")


def holds_data(folder: Path) -> bool:
    return any(
        (folder / name).exists() and (folder / name).stat().st_size > 0
        for name in (FORMAT, SNAPSHOT, JOURNAL)
    )


def restore(
    data: bytes, folder: str | Path, *, force: bool = False
) -> tuple[Manifest, Path | None]:
    """Restore an archive into ``folder``; returns the manifest and, when forced over
    existing data, the folder the replaced files were moved to."""
    manifest, files = read_archive(data)
    folder = Path(folder).absolute()
    holder = read_holder(folder) if folder.exists() else None
    if holder is not None:
        who = holder.get("purpose") or "another BranchDesk process"
        where = f", serving {holder['url']}" if holder.get("url") else ""
        raise StoreError(
            f"{folder} is in use by {who} (pid {holder.get('pid', '?')}{where}); a folder "
            "in use is never overwritten: stop that process first, or restore elsewhere"
        )
    if folder.exists() and holds_data(folder) and not force:
        raise StoreError(
            f"{folder} already holds a data folder; restore into an empty folder, or pass "
            "--force to replace it (the current files are kept in a before-restore folder)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    lock = WriteLock(folder, "branchdesk restore")  # nobody starts on it meanwhile
    try:
        aside = _move_aside(folder) if holds_data(folder) else None
        # The snapshot first, format.json last: a folder cut off in between has no
        # format.json and refuses to open with a clear message, rather than opening wrong.
        write_atomic(folder / SNAPSHOT, [files[SNAPSHOT]])
        write_atomic(folder / FORMAT, [files[FORMAT]])
    finally:
        lock.release()
    check = open_store(folder, readonly=True)
    try:
        counts = {name: len(t) for name, t in check.tables.items() if name in manifest.counts}
    finally:
        check.close()
    if counts != manifest.counts:
        raise StoreError(f"the restored folder holds other counts than the backup: {counts}")
    return manifest, aside


def _move_aside(folder: Path) -> Path:
    aside = folder / f"before-restore-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    aside.mkdir()
    # The journal goes first: left behind, it would replay over the restored snapshot.
    for name in (JOURNAL, SNAPSHOT, FORMAT):
        if (folder / name).exists():
            (folder / name).rename(aside / name)
    fsync_dir(aside)
    fsync_dir(folder)
    return aside


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
