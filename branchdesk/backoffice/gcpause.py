"""Pausing Python's cyclic garbage collector during bulk work.

An import allocates hundreds of thousands of small dicts and lists; the collector kept
walking all of them, again and again, and took half of a 100,000-row import's time.
None of that data has reference cycles, so reference counting frees it as it goes.
Pauses nest and may overlap across threads (the server plans in a worker thread): the
collector comes back on when the last one ends, if it was on before the first."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                # Everything allocated meanwhile sits in the youngest generation; the first
                # collection after this would walk all of it (0.27 s after a 100,000-row
                # import). What is still alive is long-lived (the store's new rows): move
                # it to the oldest generation instead, as loading a data folder does.
                gc.freeze()
                gc.unfreeze()
                gc.enable()
