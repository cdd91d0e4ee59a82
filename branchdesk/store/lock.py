"""The data folder's write lock: one process writes, and everyone else is told which.

``flock`` is released by the kernel when the holder dies, so a crash never leaves a
stale lock behind; the file's text only says who holds it."""

from __future__ import annotations

import fcntl
import os
import socket
import sys
from pathlib import Path
from typing import Any

import orjson

from ..errors import DataFolderBusy

LOCK_NAME = "lock"


class WriteLock:
    def __init__(self, folder: Path, purpose: str) -> None:
        self.path = folder / LOCK_NAME
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = read_holder(folder) or {}
            raise DataFolderBusy(describe_busy(folder, holder), holder) from None
        self._fd = fd
        self.info: dict[str, Any] = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "purpose": purpose,
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])[:200],
        }
        self._write()

    def update(self, **info: Any) -> None:
        """Add facts for other processes, e.g. the URL the server listens on."""
        self.info.update(info)
        self._write()

    def _write(self) -> None:
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, orjson.dumps(self.info), 0)

    def release(self) -> None:
        if self._fd >= 0:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = -1


def read_holder(folder: Path) -> dict[str, Any] | None:
    """Who holds the lock, or None when nobody does."""
    path = folder / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                return orjson.loads(path.read_bytes() or b"{}")
            except orjson.JSONDecodeError:
                return {}
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def describe_busy(folder: Path, holder: dict[str, Any]) -> str:
    who = holder.get("purpose") or "another BranchDesk process"
    pid = holder.get("pid", "?")
    where = f", serving {holder['url']}" if holder.get("url") else ""
    return (
        f"The data folder {folder} is in use by {who} (pid {pid} on {holder.get('host', '?')}"
        f"{where}). Only one process may write to it: stop that process, or go through "
        "its API (commands do this by themselves when a server is running)."
    )
