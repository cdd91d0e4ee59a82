"""An index of planned tasks by queue, each queue kept in due-date order.

"My tasks today" and "my overdue tasks" are the desk's most frequent questions. A hash
index by queue answers them by reading the whole queue (thousands, for a neglected
backlog); one sorted index over every planned task makes writes slow (each new task
shifts a list of a hundred thousand). One short sorted list per queue does both: a
bisect finds a day or "everything before today", an insert shifts a few thousand.

It follows the store's index protocol (``name``, ``add``, ``discard``, ``clear``,
``bulk_load``), so the tasks table keeps it up to date on every write."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Hashable, Mapping
from typing import Any

Key = Callable[[Mapping[str, Any]], tuple[str, str] | None]

_END = "\uffff"


class QueueIndex:
    def __init__(self, name: str, key: Key) -> None:
        self.name, self.key = name, key
        self._queues: dict[str, list[tuple[str, str]]] = {}

    # -- the store's index protocol -----------------------------------------------------
    def add(self, doc_id: str, doc: Mapping[str, Any]) -> None:
        found = self.key(doc)
        if found is not None:
            queue, due = found
            insort(self._queues.setdefault(queue, []), (due, doc_id))

    def discard(self, doc_id: str, doc: Mapping[str, Any]) -> None:
        found = self.key(doc)
        if found is None:
            return
        queue, due = found
        items = self._queues.get(queue)
        if not items:
            return
        i = bisect_left(items, (due, doc_id))
        if i < len(items) and items[i] == (due, doc_id):
            del items[i]

    def clear(self) -> None:
        self._queues.clear()

    def bulk_load(self, docs: Mapping[str, Mapping[str, Any]]) -> None:
        queues: dict[str, list[tuple[str, str]]] = {}
        for doc_id, doc in docs.items():
            found = self.key(doc)
            if found is not None:
                queues.setdefault(found[0], []).append((found[1], doc_id))
        for items in queues.values():
            items.sort()
        self._queues = queues

    # -- questions ----------------------------------------------------------------------
    def _bounds(self, queue: str, low: str | None, high: str | None) -> tuple[list, int, int]:
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

    def queues(self) -> list[Hashable]:
        return list(self._queues)

    def __len__(self) -> int:
        return sum(len(v) for v in self._queues.values())
