"""Activity snapshots from the back office, in batches (one transaction each)."""

from __future__ import annotations

from litestar import post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from branchdesk.activity import Activity
from branchdesk.models import Staff
from branchdesk.models.churn import ActivityBatch, ActivityRecorded
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in


@post(
    "/clients/activity",
    operation_id="recordActivity",
    tags=["clients"],
    opt=requires("imports.write"),
    responses=signed_in(),
    status_code=200,
    sync_to_thread=False,
)
def record_activity(
    store: NamedDependency[Store], me: NamedDependency[Staff], data: JSONBody[ActivityBatch]
) -> ActivityRecorded:
    """Store snapshots (a day's or a month's figures) for any number of clients; a
    snapshot for a period already held replaces it. Each client's latest figures, tier
    and status follow. Unknown accounts refuse the whole batch."""
    changed = Activity(store).record(data.snapshots, actor=me.username)
    return ActivityRecorded(snapshots=len(data.snapshots), clients_changed=changed)
