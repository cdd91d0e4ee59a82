from __future__ import annotations

from importlib.metadata import version

from litestar import get
from litestar.di import NamedDependency

from branchdesk.models.api import Health
from branchdesk.store import Store


@get("/health", operation_id="health", tags=["health"], sync_to_thread=False)
def health(store: NamedDependency[Store]) -> Health:
    """Is the server up, and on which data folder? No sign-in needed."""
    return Health(
        status="ok",
        version=version("branchdesk"),
        clients=len(store.table("clients")),
        data=str(store.folder),
    )
