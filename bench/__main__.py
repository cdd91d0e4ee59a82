"""``python -m bench [NAME …]``: run the named benchmarks (default: all of them).

A minimal runner: each benchmark is a module ``bench.<name>`` with a ``main()``."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def names() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_")
    )


def run(argv: list[str]) -> int:
    wanted = argv or names()
    unknown = [n for n in wanted if n not in names()]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(names())}")
        return 2
    for name in wanted:
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
