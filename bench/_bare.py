"""The ceiling: a bare Litestar app with one trivial endpoint, served exactly like
``branchdesk serve`` serves ours (same uvicorn, one worker, a loopback socket bound first,
same log settings), so the difference between the two is our own work per request.

``python -m bench._bare`` prints "serving http://127.0.0.1:PORT" once bound."""

from __future__ import annotations

import uvicorn
from litestar import Litestar, get

from branchdesk.cli.serve import listening_socket


@get("/ping", sync_to_thread=False)
def ping() -> dict[str, str]:
    return {"status": "ok"}


app = Litestar(route_handlers=[ping])


def main() -> None:
    sock = listening_socket("127.0.0.1", 0)
    print(f"serving http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
