"""The task workflow on a real data folder: create, quick log, complete, reschedule,
cancel, edit — with version checks, audit, and the client's last contact kept."""

from __future__ import annotations

from datetime import date

import pytest

from branchdesk import audit
from branchdesk.book import ClientBook
from branchdesk.errors import Conflict, Invalid
from branchdesk.models import (
    Channel,
    ChannelKind,
    Direction,
    Outcome,
    Purpose,
    TaskStatus,
    Touchpoint,
)
from branchdesk.models.service_api import QuickLog
from branchdesk.rules import set_rules
from branchdesk.schema import open_store
from branchdesk.tasks import TECH_QUEUE, TaskBook

from .conftest import LAO_LI, WANG

TODAY = date(2026, 11, 25)


def plan(book: TaskBook, channel: str = "phone", **more) -> object:
    fields = {
        "account_id": WANG,
        "channel": channel,
        "purpose": "relationship",
        "due_date": "2026-11-27",
        **more,
    }
    return book.create(fields, actor="a02")


@pytest.mark.parametrize(
    ("channel", "kind", "touchpoint", "cost"),
    [
        (Channel.VISIT, ChannelKind.ONSITE, Touchpoint.DIRECT, 200.0),
        (Channel.BRANCH, ChannelKind.ONSITE, Touchpoint.DIRECT, 50.0),
        (Channel.EVENT, ChannelKind.ONSITE, Touchpoint.DIRECT, 100.0),
        (Channel.SEMINAR, ChannelKind.ONSITE, Touchpoint.DIRECT, 80.0),
        (Channel.PHONE, ChannelKind.REMOTE, Touchpoint.PHONE, 2.0),
        (Channel.SMS, ChannelKind.REMOTE, Touchpoint.PHONE, 0.05),
        (Channel.WECHAT, ChannelKind.REMOTE, Touchpoint.NETWORK, 0.0),
        (Channel.EMAIL, ChannelKind.REMOTE, Touchpoint.NETWORK, 0.0),
        (Channel.VIDEO, ChannelKind.REMOTE, Touchpoint.NETWORK, 1.0),
        (Channel.LETTER, ChannelKind.REMOTE, Touchpoint.OTHER, 5.0),
    ],
)
def test_kind_touchpoint_and_cost_follow_the_channel(
    demo_store, channel, kind, touchpoint, cost
) -> None:
    task = plan(TaskBook(demo_store), channel.value)
    assert (task.kind, task.touchpoint, task.cost) == (kind, touchpoint, cost)
    assert task.assignee == "A02" and task.status is TaskStatus.PLANNED


def test_cost_is_editable_and_follows_a_changed_channel_and_the_rules(demo_store) -> None:
    book = TaskBook(demo_store)
    assert plan(book, "visit", cost=260.0).cost == 260.0  # a taxi across town
    task = plan(book, "phone")
    moved = book.edit(task.id, {"channel": "visit"}, actor="a02", expected_version=1)
    assert moved.channel is Channel.VISIT and moved.cost == 200.0 and moved.version == 2
    set_rules(demo_store, _costs(), {"costs": {"phone": 3.5}}, actor="manager")
    assert plan(book, "phone").cost == 3.5


def _costs():
    from branchdesk.models import ChannelCosts

    return ChannelCosts


def test_completing_without_an_outcome_is_refused_and_nothing_changes(demo_store) -> None:
    book = TaskBook(demo_store)
    task = plan(book)
    with pytest.raises(Invalid) as refused:
        book.complete(task.id, outcome=None, actor="a02", expected_version=1)
    assert refused.value.errors[0].field == "outcome"
    assert book.get(task.id).status is TaskStatus.PLANNED and book.get(task.id).version == 1
    with pytest.raises(Invalid) as also:
        book.create({**_fields(), "status": "done"}, actor="a02")
    assert also.value.errors[0].field == "outcome"


def _fields() -> dict:
    return {
        "account_id": WANG,
        "channel": "phone",
        "purpose": "relationship",
        "due_date": "2026-11-25",
    }


def test_complete_keeps_the_last_contact_audits_and_survives_a_reopen(demo_store) -> None:
    book = TaskBook(demo_store)
    lao_li_before = ClientBook(demo_store).get(LAO_LI)
    task = book.create({**_fields(), "account_id": LAO_LI}, actor="a03")
    done = book.complete(
        task.id,
        outcome=Outcome.REACHED,
        actor="a03",
        expected_version=1,
        satisfaction=4,
        notes="he will think about the bond fund",
    )
    assert done.status is TaskStatus.DONE and done.done_by == "a03" and done.version == 2
    client = ClientBook(demo_store).get(LAO_LI)
    assert client.last_contact_date == TODAY
    assert client.version == lao_li_before.version  # derived: no new client version
    trail, _ = audit.query(demo_store, entity_id=task.id)
    assert [e.action for e in trail] == ["task.complete", "task.create"]
    assert trail[0].after["status"] == "done" and trail[0].before["status"] == "planned"
    folder = demo_store.folder
    demo_store.close(compact=False)
    reopened = open_store(folder)
    try:
        assert TaskBook(reopened).get(task.id).outcome is Outcome.REACHED
        assert ClientBook(reopened).get(LAO_LI).last_contact_date == TODAY
    finally:
        reopened.close(compact=False)


def test_a_call_nobody_answered_is_not_a_contact(demo_store) -> None:
    book = TaskBook(demo_store)
    before = ClientBook(demo_store).get(LAO_LI).last_contact_date
    task = book.create({**_fields(), "account_id": LAO_LI}, actor="a03")
    book.complete(task.id, outcome=Outcome.NOT_REACHED, actor="a03", expected_version=1)
    assert ClientBook(demo_store).get(LAO_LI).last_contact_date == before


def test_a_stale_version_is_refused_with_the_current_one(demo_store) -> None:
    book = TaskBook(demo_store)
    task = plan(book)
    book.reschedule(task.id, date(2026, 12, 1), actor="a02", expected_version=1)
    with pytest.raises(Conflict) as stale:
        book.complete(task.id, outcome=Outcome.REACHED, actor="frontdesk", expected_version=1)
    assert stale.value.current_version == 2
    assert book.get(task.id).status is TaskStatus.PLANNED


def test_reschedule_and_cancel(demo_store) -> None:
    book = TaskBook(demo_store)
    task = plan(book)
    with pytest.raises(Invalid) as past:
        book.reschedule(task.id, date(2026, 11, 20), actor="a02", expected_version=1)
    assert past.value.errors[0].field == "due_date"
    moved = book.reschedule(
        task.id, date(2026, 12, 2), actor="a02", expected_version=1, notes="client abroad"
    )
    assert moved.due_date == date(2026, 12, 2) and "client abroad" in moved.notes
    gone = book.cancel(task.id, actor="a02", expected_version=2, reason="client moved away")
    assert gone.status is TaskStatus.CANCELLED and "client moved away" in gone.notes
    with pytest.raises(Conflict):
        book.complete(task.id, outcome=Outcome.REACHED, actor="a02", expected_version=3)


def test_quick_log_of_a_walk_in_is_done_in_one_step(demo_store) -> None:
    book = TaskBook(demo_store)
    entry = QuickLog(
        account_id=WANG,
        channel=Channel.BRANCH,
        purpose=Purpose.COMPLAINT,
        outcome=Outcome.RETAINED,
        notes="came in about the research service",
        satisfaction=3,
    )
    task = book.log(entry, actor="frontdesk")
    assert task.status is TaskStatus.DONE and task.due_date == TODAY
    assert (task.kind, task.cost, task.done_by) == (ChannelKind.ONSITE, 50.0, "frontdesk")
    assert ClientBook(demo_store).get(WANG).last_contact_date == TODAY
    with pytest.raises(Invalid) as future:
        book.log(QuickLog(**{**_quick(), "on": date(2026, 12, 1)}), actor="frontdesk")
    assert future.value.errors[0].field == "on"


def _quick() -> dict:
    return {
        "account_id": WANG,
        "channel": Channel.PHONE,
        "purpose": Purpose.RELATIONSHIP,
        "outcome": Outcome.REACHED,
    }


def test_hotline_requests_are_routed_to_the_advisor_or_the_tech_queue(demo_store) -> None:
    book = TaskBook(demo_store)
    consulting = plan(book, direction=Direction.INBOUND_CONSULTING.value, purpose="market_insight")
    tech = plan(book, direction=Direction.INBOUND_TECH.value, purpose="tech_support")
    assert consulting.assignee == "A02" and tech.assignee == TECH_QUEUE


def test_a_regulatory_callback_gets_three_attempts_then_is_closed_and_flagged(demo_store) -> None:
    book = TaskBook(demo_store)
    task = book.create(
        {**_fields(), "purpose": "callback", "assignee": "callbacks"}, actor="manager"
    )
    first = book.complete(
        task.id, outcome=Outcome.NOT_REACHED, actor="frontdesk", expected_version=1
    )
    assert first.status is TaskStatus.PLANNED and first.attempts == 1
    assert first.due_date == date(2026, 11, 26)  # tried again the next working day
    second = book.complete(
        task.id, outcome=Outcome.NOT_REACHED, actor="frontdesk", expected_version=2
    )
    assert second.status is TaskStatus.PLANNED and second.attempts == 2
    third = book.complete(
        task.id, outcome=Outcome.NOT_REACHED, actor="frontdesk", expected_version=3
    )
    assert third.status is TaskStatus.MISSED and third.outcome is Outcome.NOT_REACHED
    assert third.flagged and third.attempts == 3
    assert "not reached after 3 attempts" in third.notes


def test_a_callback_reached_on_the_second_try_is_done(demo_store) -> None:
    book = TaskBook(demo_store)
    task = book.create({**_fields(), "purpose": "callback"}, actor="manager")
    book.complete(task.id, outcome=Outcome.NOT_REACHED, actor="frontdesk", expected_version=1)
    done = book.complete(task.id, outcome=Outcome.REACHED, actor="frontdesk", expected_version=2)
    assert done.status is TaskStatus.DONE and done.attempts == 2 and not done.flagged
