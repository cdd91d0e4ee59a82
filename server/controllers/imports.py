"""Imports through the server: start, send the rows in batches, commit.

The server checks every row it is sent (never trusting the client), stages the rows in
memory and writes nothing until the commit, which plans all of them against the book
and writes them in one transaction — all or nothing, however many batches it took.
Checking and planning are pure computation and run in a worker thread; only reading
the records concerned and the final write hold the event loop (the report says how
long: ``apply_seconds``)."""

from __future__ import annotations

import time

import anyio.to_thread
from litestar import Controller, delete, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from branchdesk.backoffice.gcpause import gc_paused
from branchdesk.backoffice.plan import Plan, make_plan, still_holds, take_reading
from branchdesk.backoffice.rows import check_rows
from branchdesk.backoffice.staging import ImportJob, Imports, finish
from branchdesk.models import Staff
from branchdesk.models.backoffice import (
    ImportBatch,
    ImportCommit,
    ImportProgress,
    ImportReport,
    ImportSession,
    ImportStart,
)
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in

#: plans redone off the loop when records changed meanwhile, before planning on it
REPLANS = 2


def _imports(state: State) -> Imports:
    if "imports" not in state:
        state["imports"] = Imports()
    return state["imports"]


class ImportController(Controller):
    path = "/imports"
    tags = ["imports"]
    opt = requires("imports.write")

    @post("/", operation_id="startImport", responses=signed_in(), sync_to_thread=False)
    def start(
        self, state: State, me: NamedDependency[Staff], data: JSONBody[ImportStart]
    ) -> ImportSession:
        """Begin an import of one file; send its rows next, then commit."""
        return _imports(state).start(data.kind, data.file_name, me.username)

    @post(
        "/{import_id:str}/rows",
        operation_id="addImportRows",
        responses=signed_in(404),
        status_code=200,
    )
    async def add_rows(
        self,
        state: State,
        me: NamedDependency[Staff],
        import_id: FromPath[str],
        data: JSONBody[ImportBatch],
    ) -> ImportProgress:
        """Stage a batch of rows (each with its line in the file). Rows whose fields are
        invalid are answered at once, and are reported again by the commit."""
        imports = _imports(state)
        kind = imports.kind_of(import_id, me.username)
        good, refused = await anyio.to_thread.run_sync(check_rows, kind, data.rows)
        return imports.add(import_id, me.username, good, refused)

    @post(
        "/{import_id:str}/commit",
        operation_id="commitImport",
        responses=signed_in(404),
        status_code=200,
    )
    async def commit(
        self,
        store: NamedDependency[Store],
        state: State,
        me: NamedDependency[Staff],
        import_id: FromPath[str],
        data: JSONBody[ImportCommit],
    ) -> ImportReport:
        """Plan the staged rows against the book and write them in one transaction. With
        bad rows nothing is written unless ``skip_bad``; ``dry_run`` only reports."""
        job = _imports(state).take(import_id, me.username)
        started = time.perf_counter()
        with gc_paused():
            plan = await _plan(store, job, me.username)
            return finish(
                store,
                job,
                plan,
                dry_run=data.dry_run,
                skip_bad=data.skip_bad,
                actor=me.username,
                plan_seconds=time.perf_counter() - started,
            )

    @delete(
        "/{import_id:str}",
        operation_id="cancelImport",
        responses=signed_in(404),
        sync_to_thread=False,
    )
    def cancel(self, state: State, me: NamedDependency[Staff], import_id: FromPath[str]) -> None:
        """Drop a staged import; nothing of it was written."""
        _imports(state).cancel(import_id, me.username)


async def _plan(store: Store, job: ImportJob, actor: str) -> Plan:
    """Plan in a worker thread over what was read on the loop; if any of those records
    changed meanwhile, plan again; if they keep changing, plan on the loop itself."""
    for _ in range(REPLANS):
        reading = take_reading(store, job.kind, job.rows)
        plan = await anyio.to_thread.run_sync(make_plan, job.kind, job.rows, reading, actor)
        if still_holds(store, reading):
            return plan
    return make_plan(job.kind, job.rows, take_reading(store, job.kind, job.rows), actor)
