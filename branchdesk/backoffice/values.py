"""Cell values as back-office exports write them, turned into plain typed values.

Each converter takes what a cell held (text from a CSV, or a number or datetime from
an XLSX) and returns the value the record wants, or raises ``ValueError`` whose message
is the reason a person reads in the error report ("not a date: …")."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Any

from ..i18n import ENUM_LABELS

Convert = Callable[[Any], Any]

#: cells that mean "nothing here" in back-office exports
EMPTY = frozenset({"", "-", "--", "—", "——", "n/a", "N/A", "null", "NULL", "None"})

#: money units: written in a header ("总资产(万元)"), a unit column or the cell itself
UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "人民币元": Decimal(1),
    "yuan": Decimal(1),
    "cny": Decimal(1),
    "rmb": Decimal(1),
    "万": Decimal(10_000),
    "万元": Decimal(10_000),
    "10k": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "亿元": Decimal(100_000_000),
}


def is_empty(cell: Any) -> bool:
    if cell is None:
        return True
    return isinstance(cell, str) and cell.strip() in EMPTY


def text(cell: Any) -> str:
    """A cell as text. Excel stores long digit strings (account ids, phones) as numbers:
    13812345678.0 comes back as "13812345678", not "1.3812345678e10"."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else str(cell)
    return str(cell).strip()


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+\d+$")


def account(cell: Any) -> str:
    if cell.__class__ is str and cell.isdigit():
        return cell  # the common case, as a reader hands it over (stripped)
    value = text(cell)
    if _SCIENTIFIC.match(value):
        raise ValueError(
            f"{value} is how Excel shows a long number; format the column as text "
            "before saving so the account id keeps its digits"
        )
    return value


def masked_check(cell: Any) -> str:
    """Phone and ID number: a masked copy ("138****5678") cannot be imported."""
    if cell.__class__ is str and "*" not in cell:
        return cell  # as a reader hands it over (stripped)
    value = text(cell)
    if "*" in value:
        raise ValueError(f"masked ({value}); export with full details to re-import")
    return value


def unit_of(word: str) -> Decimal | None:
    return UNITS.get(word.strip().lower())


CENT = Decimal("0.01")
MONEY_LIMIT = Decimal(10) ** 14  # ¥100 trillion: past this a cell is a mistake

_MONEY_JUNK = re.compile(r"[\s,，¥￥]|^(?:rmb|cny)|(?:rmb|cny)$", re.IGNORECASE)
_MONEY_UNIT = re.compile(r"(亿元|亿|万元|万|元)$")


def money(cell: Any, unit: Decimal = Decimal(1)) -> float:
    """Yuan from "1,234,567.89", "¥1,234", "182.5万", or 182.5 with ``unit`` 万元."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        amount = Decimal(str(cell))
    elif (quick := _plain_money(cell, unit)) is not None:
        return quick
    elif (plain := _plain_decimal(cell)) is not None:
        amount = plain  # "1250.5": no separators, symbols or unit to take off
    else:
        raw = str(cell).strip()
        cleaned = _MONEY_JUNK.sub("", raw)
        negative = cleaned.startswith("(") and cleaned.endswith(")")
        cleaned = cleaned.strip("()")
        if found := _MONEY_UNIT.search(cleaned):  # a unit in the cell beats the column's
            unit = UNITS[found.group(1)]
            cleaned = cleaned[: found.start()]
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(f"not an amount of money: {raw!r}") from None
        if negative:
            amount = -amount
    if not amount.is_finite():
        raise ValueError(f"not an amount of money: {cell!r}")
    if amount < 0:
        raise ValueError(f"must not be negative ({cell})")
    yuan = amount * unit
    if yuan >= MONEY_LIMIT:
        raise ValueError(f"too large to be an amount held at a branch ({cell})")
    return float(yuan.quantize(CENT))


def _plain_money(cell: Any, unit: Decimal) -> float | None:
    """ "19.79" or "1250" in a whole unit, in float arithmetic: with at most two decimals
    and under ¥10¹² its error stays far below half a cent, so it rounds to the cent the
    exact Decimal product gives, several times faster (a money cell in every row)."""
    if cell.__class__ is not str:
        return None
    whole, dot, cents = cell.partition(".")
    if not (whole.isdigit() and len(whole) <= 9 and (not dot or cents.isdigit())):
        return None
    if len(cents) > 2 or unit not in _WHOLE_UNITS:
        return None
    yuan = float(cell) * _WHOLE_UNITS[unit]
    return round(yuan, 2) if yuan < 1e12 else None  # past that, the exact path


_WHOLE_UNITS = {Decimal(1): 1, Decimal(10_000): 10_000, Decimal(100_000_000): 100_000_000}


def _plain_decimal(cell: Any) -> Decimal | None:
    try:
        return Decimal(cell)
    except (InvalidOperation, TypeError, ValueError):
        return None


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


#: converters of columns whose values repeat (dates, levels, choices) remember answers:
#: 100,000 rows hold a few thousand different dates
_cached = lru_cache(maxsize=1 << 14)


@_cached
def day(cell: Any) -> str:
    """An ISO date from 2026-03-01, 2026/3/1, 20260301, 2026年3月1日 or an Excel date."""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    raw = text(cell)
    if len(raw) in (8, 10) and raw[:4].isdigit():
        try:  # 2026-03-01 and 20260301, in C
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            pass
    match = _DATE.match(raw) or _COMPACT_DATE.match(raw)
    if not match:
        raise ValueError(f"not a date: {raw!r} (write 2026-03-01, 2026/3/1 or 20260301)")
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        raise ValueError(f"not a real date: {raw!r}") from None


def whole(cell: Any) -> int:
    """A count: "1,234" or 12.0 from a spreadsheet; 12.5 is refused."""
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    raw = text(cell).replace(",", "").replace("，", "")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"not a whole number: {raw!r}") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise ValueError(f"not a whole number: {raw!r}")
    return int(number)


def decimal_number(cell: Any) -> float:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    raw = text(cell).replace(",", "")
    try:
        return float(Decimal(raw))
    except InvalidOperation:
        raise ValueError(f"not a number: {raw!r}") from None


_TRUE = {"是", "y", "yes", "true", "1", "同意", "允许", "√"}
_FALSE = {"否", "n", "no", "false", "0", "不同意", "拒绝", "×"}


def yes_no(cell: Any) -> bool:
    if isinstance(cell, bool):
        return cell
    raw = text(cell).lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"not yes or no: {raw!r} (write 是/否 or yes/no)")


#: 适当性 names of the investor levels, as back offices often write them
RISK_NAMES = {"保守型": "C1", "谨慎型": "C2", "稳健型": "C3", "积极型": "C4", "激进型": "C5"}


def enum_words(enum: type[StrEnum], extra: dict[str, str] | None = None) -> dict[str, str]:
    """Every way to write a value of ``enum`` (value, English and Chinese label) → value."""
    words = {m.value.lower(): m.value for m in enum}
    for value, (en, zh) in ENUM_LABELS.get(enum, {}).items():
        words.setdefault(en.lower(), value)
        words.setdefault(zh, value)
    for word, value in (extra or {}).items():
        words.setdefault(word.lower(), value)
    return words


def one_of(enum: type[StrEnum], extra: dict[str, str] | None = None) -> Convert:
    words = enum_words(enum, extra)
    shown = "/".join(m.value for m in enum)

    @_cached
    def convert(cell: Any) -> str:
        raw = text(cell)
        value = words.get(raw.lower())
        if value is None:
            raise ValueError(f"unknown value {raw!r} (one of {shown}, or their Chinese names)")
        return value

    return convert


@_cached
def risk_level(cell: Any) -> str:
    """C1–C5, also as "c3", "C3-稳健型" or "稳健型"."""
    raw = text(cell)
    if match := re.match(r"^[Cc]([1-5])(?!\d)", raw):
        return f"C{match.group(1)}"
    for name, level in RISK_NAMES.items():
        if name in raw:
            return level
    raise ValueError(f"unknown risk level {raw!r} (C1–C5, or 保守型 … 激进型)")


_LIST_SPLIT = re.compile(r"[,，、;；/|\s]+")


def split_list(cell: Any) -> list[str]:
    return [p for p in _LIST_SPLIT.split(text(cell)) if p]


def many_of(enum: type[StrEnum]) -> Convert:
    """ "股票、基金" → ["stocks", "funds"] (each part as :func:`one_of` reads it)."""
    single = one_of(enum)

    @_cached
    def convert(cell: Any) -> tuple[str, ...]:  # a tuple: cached answers must not change
        return tuple(dict.fromkeys(single(part) for part in split_list(cell)))

    return convert


def text_list(cell: Any) -> list[str]:
    return [p.strip() for p in re.split(r"[,，、;；|]+", text(cell)) if p.strip()]


_SKILL = re.compile(r"\s*([^\s,，、;；|:：=]+)\s*[:：=]\s*(\d+)\s*[,，、;；|]?")


def levels_of(enum: type[StrEnum]) -> Convert:
    """Skills with levels: "股票:4, 基金:3" or "stocks=4 funds=3" → {"stocks": 4, …}."""
    single = one_of(enum)

    def convert(cell: Any) -> dict[str, int]:
        raw, out, pos = text(cell), {}, 0
        while pos < len(raw):
            match = _SKILL.match(raw, pos)
            if not match:
                raise ValueError(f"write skills as name:level (股票:4, 基金:3), not {raw!r}")
            out[single(match.group(1))] = int(match.group(2))
            pos = match.end()
        return out

    return convert
