"""Benchmarks: each prints our figure, a baseline measured in the same run, the ratio."""
