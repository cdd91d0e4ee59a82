"""Benchmarks: each module measures our figure beside a baseline measured in the same run.

``python -m bench`` runs every benchmark module in this folder (modules whose names start
with ``_`` are helpers); ``python -m bench store`` runs one. Results are printed as a
table and written as JSON to ``bench/.out/`` (git-ignored) for ``docs/BENCHMARKS.md``."""
