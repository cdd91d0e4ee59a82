"""``python -m bench [NAME ...]``: run the named benchmarks (default: all of them)."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def main(argv: list[str]) -> None:
    names = argv or sorted(m.name for m in pkgutil.iter_modules(bench.__path__))
    for name in names:
        if name.startswith("_"):
            continue
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
