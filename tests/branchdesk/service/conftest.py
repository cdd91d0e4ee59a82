"""Helpers for the service desk's tests: clients made to order in the demo branch."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from branchdesk.book import ClientBook
from branchdesk.models import Client, RiskLevel
from branchdesk.store import Store

WANG = "310000000002"  # 王女士, advisor A02, C4 rated 200 days ago, prefers WeChat
LAO_LI = "310000000001"  # 老李, advisor A03, dormant, C3 rated 400 days ago


@pytest.fixture
def add_client(demo_store: Store) -> Callable[..., Client]:
    """Put a client of our own into the demo branch (a real write to its data folder)."""
    book = ClientBook(demo_store)
    counter = iter(range(1, 10_000))

    def add(**fields: Any) -> Client:
        n = next(counter)
        data: dict[str, Any] = {
            "account_id": f"39{n:010d}",
            "name": f"测试客户{n}",
            "phone": f"1370000{n:04d}",
            "advisor_id": "A01",
            "risk_level": RiskLevel.C3,
            "risk_assessed_on": date(2026, 1, 10),
            "open_date": date(2020, 5, 6),
            **fields,
        }
        return book.save(Client(**data), actor="test")[0]

    return add
