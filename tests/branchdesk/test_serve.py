"""The socket ``branchdesk serve`` listens on."""

from __future__ import annotations

import asyncio
import gc
import socket

from branchdesk.cli.serve import FULL_COLLECTION_EVERY, freeze_loaded_heap, listening_socket


async def test_accepted_connections_have_nagle_off() -> None:
    # With Nagle on, every response waited ~40 ms for the client's delayed ACK
    # (uvicorn writes the head and the body separately).
    sock = listening_socket("127.0.0.1", 0)
    loop = asyncio.get_running_loop()
    nodelay: asyncio.Future[int] = loop.create_future()

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            conn = transport.get_extra_info("socket")
            nodelay.set_result(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    server = await loop.create_server(Probe, sock=sock)
    try:
        _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        assert await asyncio.wait_for(nodelay, 5)
        writer.close()
    finally:
        server.close()
        await server.wait_closed()


def test_binds_the_given_address_and_picks_a_free_port() -> None:
    with listening_socket("127.0.0.1", 0) as sock:
        host, port = sock.getsockname()
        assert host == "127.0.0.1" and port > 0


def test_the_loaded_book_is_kept_out_of_the_collectors_sight(demo_store) -> None:
    # A full collection walked the whole in-memory book (300 ms at 50,000 clients).
    clients = demo_store.table("clients")._read_table()
    thresholds = gc.get_threshold()
    try:
        freeze_loaded_heap()
        assert gc.get_freeze_count() > len(clients)
        assert not any(o is clients for o in gc.get_objects())  # frozen: never scanned
        # and full collections (of what is not frozen) come ten times less often
        assert gc.get_threshold()[2] == FULL_COLLECTION_EVERY == 10 * thresholds[2]
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
