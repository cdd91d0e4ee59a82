"""Benchmarks: each module has ``main()`` and prints our figure beside a baseline
measured in the same run. ``python -m bench NAME`` runs one; results go in
docs/BENCHMARKS.md with the command that made them."""
