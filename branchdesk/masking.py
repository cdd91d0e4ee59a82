"""Masking of sensitive client fields for readers who may not see them in full."""

from __future__ import annotations

import msgspec

from .models import Client


def mask_phone(phone: str | None) -> str | None:
    """``13812345678`` → ``138****5678``; ``010-12345678`` → ``010-****5678``."""
    if not phone:
        return phone
    if "-" in phone:
        area, _, number = phone.partition("-")
        return f"{area}-{'*' * max(len(number) - 4, 0)}{number[-4:]}"
    if len(phone) <= 7:
        return "*" * len(phone)
    return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"


def mask_id_number(id_number: str | None) -> str | None:
    """``11010119900307651X`` → ``110101********651X``."""
    if not id_number:
        return id_number
    return f"{id_number[:6]}{'*' * (len(id_number) - 10)}{id_number[-4:]}"


def masked(client: Client) -> Client:
    """A display copy with phone and ID number masked (and marked so it is never stored)."""
    if client.masked:
        return client
    return msgspec.structs.replace(
        client,
        phone=mask_phone(client.phone),
        id_number=mask_id_number(client.id_number),
        masked=True,
    )
