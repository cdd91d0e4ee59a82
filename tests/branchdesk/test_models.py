"""The models refuse bad data with the field named; nothing bad gets stored."""

from __future__ import annotations

import msgspec
import pytest

from branchdesk.book import ClientBook
from branchdesk.errors import Invalid
from branchdesk.models import Channel, ChannelKind, Client, Touchpoint
from branchdesk.models.validation import id_check_digit, normalize_phone
from branchdesk.validate import parse

GOOD = {"account_id": "310000000099", "name": "张三", "phone": "13812345678"}


def test_gb11643_check_digit_matches_published_example() -> None:
    # The worked example of GB 11643-1999: 11010519491231002X.
    assert id_check_digit("11010519491231002") == "X"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("phone", "12345", "mainland phone"),
        ("phone", "23812345678", "mainland phone"),
        ("id_number", "110105194912310021", "check digit should be X"),
        ("id_number", "11010519491331002X", "birth date"),
        ("id_number", "1101051949", "18 characters"),
        ("total_assets", -1, ">= 0"),
        ("tier", "gold", "Invalid enum value 'gold'"),
        ("risk_level", "C9", "Invalid enum value 'C9'"),
        ("open_date", "2026-02-30", "date"),
    ],
)
def test_bad_field_is_refused_with_its_name(field: str, value: object, words: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse(Client, {**GOOD, field: value})
    [error] = caught.value.errors
    assert error.field == field
    assert words in error.message


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(Invalid) as caught:
        parse(Client, {**GOOD, "phone": "1", "total_assets": -5, "tier": "x", "colour": "red"})
    assert {e.field for e in caught.value.errors} == {"phone", "total_assets", "tier", "colour"}


def test_phone_is_normalised_from_how_people_type_it() -> None:
    assert normalize_phone("+86 138-1234-5678") == "13812345678"
    assert normalize_phone("010 - 6552 9988") == "010-65529988"
    assert parse(Client, {**GOOD, "phone": "138 1234 5678"}).phone == "13812345678"


def test_channel_decides_kind_and_touchpoint() -> None:
    assert Channel.VISIT.kind is ChannelKind.ONSITE
    assert Channel.SEMINAR.touchpoint is Touchpoint.DIRECT
    assert Channel.SMS.kind is ChannelKind.REMOTE and Channel.SMS.touchpoint is Touchpoint.PHONE
    assert Channel.WECHAT.touchpoint is Touchpoint.NETWORK
    assert Channel.LETTER.touchpoint is Touchpoint.OTHER


def test_rejected_update_leaves_the_stored_client_unchanged(demo_store) -> None:
    book = ClientBook(demo_store)
    before = msgspec.to_builtins(book.get("310000000002"))
    seq = demo_store.seq
    for change in (
        {"phone": "999"},
        {"id_number": "110105194912310021"},
        {"total_assets": -3},
        {"tier": "platinum"},
    ):
        with pytest.raises(Invalid):
            book.update("310000000002", change, actor="test")
    assert msgspec.to_builtins(book.get("310000000002")) == before
    assert demo_store.seq == seq  # nothing reached the journal
