"""Field checks shared by the models: mainland phone numbers and GB 11643 ID numbers."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from operator import mul

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-\d{7,8}$")
# Used as the msgspec pattern so the schema documents it too.
PHONE_PATTERN = r"^(1[3-9]\d{9}|0\d{2,3}-\d{7,8})$"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalize_phone(raw: str) -> str:
    """Canonical form of a phone number as people type it: spaces, dashes, +86 dropped.

    Landlines keep one dash after the area code (``010-12345678``)."""
    if isinstance(raw, str) and MOBILE_RE.fullmatch(raw):
        return raw  # already canonical: the common case, and imports check many
    text = re.sub(r"[\s()（）]", "", str(raw)).replace("－", "-")
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    digits = text.replace("-", "")
    if MOBILE_RE.match(digits):
        return digits
    if text.startswith("0") and "-" in text:
        area, _, number = text.partition("-")
        return f"{area}-{number.replace('-', '')}"
    return text


def phone_problem(phone: str) -> str | None:
    """Why ``phone`` is not a mainland number, or None when it is one."""
    if MOBILE_RE.match(phone) or LANDLINE_RE.match(phone):
        return None
    return "not a mainland phone number (11-digit mobile like 13812345678 or 010-12345678)"


#: the weighted sum of 17 zeros written as characters: ASCII digits' bytes minus this
#: are the digits' weighted sum
_ID_BIAS = ord("0") * sum(_ID_WEIGHTS)


def id_check_digit(first17: str) -> str:
    if first17.isascii() and first17.isdigit():
        # The bytes are the digits' codes: no int() per digit (an import checks 100,000).
        total = sum(map(mul, first17.encode(), _ID_WEIGHTS)) - _ID_BIAS
    else:  # other digits str.isdigit accepts (full-width …), as int() reads them
        total = sum(map(mul, map(int, first17), _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


@lru_cache(maxsize=1 << 15)
def _real_day(yyyymmdd: str) -> bool:
    # Cached: 100,000 ID numbers hold some 20,000 birthdays.
    try:
        date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return False
    return True


def id_number_problem(id_number: str) -> str | None:
    """Why ``id_number`` is not a valid 18-character resident ID (GB 11643), or None."""
    if len(id_number) != 18 or not id_number[:17].isdigit() or id_number[17] not in "0123456789X":
        return "must be 18 characters: 17 digits and a digit or X"
    if not _real_day(id_number[6:14]):
        return "the birth date inside it is not a real date"
    if id_check_digit(id_number[:17]) != id_number[17]:
        return f"check digit should be {id_check_digit(id_number[:17])} (GB 11643)"
    return None


def birthday_from_id(id_number: str) -> date:
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
