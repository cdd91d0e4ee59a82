"""Suitability (适当性): a product-information task is refused, with the reason, above the
client's level or once their rating is over 2 years old — at creation and when done."""

from __future__ import annotations

from datetime import date

import pytest

from branchdesk.errors import Invalid
from branchdesk.models import Outcome, RiskLevel, TaskStatus
from branchdesk.service.suitability import Unsuitable, rating_expires
from branchdesk.tasks import TaskBook

TODAY = date(2026, 11, 25)


def offer(store, client, risk: str | None):
    fields = {
        "account_id": client.account_id,
        "channel": "phone",
        "purpose": "product_info",
        "due_date": "2026-11-26",
        "product_name": "稳健债券A",
    }
    if risk is not None:
        fields["product_risk"] = risk
    return TaskBook(store).create(fields, actor="a01")


@pytest.mark.parametrize("level", list(RiskLevel))
def test_each_level_may_be_offered_up_to_its_own_rank_and_no_further(
    demo_store, add_client, level
) -> None:
    client = add_client(risk_level=level)
    rank = level.rank
    for allowed in range(1, rank + 1):
        assert offer(demo_store, client, f"R{allowed}").status is TaskStatus.PLANNED
    if rank < 5:
        with pytest.raises(Unsuitable) as refused:
            offer(demo_store, client, f"R{rank + 1}")
        error = refused.value.errors[0]
        assert error.field == "product_risk"
        assert f"rated {level.value}" in error.message
        assert f"only to C{rank + 1} or above" in error.message


def test_an_expired_rating_is_refused_whatever_the_level(demo_store, add_client) -> None:
    last_valid = add_client(risk_level=RiskLevel.C5, risk_assessed_on=date(2024, 11, 26))
    assert offer(demo_store, last_valid, "R1").status is TaskStatus.PLANNED
    expired = add_client(risk_level=RiskLevel.C5, risk_assessed_on=date(2024, 11, 25))
    with pytest.raises(Unsuitable) as refused:
        offer(demo_store, expired, "R1")
    error = refused.value.errors[0]
    assert error.field == "risk_assessed_on"
    assert "expired on 2026-11-25" in error.message and "older than 2 years" in error.message


def test_a_leap_day_rating_expires_on_the_first_of_march() -> None:
    assert rating_expires(date(2024, 2, 29)) == date(2026, 3, 1)


def test_no_rating_or_no_named_risk_is_refused(demo_store, add_client) -> None:
    unrated = add_client(risk_level=None, risk_assessed_on=None)
    with pytest.raises(Unsuitable) as no_rating:
        offer(demo_store, unrated, "R1")
    assert no_rating.value.errors[0].field == "risk_level"
    rated = add_client()
    with pytest.raises(Invalid) as no_risk:
        offer(demo_store, rated, None)
    assert no_risk.value.errors[0].field == "product_risk"


def test_other_purposes_need_no_rating(demo_store, add_client) -> None:
    unrated = add_client(risk_level=None, risk_assessed_on=None)
    task = TaskBook(demo_store).create(
        {
            "account_id": unrated.account_id,
            "channel": "wechat",
            "purpose": "relationship",
            "due_date": "2026-11-26",
        },
        actor="a01",
    )
    assert task.status is TaskStatus.PLANNED


def test_a_rating_that_expires_before_the_call_is_refused_at_completion(
    demo_store, add_client
) -> None:
    client = add_client(risk_level=RiskLevel.C4, risk_assessed_on=date(2024, 12, 1))
    task = offer(demo_store, client, "R4")
    # The client is reassessed downwards before the call: the offer no longer suits.
    from branchdesk.book import ClientBook

    ClientBook(demo_store).update(
        client.account_id, {"risk_level": "C2", "risk_assessed_on": "2026-11-20"}, actor="a01"
    )
    with pytest.raises(Unsuitable):
        TaskBook(demo_store).complete(
            task.id, outcome=Outcome.REACHED, actor="a01", expected_version=1
        )
    assert TaskBook(demo_store).get(task.id).status is TaskStatus.PLANNED
