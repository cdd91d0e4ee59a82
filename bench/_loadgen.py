"""The fallback load generator, for machines without wrk: the same contract as
``_wrk.lua`` (random lines of a requests file, a bearer token, N keep-alive connections
for a fixed time) and the same one-line result.

It speaks HTTP/1.1 over plain asyncio streams. httpx was tried first and measured
itself: on the 2-core machine it managed ~160 requests/s at 20 connections against a
server wrk drove at 665/s. Even so, on a small machine this process competes with the
server for CPU far more than wrk does, so its figures are a floor.

``python -m bench._loadgen URL REQUESTS_FILE TOKEN CONNECTIONS SECONDS``"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from urllib.parse import urlsplit


def build(lines: list[str], host: str, token: str) -> list[bytes]:
    """Each line as the bytes of a request: a GET, or a POST when it carries a body."""
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    requests = []
    for line in lines:
        target, _, body = line.partition("\t")
        if body:
            data = body.encode()
            head = (
                f"POST {target} HTTP/1.1\r\nHost: {host}\r\n{auth}"
                f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
            )
            requests.append(head.encode() + data)
        else:
            requests.append(f"GET {target} HTTP/1.1\r\nHost: {host}\r\n{auth}\r\n".encode())
    return requests


async def worker(
    host: str, port: int, requests: list[bytes], until: float, latencies: list[float]
) -> tuple[int, int]:
    non_2xx = errors = 0
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < until:
            start = time.perf_counter()
            writer.write(random.choice(requests))
            try:
                status = int((await reader.readline()).split()[1])
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                await reader.readexactly(length)  # the server always sends a length
            except (ConnectionError, IndexError, ValueError, asyncio.IncompleteReadError):
                errors += 1
                break
            latencies.append(time.perf_counter() - start)
            non_2xx += status >= 400  # what wrk counts as a status error
    finally:
        writer.close()
    return non_2xx, errors


async def run(url: str, lines: list[str], token: str, connections: int, seconds: float) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    requests = build(lines, f"{host}:{port}", token)
    latencies: list[float] = []
    start = time.perf_counter()
    counts = await asyncio.gather(
        *(worker(host, port, requests, start + seconds, latencies) for _ in range(connections))
    )
    duration = time.perf_counter() - start
    latencies.sort()

    def ms(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1e3

    return {
        "requests": len(latencies),
        "duration_s": duration,
        "p50_ms": ms(0.50) if latencies else 0.0,
        "p99_ms": ms(0.99) if latencies else 0.0,
        "max_ms": latencies[-1] * 1e3 if latencies else 0.0,
        "non_2xx": sum(n for n, _ in counts),
        "socket_errors": sum(e for _, e in counts),
    }


def main() -> None:
    url, path, token, connections, seconds = sys.argv[1:6]
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    result = asyncio.run(run(url, lines, token, int(connections), float(seconds)))
    print("WRK_RESULT", json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
