"""Spreading new tasks over advisors' working days, so nobody gets a wall of them on one day.

Each new task goes to the least-loaded working day of its advisor's window (the earliest
on a tie), counting what is already planned, and never past a daily limit. Callers hand
out tasks most-urgent first, so urgent ones land early. A departed advisor's clients go
to their backup, and so do those of an advisor on leave for the whole window; days inside
an advisor's leave are not working days for them."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from datetime import date

from ..models import AdvisorStatus
from ..store import Store

Load = Callable[[str, date], int]


class Team:
    """Who works a client's tasks, and on which days they are in."""

    def __init__(self, store: Store) -> None:
        self.docs = {d["id"]: d for d in store.table("advisors")._read_table().values()}
        self._present: dict[tuple, bool] = {}

    def worker(self, advisor_id: str | None, days: list[date] | None = None) -> str | None:
        """The advisor who does the work: the client's own, or the backup of a departed
        one — or of one away on every day of ``days`` (their leave covers the window)."""
        seen: set[str] = set()
        current = advisor_id
        while current and current not in seen:
            seen.add(current)
            doc = self.docs.get(current)
            if doc is None:
                return None
            away = doc.get("status") == AdvisorStatus.DEPARTED.value or (
                days is not None and not self._in_any(current, days)
            )
            if not away:
                return current
            current = doc.get("backup_id")
        return None

    def _in_any(self, advisor_id: str, days: list[date]) -> bool:
        key = (advisor_id, days[0], days[-1], len(days)) if days else (advisor_id,)
        known = self._present.get(key)
        if known is None:
            known = self._present[key] = any(self.is_in(advisor_id, d) for d in days)
        return known

    def is_in(self, advisor_id: str, day: date) -> bool:
        doc = self.docs.get(advisor_id)
        if doc is None or doc.get("status") == AdvisorStatus.DEPARTED.value:
            return False
        start, end = doc.get("leave_from"), doc.get("leave_to")
        if doc.get("status") == AdvisorStatus.ON_LEAVE.value and start:
            iso = day.isoformat()
            return not (start <= iso <= (end or "9999-12-31"))
        return True

    def name(self, advisor_id: str) -> str:
        doc = self.docs.get(advisor_id)
        return doc.get("name", advisor_id) if doc else advisor_id


class DaySpreader:
    """Hands out days from ``days`` (working days, oldest first) per advisor."""

    def __init__(self, team: Team, days: list[date], limit: int, load: Load | None = None) -> None:
        self.team, self.days, self.limit = team, days, limit
        self._load = load or (lambda advisor, day: 0)
        self._heaps: dict[str, list[tuple[int, int]]] = {}
        self.counts: dict[str, dict[date, int]] = {}
        self.added: dict[str, int] = {}

    def _heap(self, advisor_id: str) -> list[tuple[int, int]]:
        heap = self._heaps.get(advisor_id)
        if heap is None:
            counts = self.counts[advisor_id] = {}
            heap = []
            for i, day in enumerate(self.days):
                if self.team.is_in(advisor_id, day):
                    counts[day] = self._load(advisor_id, day)
                    heap.append((counts[day], i))
            heapq.heapify(heap)
            self._heaps[advisor_id] = heap
        return heap

    def take(self, advisor_id: str) -> date | None:
        """The day for one more task of ``advisor_id``, or None when every day is full."""
        heap = self._heap(advisor_id)
        if not heap:
            return None
        load, i = heap[0]
        if load >= self.limit:
            return None
        heapq.heapreplace(heap, (load + 1, i))
        day = self.days[i]
        self.counts[advisor_id][day] = load + 1
        self.added[advisor_id] = self.added.get(advisor_id, 0) + 1
        return day
