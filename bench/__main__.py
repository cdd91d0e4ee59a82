"""``python -m bench [NAME [ARGS…]]``: run one benchmark module's ``main()``, or all."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def benchmarks() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))


def run() -> None:
    names = benchmarks()
    args = sys.argv[1:]
    chosen = [args.pop(0)] if args and not args[0].startswith("-") else names
    for name in chosen:
        if name not in names:
            sys.exit(f"no benchmark {name!r}; one of: {', '.join(names)}")
        # Each main() parses sys.argv itself, as if it were run on its own.
        sys.argv = [f"python -m bench {name}", *args]
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    run()
