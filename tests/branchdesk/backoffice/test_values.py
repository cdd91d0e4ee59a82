"""Cells as back offices write them: money with separators, ¥ or 万元; dates three ways."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from branchdesk.backoffice import values as v
from branchdesk.models import Channel, Preference

WAN = Decimal(10_000)


@pytest.mark.parametrize(
    ("cell", "unit", "yuan"),
    [
        ("1,234,567.89", Decimal(1), 1234567.89),
        ("¥1,234", Decimal(1), 1234.0),
        ("￥ 88", Decimal(1), 88.0),
        ("182.35", WAN, 1823500.0),  # a 万元 column
        ("1,250.5", WAN, 12505000.0),
        ("12.5万", Decimal(1), 125000.0),  # the unit written in the cell
        ("3亿", Decimal(1), 300000000.0),
        (12.5, WAN, 125000.0),  # a number from XLSX
        ("0.005", Decimal(1), 0.0),  # to the cent, half to even
    ],
)
def test_money_reads_separators_symbols_and_wan(cell, unit, yuan) -> None:
    assert v.money(cell, unit) == yuan


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("-5,000", "must not be negative"),
        ("(1,000)", "must not be negative"),
        ("abc", "not an amount of money"),
        ("NaN", "not an amount of money"),
        ("1e400", "too large"),
    ],
)
def test_bad_money_says_why(cell, reason) -> None:
    with pytest.raises(ValueError, match=reason):
        v.money(cell)


@pytest.mark.parametrize(
    "cell",
    ["2026-03-01", "2026/3/1", "20260301", "2026.3.1", "2026年3月1日", "2026-03-01 00:00:00"],
)
def test_dates_in_every_back_office_form(cell) -> None:
    assert v.day(cell) == "2026-03-01"


def test_excel_dates_and_bad_dates() -> None:
    assert v.day(datetime(2026, 3, 1)) == "2026-03-01"
    with pytest.raises(ValueError, match="not a real date"):
        v.day("2026-02-30")
    with pytest.raises(ValueError, match="write 2026-03-01, 2026/3/1 or 20260301"):
        v.day("March 1st")


def test_counts_yes_no_and_text_from_spreadsheets() -> None:
    assert v.whole("1,024") == 1024 and v.whole(12.0) == 12
    with pytest.raises(ValueError, match="not a whole number"):
        v.whole("12.5")
    assert v.yes_no("是") is True and v.yes_no("N") is False
    assert v.text(13812345678.0) == "13812345678"  # Excel keeps phones as numbers
    with pytest.raises(ValueError, match="format the column as text"):
        v.account("3.10E+11")


def test_choices_in_chinese_or_english() -> None:
    assert v.one_of(Channel)("电话") == "phone" and v.one_of(Channel)("WeChat") == "wechat"
    assert v.many_of(Preference)("股票、基金") == ("stocks", "funds")
    assert v.risk_level("稳健型") == "C3" and v.risk_level("c4-积极") == "C4"
    assert v.levels_of(Preference)("股票:4, 基金:3") == {"stocks": 4, "funds": 3}
    with pytest.raises(ValueError, match="one of visit/branch"):
        v.one_of(Channel)("pigeon")
    with pytest.raises(ValueError, match="masked"):
        v.masked_check("138****5678")


@given(
    whole=st.integers(min_value=0, max_value=10**13),
    cents=st.sampled_from(["", ".5", ".05", ".99", ".125", ".1"]),
    unit=st.sampled_from([Decimal(1), WAN, Decimal(100_000_000)]),
)
def test_money_is_the_exact_product_rounded_to_the_cent(whole, cents, unit) -> None:
    cell = f"{whole}{cents}"
    exact = (Decimal(cell) * unit).quantize(Decimal("0.01"))
    if exact >= v.MONEY_LIMIT:
        with pytest.raises(ValueError, match="too large"):
            v.money(cell, unit)
    else:
        assert v.money(cell, unit) == float(exact)
