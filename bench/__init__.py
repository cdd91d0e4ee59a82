"""Benchmarks: each module has ``main()`` and prints our figure, a baseline measured in
the same run, and the ratio. ``python -m bench NAME`` runs one."""
