"""Property-based run of the live OpenAPI document (schemathesis) with a valid token:
no 5xx anywhere, and every response matches what the document says."""

from __future__ import annotations

import os
import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from branchdesk.remote import SyncApiClient
from tests.conftest import AS_OF
from tests.live_server import live_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def live(tmp_path_factory, demo_template):
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(demo_template, folder, ignore=shutil.ignore_patterns("lock"))
    os.environ.setdefault("BRANCHDESK_TODAY", AS_OF.isoformat())
    with live_server(folder) as (url, _):
        api = SyncApiClient.connect(url)
        token = api.login("manager", "branchdesk").token
        api.close()
        yield url, token


@pytest.fixture(scope="module")
def api_schema(live):
    url, _ = live
    # Logging out would end the session every other case runs with.
    return schemathesis.openapi.from_url(f"{url}/schema/openapi.json").exclude(
        operation_id="logout"
    )


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_no_server_errors_and_responses_match_the_schema(case, live) -> None:
    _, token = live
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[
            not_a_server_error,
            response_schema_conformance,
            status_code_conformance,
            content_type_conformance,
        ],
    )
