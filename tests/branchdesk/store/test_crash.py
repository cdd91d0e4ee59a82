"""Crash safety: SIGKILL a writer at random moments; every write it reported is there."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from branchdesk.schema import open_store

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = 24


def test_every_acknowledged_write_survives_sigkill(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    rng = random.Random(20261125)
    acknowledged: set[str] = set()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for round_no in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(folder), f"r{round_no}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        # Wait for the child to start writing, then kill it at a random moment.
        first = child.stdout.readline()
        assert first, child.stderr.read().decode()
        time.sleep(rng.uniform(0.005, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        printed = [first.decode().strip(), *out.decode().split()]
        acknowledged.update(p for p in printed if p)

        store = open_store(folder)  # must always load
        tasks = store.table("tasks")
        missing = [key for key in acknowledged if key not in tasks]
        assert not missing, f"round {round_no}: lost acknowledged writes {missing[:5]}"
        for key in tasks._read_table():  # multi-document transactions: both or neither
            if int(key.rsplit("-", 1)[1]) % 3 == 0:
                assert key in store.table("clients"), f"half a transaction: {key}"
        store.close(compact=round_no % 4 == 0)
    assert len(acknowledged) > ROUNDS * 5
