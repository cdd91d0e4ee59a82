"""Reading a few columns of every client's activity history, fast.

The histories are packed arrays (see :mod:`branchdesk.activity`); a yearly plan or a
daily scan needs two or three of their eight columns for 50,000 clients, so it decodes
just those (``History.from_doc`` decodes all eight and was most of the scan's time)."""

from __future__ import annotations

import base64
from array import array
from collections.abc import Iterator

from ..store import Store

#: the array type code of each packed column (as activity.History stores them)
KINDS = {
    "periods": "i",
    "trade_count": "i",
    "last_trade": "i",
    "total_assets": "q",
    "transfer_in": "q",
    "transfer_out": "q",
    "turnover": "q",
    "commission": "q",
}


def decode(text: str, kind: str) -> array:
    out = array(kind)
    out.frombytes(base64.b64decode(text))
    return out


def packed(store: Store, *names: str) -> tuple[list[str], list[list[str | None]]]:
    """(account ids, the named columns as stored): the store read, nothing decoded."""
    table = store.table("activity")
    ids = list(table._read_table())
    return ids, table.columns(ids, *names)


def decoded(
    ids: list[str], columns: list[list[str | None]], names: tuple[str, ...]
) -> Iterator[tuple[str, list[array]]]:
    """(account id, [the columns decoded]) — pure work on what :func:`packed` read."""
    kinds = [KINDS[name] for name in names]
    for account_id, *texts in zip(ids, *columns, strict=True):
        yield (
            account_id,
            [
                decode(text, kind) if text else array(kind)
                for text, kind in zip(texts, kinds, strict=True)
            ],
        )


def columns(store: Store, *names: str) -> Iterator[tuple[str, list[array]]]:
    """(account id, [the named columns]) for every client with a history."""
    ids, raw = packed(store, *names)
    return decoded(ids, raw, names)
