"""``python -m bench [NAME …]``: run the named benchmarks (default: all of them).

A minimal runner: each benchmark is a module ``bench.<name>`` with a ``main()``."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ("churn",)


def run(names: list[str]) -> None:
    for name in names or BENCHMARKS:
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    run(sys.argv[1:])
