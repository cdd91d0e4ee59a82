"""``branchdesk serve``: run the branch server on a data folder."""

from __future__ import annotations

import gc
import logging
import socket

import click

from ..schema import data_folder, open_store
from .common import console, data_option


@click.command()
@data_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8750,
    show_default=True,
    help="Port (0 picks a free one).",
)
@click.option("--log-level", type=click.Choice(["warning", "info", "debug"]), default="warning")
def serve(data: str | None, host: str, port: int, log_level: str) -> None:
    """Run the branch server: it owns the data folder; the TUI and CLI talk to it.

    Listens on loopback unless told otherwise. Ctrl+C (or SIGTERM) stops it cleanly:
    the journal is folded into a fresh snapshot before it exits.

    \b
    Example:
      branchdesk serve --data demo-data --port 8750
    """
    import uvicorn

    from server import Settings, create_app

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(message)s")
    store = open_store(data_folder(data), purpose="branchdesk serve")
    try:
        # Bind first, so the real port (with --port 0) is known before anyone is told.
        sock = listening_socket(host, port)
        bound = sock.getsockname()[1]
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
        url = f"http://{shown_host}:{bound}"
        store.set_holder_info(url=url)
        app = create_app(store, Settings(host=host, port=bound, owns_store=True))
        config = uvicorn.Config(app, log_level=log_level, access_log=log_level == "debug")
        freeze_loaded_heap()
        console.print(f"BranchDesk serving {url} (data: {store.folder}). Ctrl+C stops it.")
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        store.close()  # already closed on a clean shutdown; this covers start-up failures


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound TCP socket for uvicorn to serve on.

    The protocol must be named: asyncio turns Nagle's algorithm off (TCP_NODELAY) on
    every connection it accepts only when the socket says IPPROTO_TCP, and a plain
    ``socket.socket(family, SOCK_STREAM)`` says 0. With Nagle on, uvicorn's two writes
    per response (head, then body) wait for the client's delayed ACK: about 40 ms added
    to every request on Linux."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


#: middle-generation collections between two full ones (CPython's default is 10)
FULL_COLLECTION_EVERY = 100


def freeze_loaded_heap() -> None:
    """Keep the garbage collector's hands off the loaded book.

    The whole data set is in memory (50,000 clients, their histories and tasks are
    millions of objects), and each full collection walked all of it: 300 ms with the
    event loop stopped, every few seconds under load, which was the server's p99.
    ``gc.freeze`` moves everything alive now out of the collector's sight; records
    added later are still collected as usual. Nothing loaded is cyclic garbage, so
    nothing is lost by never scanning it.

    Full collections are also made ten times rarer (after 100 collections of the
    middle generation instead of 10). Once the book is frozen, CPython's rule that a full
    collection waits until the old generation has grown by a quarter no longer holds
    them back (the old generation starts nearly empty), so under steady writes one ran
    every 2-3 s, stopping the loop 40-65 ms each time: most of the writes' p99. Garbage
    without cycles is freed at once by reference counting either way; only cycles wait
    longer to be collected."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
