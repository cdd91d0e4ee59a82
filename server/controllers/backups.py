"""Backups while the server runs: a consistent archive of the data folder."""

from __future__ import annotations

import anyio.to_thread
from litestar import Response, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec

from branchdesk.backup import archive
from branchdesk.models import now
from branchdesk.store import Store
from branchdesk.store.store import SNAPSHOT

from ..auth import requires
from ..responses import signed_in


@post(
    "/backups",
    operation_id="makeBackup",
    tags=["backups"],
    opt=requires("backups.write"),
    responses={
        200: ResponseSpec(
            data_container=bytes,
            media_type="application/gzip",
            description="The archive (tar.gz: manifest.json, format.json, snapshot.jsonl)",
        ),
        **signed_in(),
    },
    status_code=200,
    media_type="application/gzip",
)
async def make_backup(store: NamedDependency[Store]) -> Response[bytes]:
    """Fold the journal into a fresh snapshot (on the event loop, so no change is half
    in it) and send it back as an archive with a manifest of checksums."""
    store.compact()
    # Opened at once: a later compaction replaces the file, but this handle keeps
    # reading the snapshot just written.
    with open(store.folder / SNAPSHOT, "rb") as fh:
        data = await anyio.to_thread.run_sync(lambda: archive(fh.read(), source=str(store.folder)))
    name = f"branchdesk-backup-{now():%Y%m%d-%H%M%S}.tar.gz"
    return Response(
        data,
        media_type="application/gzip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
