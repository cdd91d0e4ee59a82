"""The server over a copy of the demo branch, driven in-process by Litestar's clients."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from fixtures.demo import DEMO_PASSWORD
from server import Settings, create_app

#: a demo account for each role
ROLE_USERS = {
    "frontdesk": "frontdesk",
    "advisor": "a02",  # 王女士's advisor
    "researcher": "researcher",
    "manager": "manager",
    "admin": "admin",
}

TEST_SETTINGS = Settings(background_jobs=False, login_attempts_per_minute=100_000)


@pytest.fixture
def app(demo_store) -> Litestar:
    return create_app(demo_store, TEST_SETTINGS)


@pytest.fixture
def http(app: Litestar) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def sign_in(http: TestClient, username: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    response = http.post("/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture
def as_role(http: TestClient):
    cache: dict[str, dict[str, str]] = {}

    def headers(role: str) -> dict[str, str]:
        if role not in cache:
            cache[role] = sign_in(http, ROLE_USERS[role])
        return cache[role]

    return headers
