"""The whole stack in one process: the real app over the real server app, talking HTTP
through Litestar's AsyncTestClient (an httpx.AsyncClient), on a copy of the demo branch."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from litestar.testing import AsyncTestClient

from branchdesk.remote import ApiClient
from server import create_app
from tests.server.conftest import TEST_SETTINGS

WANG = "310000000002"
LAO_LI = "310000000001"


@pytest.fixture
async def api(demo_store) -> AsyncIterator[ApiClient]:
    async with AsyncTestClient(create_app(demo_store, TEST_SETTINGS)) as http:
        yield ApiClient(http)


@pytest.fixture
def snap_api(demo_store) -> ApiClient:
    """For snapshot tests, whose app runs its own event loop: the test client is used
    without its lifespan (the test settings run no background jobs anyway)."""
    return ApiClient(AsyncTestClient(create_app(demo_store, TEST_SETTINGS)))
