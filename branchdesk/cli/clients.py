"""``branchdesk clients``: list, search and show the client book."""

from __future__ import annotations

import click
from rich.text import Text

from .. import i18n
from ..book_row import COLUMNS as BOOK_COLUMNS
from ..book_row import book_row
from ..models import ClientStatus, Tier
from .common import Group, connect, console, data_option, emit_json, json_option, lang_option, table


@click.group(cls=Group)
def clients() -> None:
    """Read the client book."""


def _columns(lang: str) -> list[str]:
    return [i18n.t(k, lang) for k in BOOK_COLUMNS]


@clients.command("list")
@data_option
@click.option("--advisor", "advisor_id", metavar="ID", help="Only this advisor's book.")
@click.option("--tier", type=click.Choice([t.value for t in Tier]))
@click.option("--status", type=click.Choice([s.value for s in ClientStatus]))
@click.option(
    "--sort",
    default="-assets",
    show_default=True,
    help="assets, last_trade, tier, name, account or opened; a leading - sorts descending.",
)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@json_option
@lang_option
def list_clients(
    data: str | None,
    advisor_id: str | None,
    tier: str | None,
    status: str | None,
    sort: str,
    offset: int,
    limit: int,
    as_json: bool,
    lang: str | None,
) -> None:
    """List clients, largest first, one page at a time.

    \b
    Example:
      branchdesk clients list --advisor A03 --tier core --sort -assets --limit 20
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        page = api.list_clients(
            advisor_id=advisor_id,
            tier=Tier(tier) if tier else None,
            status=ClientStatus(status) if status else None,
            sort=sort,
            offset=offset,
            limit=limit,
        )
    if as_json:
        emit_json(page)
        return
    table(_columns(lang), [book_row(c, lang) for c in page.items])
    console.print(i18n.t("showing", lang, shown=len(page.items), total=page.total))


@clients.command("search")
@data_option
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True)
@json_option
@lang_option
def search_clients(
    data: str | None, query: str, limit: int, as_json: bool, lang: str | None
) -> None:
    """Find clients by account id, phone (or its last 4 digits), name or pinyin.

    \b
    Examples:
      branchdesk clients search wns        # pinyin initials: 王女士
      branchdesk clients search 5678       # phone tail
      branchdesk clients search 王
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        found = api.search_clients(query, limit=limit)
    if as_json:
        emit_json(found)
        return
    if not found:
        console.print(i18n.t("no_matches", lang, query=query))
        return
    table(_columns(lang), [book_row(c, lang) for c in found])


@clients.command("show")
@data_option
@click.argument("account_id")
@json_option
@lang_option
def show_client(data: str | None, account_id: str, as_json: bool, lang: str | None) -> None:
    """Show one client's profile.

    \b
    Example:
      branchdesk clients show 310000000002
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        client = api.get_client(account_id)
    if as_json:
        emit_json(client)
        return
    t = i18n.t
    rows = [
        (t("account_id", lang), client.account_id),
        (t("name", lang), client.name),
        (t("phone", lang), client.phone or t("none", lang)),
        (t("id_number", lang), client.id_number or t("none", lang)),
        (t("birthday", lang), i18n.day(client.birthday, lang)),
        (t("tier", lang), i18n.label(client.tier, lang)),
        (t("status", lang), i18n.label(client.status, lang)),
        (t("total_assets", lang), i18n.money(client.total_assets, lang)),
        (t("last_trade_date", lang), i18n.day(client.last_trade_date, lang)),
        (t("last_contact_date", lang), i18n.day(client.last_contact_date, lang)),
        (t("risk_level", lang), str(client.risk_level or t("none", lang))),
        (t("preferences", lang), ", ".join(i18n.label(p, lang) for p in client.preferences)),
        (t("preferred_channel", lang), i18n.label(client.preferred_channel, lang)),
        (t("contact_consent", lang), t("yes" if client.contact_consent else "no", lang)),
        (t("advisor", lang), client.advisor_id or t("none", lang)),
        (t("open_date", lang), i18n.day(client.open_date, lang)),
    ]
    for key, value in rows:
        console.print(Text.assemble((f"{key}: ", "bold"), str(value)))
