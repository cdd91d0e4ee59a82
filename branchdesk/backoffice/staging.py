"""Imports in three steps, the same in-process and over HTTP: start, send rows in
batches, commit. Rows wait in memory (in the server, or in the CLI's own process) until
the commit plans them against the book and writes them in one transaction — so an
import through the server is as all-or-nothing as one straight into the store, however
many batches it took. Nothing is staged on disk: an import cut off before its commit
leaves no trace, and is simply run again."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta

from ..errors import Invalid, NotFound
from ..models import new_id, now
from ..models.backoffice import (
    ImportKind,
    ImportProgress,
    ImportReport,
    ImportRow,
    ImportSession,
    RowError,
)
from ..store import Store
from .apply import apply_plan
from .kinds import KINDS, Kind
from .plan import Plan, make_plan, take_reading

IDLE_SECONDS = 30 * 60  # an import nobody sends rows to for this long is dropped
MAX_ROWS = 1_000_000  # per import
MAX_OPEN = 8  # imports staged at once


@dataclass
class ImportJob:
    id: str
    kind: Kind
    file_name: str
    owner: str
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # rows refused on arrival
    touched: float = field(default_factory=time.monotonic)

    @property
    def row_count(self) -> int:
        return len(self.rows) + len({e.line for e in self.errors})


class Imports:
    """The imports being staged, by id; each belongs to the staff member who started it."""

    def __init__(self) -> None:
        self._jobs: dict[str, ImportJob] = {}

    def start(self, kind: ImportKind, file_name: str, owner: str) -> ImportSession:
        self._expire()
        if len(self._jobs) >= MAX_OPEN:
            raise Invalid(f"{MAX_OPEN} imports are already under way; try again shortly")
        job = ImportJob(new_id(), KINDS[kind.value], file_name, owner)
        self._jobs[job.id] = job
        return ImportSession(
            id=job.id,
            kind=kind,
            file_name=file_name,
            expires_at=now() + timedelta(seconds=IDLE_SECONDS),
        )

    def kind_of(self, import_id: str, owner: str) -> Kind:
        return self._job(import_id, owner).kind

    def add(
        self,
        import_id: str,
        owner: str,
        rows: list[ImportRow],
        refused: list[RowError] | None = None,
    ) -> ImportProgress:
        """Stage rows that passed their checks (see :func:`rows.check_rows`); the
        ``refused`` ones are kept as errors for the commit's report."""
        job = self._job(import_id, owner)
        refused = refused or []
        if job.row_count + len(rows) + len(refused) > MAX_ROWS:
            raise Invalid(f"an import holds at most {MAX_ROWS:,} rows; split the file")
        job.rows += rows
        job.errors += refused
        job.touched = time.monotonic()
        return ImportProgress(id=job.id, rows=job.row_count, errors=refused)

    def take(self, import_id: str, owner: str) -> ImportJob:
        """The job, no longer staged (a commit, dry run or not, ends it)."""
        job = self._job(import_id, owner)
        del self._jobs[import_id]
        return job

    def cancel(self, import_id: str, owner: str) -> None:
        self.take(import_id, owner)

    def _job(self, import_id: str, owner: str) -> ImportJob:
        self._expire()
        job = self._jobs.get(import_id)
        if job is None or job.owner != owner:
            raise NotFound(f"import {import_id!r} not found (or it expired, or is not yours)")
        return job

    def _expire(self) -> None:
        cutoff = time.monotonic() - IDLE_SECONDS
        for key in [k for k, job in self._jobs.items() if job.touched < cutoff]:
            del self._jobs[key]


def finish(
    store: Store,
    job: ImportJob,
    plan: Plan,
    *,
    dry_run: bool,
    skip_bad: bool,
    actor: str,
    plan_seconds: float = 0.0,
) -> ImportReport:
    """Write the plan when it may be written (no bad rows, or ``skip_bad``), and say
    what happened. Bad rows alone never write anything without ``skip_bad``."""
    job.rows = []  # planned: what is to be written is in the plan now (memory)
    errors = sorted(job.errors + plan.errors, key=lambda e: (e.line, e.field))
    report = ImportReport(
        kind=ImportKind(job.kind.name),
        file_name=job.file_name,
        rows=plan.rows + len({e.line for e in job.errors}),
        created=len(plan.created),
        updated=plan.updated,
        unchanged=plan.unchanged,
        rejected=len({e.line for e in errors}),
        dry_run=dry_run,
        errors=errors,
        plan_seconds=round(plan_seconds, 4),
    )
    if dry_run or (errors and not skip_bad):
        return report
    if plan.puts:
        seconds = apply_plan(store, plan, actor=actor, import_id=job.id, file_name=job.file_name)
        report.apply_seconds = round(seconds, 4)
    report.applied = True
    return report


def commit_here(
    store: Store, job: ImportJob, *, dry_run: bool, skip_bad: bool, actor: str
) -> ImportReport:
    """Plan and write in the calling thread (the CLI on its own data folder)."""
    started = time.perf_counter()
    reading = take_reading(store, job.kind, job.rows, live=True)
    plan = make_plan(job.kind, job.rows, reading, actor, consume=True)
    return finish(
        store,
        job,
        plan,
        dry_run=dry_run,
        skip_bad=skip_bad,
        actor=actor,
        plan_seconds=time.perf_counter() - started,
    )
