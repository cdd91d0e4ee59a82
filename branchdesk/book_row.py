"""A client as one line of the book, in words: the columns the CLI's ``clients list`` and
the TUI's client table both show, so the two read the same."""

from __future__ import annotations

from . import i18n
from .models import Client

#: the i18n words of the columns, in order
COLUMNS = ("account_id", "name", "tier", "status", "total_assets", "last_trade_date", "advisor")


def book_row(c: Client, lang: str, advisor: str | None = None) -> list[str]:
    """``advisor``: how to show the advisor (e.g. "A02 刘晓燕"); their id when not given."""
    return [
        c.account_id,
        c.name,
        i18n.label(c.tier, lang),
        i18n.label(c.status, lang),
        i18n.money(c.total_assets, lang),
        i18n.day(c.last_trade_date, lang),
        advisor or c.advisor_id or i18n.t("none", lang),
    ]
