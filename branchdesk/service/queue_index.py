"""An index of planned tasks by queue, each queue kept in due-date order.

"My tasks today" and "my overdue tasks" are the desk's most frequent questions. A hash
index by queue answers them by reading the whole queue (thousands, for a neglected
backlog); one sorted index over every planned task makes writes slow (each new task
shifts a list of a hundred thousand). One short sorted list per queue does both: a
bisect finds a day or "everything before today", an insert shifts a few thousand.

It follows the store's index protocol (``name``, ``key_of``, ``add``, ``discard``, ``clear``,
``add_batch``, ``finish_batches``) and, like the store's own indexes, names the fields
its key reads (``on``), so a table builds it from columns when it loads."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Mapping
from typing import Any, Protocol

Key = Callable[..., tuple[str, str] | None]  # (queue, due date), or None: not indexed


class Batch(Protocol):
    ids: Any

    def column(self, field: str) -> Any: ...


class QueueIndex:
    def __init__(self, name: str, key: Key, *, on: tuple[str, ...]) -> None:
        self.name, self.key, self.on = name, key, on
        self._queues: dict[str, list[tuple[str, str]]] = {}
        self._unsorted: set[str] = set()

    def key_of(self, doc: Mapping[str, Any]) -> tuple[str, str] | None:
        """The (queue, due date) ``doc`` is filed under; the store skips unchanged keys."""
        return self.key(*(doc.get(f) for f in self.on))

    # -- the store's index protocol -----------------------------------------------------
    def add(self, doc_id: str, doc: Mapping[str, Any]) -> None:
        found = self.key_of(doc)
        if found is not None:
            queue, due = found
            items = self._queue(queue)
            insort(items, (due, doc_id))

    def discard(self, doc_id: str, doc: Mapping[str, Any]) -> None:
        found = self.key_of(doc)
        if found is None:
            return
        queue, due = found
        items = self._queue(queue)
        i = bisect_left(items, (due, doc_id))
        if i < len(items) and items[i] == (due, doc_id):
            del items[i]

    def clear(self) -> None:
        self._queues.clear()
        self._unsorted.clear()

    def add_batch(self, batch: Batch) -> None:
        """Many documents while a table loads: appended now, sorted once at the end."""
        columns = [batch.column(f) for f in self.on]
        for doc_id, found in zip(batch.ids, map(self.key, *columns), strict=True):
            if found is not None:
                queue, due = found
                self._queues.setdefault(queue, []).append((due, doc_id))
                self._unsorted.add(queue)

    def finish_batches(self) -> None:
        for queue in self._unsorted:
            self._queues[queue].sort()
        self._unsorted.clear()

    def _queue(self, queue: str) -> list[tuple[str, str]]:
        if self._unsorted:
            self.finish_batches()
        return self._queues.setdefault(queue, [])

    # -- questions ----------------------------------------------------------------------
    def _bounds(self, queue: str, low: str | None, high: str | None) -> tuple[list, int, int]:
        if self._unsorted:
            self.finish_batches()
        items = self._queues.get(queue, [])
        start = 0 if low is None else bisect_left(items, (low, ""))
        end = len(items) if high is None else bisect_left(items, (high, ""))
        return items, start, end

    def ids(self, queue: str, low: str | None = None, high: str | None = None) -> list[str]:
        """Ids of ``queue``'s planned tasks due in [low, high), oldest first."""
        items, start, end = self._bounds(queue, low, high)
        return [doc_id for _, doc_id in items[start:end]]

    def count(self, queue: str, low: str | None = None, high: str | None = None) -> int:
        _, start, end = self._bounds(queue, low, high)
        return max(0, end - start)

    def __len__(self) -> int:
        return sum(len(v) for v in self._queues.values())
