"""``create_app(store, settings)``: the Litestar app over an open store.

Every handler runs on the event loop (``sync_to_thread=False``): store work is in-memory
and quick, and keeping it on one thread means requests never interleave inside a change
(TinyDB is not thread-safe). Slow work is handed to a worker thread explicitly; so is
the journal's fsync, which the requests in flight share (``commit.py``)."""

from __future__ import annotations

import logging
from importlib.metadata import version

from litestar import Litestar, Request
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin

from branchdesk.churn.daily import CHECK_EVERY_SECONDS, run_if_due
from branchdesk.models import Staff
from branchdesk.store import Store

from .auth import SignedIn, SignInAndRoles
from .background import Background
from .commit import GroupCommit
from .controllers import CONTROLLERS
from .controllers.assignments import schedule_leave_returns
from .problems import EXCEPTION_HANDLERS
from .ratelimit import SlidingWindow
from .settings import Settings

# -- service desk --
# isort: split
from .service_jobs import schedule_service_jobs

log = logging.getLogger("branchdesk.server")


def _provide_me(request: Request, store: NamedDependency[Store]) -> Staff:
    # ``store`` is asked for only to chain the two dependencies: Litestar resolves
    # independent dependencies concurrently, in an anyio task group with a task each,
    # and that cost more than the whole handler (0.3 ms on a 0.5 ms read).
    return request.user


def create_app(store: Store, settings: Settings | None = None) -> Litestar:
    settings = settings or Settings()
    # Indexes are otherwise built on first use; the server builds them here, on the
    # thread that owns the store, so no request waits for one and no worker thread
    # ever builds one.
    store.build_indexes()
    background = Background()
    group_commit = GroupCommit(store)

    @background.every(settings.compact_every_seconds, "compact-journal")
    def compact() -> None:
        # Keep start-up fast: fold the journal into a snapshot once it has grown.
        if store.journal_bytes >= settings.compact_min_journal_bytes:
            store.compact()

    # -- churn early warning: the daily scan at the churn rules' scan_time --
    @background.every(CHECK_EVERY_SECONDS, "daily-churn-scan")
    def daily_churn_scan() -> None:
        result = run_if_due(store)
        if result is not None:
            log.info("daily churn scan: %s", result)

    # -- fair assignment: clients come back when an advisor's leave ends --
    schedule_leave_returns(background, store)
    # -- service desk: the morning's system-sent care --
    schedule_service_jobs(background, store)

    async def on_startup(app: Litestar) -> None:
        if settings.background_jobs:
            await background.start()

    async def on_shutdown(app: Litestar) -> None:
        await background.stop()
        await group_commit.settle()  # no fsync may be running when the journal closes
        if settings.owns_store:
            store.close()
            print(f"Server stopped; everything is saved in {store.folder}.", flush=True)

    return Litestar(
        route_handlers=CONTROLLERS,
        dependencies={
            # The same store for every request: provided once and cached (a provider
            # taking ``state`` made Litestar copy the app's State on every request).
            "store": Provide(lambda: store, use_cache=True, sync_to_thread=False),
            "me": Provide(_provide_me, sync_to_thread=False),
        },
        middleware=[group_commit.middleware, SignInAndRoles],  # the first wraps the rest
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=OpenAPIConfig(
            title="BranchDesk",
            version=version("branchdesk"),
            description="The branch server: client book, churn alerts, assignment, service.",
            path="/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
        request_max_body_size=settings.max_body_bytes,
        state=State(
            {
                "store": store,
                "signed_in": SignedIn(store),
                "settings": settings,
                "background": background,
                "login_limiter": SlidingWindow(settings.login_attempts_per_minute),
            }
        ),
        on_startup=[on_startup],
        on_shutdown=[on_shutdown],
    )
