"""The client book's records: a client and their activity snapshots."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from datetime import date, datetime
from typing import Any

import msgspec
from msgspec import Struct

from .common import AccountId, Money, Name, Version
from .enums import AccountType, Channel, ClientStatus, Preference, RiskLevel, Tier
from .validation import MOBILE_RE, id_number_problem, normalize_phone, phone_problem


class ContactChecks(Struct, kw_only=True):
    """Checks and normalises phone and ID number; shared by the client record and the
    bodies that create or change one, so a bad phone is caught by the same words."""

    def __post_init__(self) -> None:
        # The same checks as field_checks, each value normalised once: this runs for
        # every row of an import. Records read back from the store were checked when saved.
        if getattr(self, "masked", False) or _FROM_STORE.get():
            return
        phone = getattr(self, "phone", None)
        if isinstance(phone, str) and not MOBILE_RE.fullmatch(phone):  # a mobile is fine as is
            normal = normalize_phone(phone)
            if phone.strip() and (problem := phone_problem(normal)):
                raise ValueError(f"phone: {problem}")
            self.phone = normal or None  # type: ignore[attr-defined]
        id_number = getattr(self, "id_number", None)
        if isinstance(id_number, str):
            cleaned = id_number.strip().upper()
            if cleaned and (problem := id_number_problem(cleaned)):
                raise ValueError(f"id_number: {problem}")
            self.id_number = cleaned or None  # type: ignore[attr-defined]

    @staticmethod
    def field_checks(data: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(field, problem) for each bad phone or ID number in raw input."""
        found = []
        phone = data.get("phone")
        if (
            isinstance(phone, str)
            and phone.strip()
            and (problem := phone_problem(normalize_phone(phone)))
        ):
            found.append(("phone", problem))
        id_number = data.get("id_number")
        if isinstance(id_number, str) and (cleaned := id_number.strip().upper()):
            problem = id_number_problem(cleaned)
            found += [("id_number", problem)] if problem else []
        return found


class Client(ContactChecks, kw_only=True, forbid_unknown_fields=True):
    """One client (客户档案). Tier, status and the latest figures are derived and kept
    on the record so that lists and filters never have to read the history."""

    account_id: AccountId
    name: Name
    phone: str | None = None  # mainland mobile 13812345678 or landline 010-12345678
    id_number: str | None = None  # 身份证号 (GB 11643), sensitive: masked for most roles
    birthday: date | None = None
    account_type: AccountType = AccountType.INDIVIDUAL
    open_date: date | None = None
    closed_date: date | None = None
    risk_level: RiskLevel | None = None
    risk_assessed_on: date | None = None
    preferences: list[Preference] = []
    preferred_channel: Channel = Channel.PHONE
    contact_consent: bool = True
    email: str | None = None
    advisor_id: str | None = None
    advisor_since: date | None = None
    # Latest figures, from the newest activity snapshot.
    total_assets: Money = 0.0
    peak_assets_12m: Money = 0.0
    last_trade_date: date | None = None
    last_contact_date: date | None = None
    # Derived from the tier rules; stored so the book can be filtered without recomputing.
    tier: Tier = Tier.GENERAL
    status: ClientStatus = ClientStatus.ACTIVE
    name_pinyin: str = ""
    name_initials: str = ""
    version: Version = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: True on a copy whose phone and ID number were masked for the reader's role; such a
    #: copy is for display only and is never stored.
    masked: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.closed_date and self.open_date and self.closed_date < self.open_date:
            raise ValueError("closed_date: before open_date")


#: True while :func:`clients_from_store` runs: the contact checks are skipped there.
_FROM_STORE: ContextVar[bool] = ContextVar("clients_from_store", default=False)


def clients_from_store(docs: Iterable[Mapping[str, Any]]) -> list[Client]:
    """Clients from documents the store holds, without checking phone and ID again.

    Every stored client went through the checks (and was normalised) when it was saved;
    running them again on each read (the GB 11643 check digit above all) was four fifths
    of the cost of turning a document into a Client, twenty times over for a search."""
    token = _FROM_STORE.set(True)
    try:
        return [msgspec.convert(doc, Client) for doc in docs]
    finally:
        _FROM_STORE.reset(token)


class ActivitySnapshot(Struct, kw_only=True, forbid_unknown_fields=True):
    """What the back office reports for one client and one period (a month or a day)."""

    account_id: AccountId
    period: date  # the last day the figures cover
    total_assets: Money
    transfer_in: Money = 0.0
    transfer_out: Money = 0.0
    trade_count: int = msgspec.field(default=0)
    turnover: Money = 0.0
    commission: Money = 0.0
    last_trade_date: date | None = None

    def __post_init__(self) -> None:
        if self.trade_count < 0:
            raise ValueError("trade_count: must not be negative")

    @property
    def net_transfer(self) -> float:
        return self.transfer_in - self.transfer_out
