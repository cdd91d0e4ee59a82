"""Server settings, with defaults a branch PC can run as they are."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"  # loopback unless the branch decides otherwise
    port: int = 8750
    max_body_bytes: int = 16 * 1024 * 1024  # imports arrive in batches well below this
    login_attempts_per_minute: int = 20  # per client address, before 429
    compact_every_seconds: float = 600.0
    compact_min_journal_bytes: int = 8 * 1024 * 1024
    background_jobs: bool = True  # periodic compaction and scheduled work
    # `branchdesk serve` hands the store over: the app closes it (snapshot, unlock) on
    # shutdown, before uvicorn re-raises SIGTERM and the process ends.
    owns_store: bool = False
