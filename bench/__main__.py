"""``python -m bench [NAME ...]``: run every benchmark module, or the ones named."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    folder = str(Path(__file__).parent)
    return sorted(m.name for m in pkgutil.iter_modules([folder]) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    names = available()
    wanted = argv or names
    unknown = [n for n in wanted if n not in names]
    if unknown:
        print(
            f"unknown benchmark {', '.join(unknown)}; one of: {', '.join(names)}", file=sys.stderr
        )
        return 2
    for name in wanted:
        print(f"== bench {name} ==", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
