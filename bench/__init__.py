"""Benchmarks: each module prints its figures beside a baseline measured in the same run.

``python -m bench NAME`` runs ``bench/NAME.py``; ``python -m bench`` runs them all.
Helpers that are not benchmarks themselves start with an underscore."""
