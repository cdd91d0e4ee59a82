"""One piece of work done in a forked child process, its result sent back as bytes
through a pipe: how a big import uses the second core (see :mod:`.forkread` and
:mod:`.forkplan`). The child has everything it needs already (a fork copies the
process), so only its result is encoded.

The child first closes every inherited descriptor but its pipe: a data folder's lock
(if the parent is killed, the folder must be free at once, not when the child ends),
the parent's stdout (whoever reads it to its end waits for the parent alone), a server
connection. It leaves with ``os._exit``: no atexit handlers, no flushing of the
parent's buffered output, no closing of its store — the parent owns all of that.
Fork only while no other thread runs (a lock another thread holds stays held in the
child)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable


class Forked:
    """``work()`` running in a child from now on; ``result()`` waits for its bytes."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _run(work, write_end)  # never returns
        os.close(write_end)
        self._pid: int | None = pid
        self._pipe = os.fdopen(read_end, "rb")

    def result(self) -> bytes | None:
        """The child's bytes, or None when it failed (the caller does the work itself)."""
        try:
            data = self._pipe.read()
        finally:
            self._pipe.close()
        status = self._reap()
        return data if os.waitstatus_to_exitcode(status) == 0 else None

    def cancel(self) -> None:
        """End the child if its result was not taken (the import stopped on an error)."""
        if self._pid is None:
            return
        self._pipe.close()
        os.kill(self._pid, signal.SIGKILL)
        self._reap()

    def _reap(self) -> int:
        assert self._pid is not None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        return status


def _run(work: Callable[[], bytes], out: int) -> None:
    code = 1
    try:
        os.closerange(0, out)
        os.closerange(out + 1, os.sysconf("SC_OPEN_MAX"))
        data = work()
        with os.fdopen(out, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)
