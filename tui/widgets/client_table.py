"""The client book as a table: one row per client, keyed by account id.

Cells are ``Text`` (a client named ``[bold]x`` shows as typed, never as markup); money is
right-aligned; Rich measures CJK characters as two cells, so names line up."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from branchdesk import i18n
from branchdesk.models import Advisor, Client

#: column key → (i18n word, width in cells). Fixed widths: a new page or a new search
#: then repaints the rows without measuring every cell and laying the screen out again
#: (which cost more than the search itself on each keystroke). Long names are cropped.
COLUMNS = (
    ("account", "account_id", 12),
    ("name", "name", 16),
    ("tier", "tier", 11),
    ("status", "status", 9),
    ("assets", "total_assets", 12),
    ("last_trade", "last_trade_date", 14),
    ("advisor", "advisor", 11),
)


class ClientTable(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.add_columns_in(self.app.lang)

    def add_columns_in(self, lang: str) -> None:
        for key, word, width in COLUMNS:
            self.add_column(i18n.t(word, lang), key=key, width=width)

    def add_clients(self, clients: list[Client], advisors: dict[str, Advisor]) -> None:
        lang = self.app.lang
        for c in clients:
            if c.account_id not in self.rows:  # a page may overlap one the book shifted into
                self.add_row(*_cells(c, advisors, lang), key=c.account_id)


def _cells(c: Client, advisors: dict[str, Advisor], lang: str) -> list[Text]:
    advisor = advisors.get(c.advisor_id or "")
    who = f"{c.advisor_id} {advisor.name}" if advisor else (c.advisor_id or i18n.t("none", lang))
    return [
        Text(c.account_id),
        Text(c.name),
        Text(i18n.label(c.tier, lang)),
        Text(i18n.label(c.status, lang)),
        Text(i18n.money(c.total_assets, lang), justify="right"),
        Text(i18n.day(c.last_trade_date, lang)),
        Text(who),
    ]
