"""A small sliding-window limiter for sign-in attempts (a flood gets 429)."""

from __future__ import annotations

import time
from collections import defaultdict, deque


class SlidingWindow:
    def __init__(self, limit: int, seconds: float = 60.0) -> None:
        self.limit, self.seconds = limit, seconds
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> tuple[bool, int]:
        """(allowed?, seconds until the next attempt would be allowed)."""
        now = time.monotonic()
        hits = self._hits[key]
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        if len(hits) >= self.limit:
            return False, max(1, int(hits[0] + self.seconds - now) + 1)
        hits.append(now)
        return True, 0
