"""The outbox file the branch's SMS/WeChat gateway picks up: CSV, one message a line, in
the encoding the gateway wants (UTF-8, or GBK as Chinese Windows software often does).

Batches are appended as they are logged, each flushed and fsync'd, so a file never
lacks a message whose task was already logged unless the disk itself failed — and then
``branchdesk greetings … --resend`` writes the logged messages out again."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from ..models.service_api import GreetingMessage

COLUMNS = ("phone", "channel", "account_id", "name", "message", "task_id")


class Outbox:
    def __init__(self, path: str | Path, encoding: str = "utf-8") -> None:
        self.path = Path(path)
        self.encoding = encoding
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.fresh = not self.path.exists() or self.path.stat().st_size == 0
        # Open before any work is done, so an unwritable path fails before a task is logged.
        self._file: IO[str] = self.path.open("a", encoding=encoding, newline="")
        self._csv = csv.writer(self._file)
        self.written = 0
        if fresh:
            self._csv.writerow(COLUMNS)
            self._sync()

    def write(self, messages: Iterable[GreetingMessage]) -> int:
        n = 0
        for m in messages:
            self._csv.writerow(
                (m.phone, m.channel.value, m.account_id, m.name, m.text, m.task_id or "")
            )
            n += 1
        self._sync()
        self.written += n
        return n

    def _sync(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        """Close; a file this run created but wrote no message to is removed again."""
        self._file.close()
        if self.fresh and not self.written:
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_outbox(path: str | Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    """The messages in an outbox file (for checks and tests)."""
    with Path(path).open(encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))
