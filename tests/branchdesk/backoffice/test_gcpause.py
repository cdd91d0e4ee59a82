"""What survives a pause of the cyclic collector is not walked by the next young
collection: it goes to the oldest generation, as a loaded data folder does."""

from __future__ import annotations

import gc

from branchdesk.backoffice.gcpause import gc_paused


def test_what_a_pause_leaves_alive_moves_to_the_oldest_generation() -> None:
    assert gc.isenabled()
    collections = gc.get_stats()[0]["collections"]
    with gc_paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(20_000)]
    pending = gc.get_count()[0]  # young objects since the last collection
    assert gc.isenabled() and pending < 700  # not the 20,000 lists: they were moved on
    assert gc.get_stats()[0]["collections"] == collections  # and nothing walked them
    assert len(kept) == 20_000
