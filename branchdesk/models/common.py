"""Building blocks shared by every record: constrained scalar types, ids and the clock."""

from __future__ import annotations

import os
import secrets
import time
from datetime import date, datetime, timedelta, timezone
from typing import Annotated

from msgspec import Meta

from .validation import PHONE_PATTERN

#: China Standard Time: the branch's clock (no daylight saving, so a fixed offset is exact).
CST = timezone(timedelta(hours=8), "CST")

Money = Annotated[float, Meta(ge=0, description="Yuan, never negative")]
SignedMoney = Annotated[float, Meta(description="Yuan; negative means out of the account")]
Phone = Annotated[str, Meta(pattern=PHONE_PATTERN, description="Mainland mobile or landline")]
AccountId = Annotated[
    str, Meta(pattern=r"^[0-9A-Za-z]{4,24}$", description="Fund account number (资金账号)")
]
Name = Annotated[str, Meta(min_length=1, max_length=80)]
Ratio = Annotated[float, Meta(ge=0, le=1)]
Days = Annotated[int, Meta(ge=0, le=3650)]
Satisfaction = Annotated[int, Meta(ge=1, le=5)]
Version = Annotated[int, Meta(ge=0)]


def now() -> datetime:
    """The current time at the branch, to the second (the real clock: sessions, lockouts
    and schedules run on it even when ``BRANCHDESK_TODAY`` pins the business day)."""
    return datetime.now(CST).replace(microsecond=0)


def today() -> date:
    """The branch's date; ``BRANCHDESK_TODAY`` pins it for demos and tests."""
    pinned = os.environ.get("BRANCHDESK_TODAY")
    return date.fromisoformat(pinned) if pinned else now().date()


def new_id() -> str:
    """A 20-character id that sorts by creation time: 11 hex digits of ms, 9 random."""
    return f"{int(time.time() * 1000):011x}{secrets.token_hex(5)[:9]}"
