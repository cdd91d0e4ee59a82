"""The client book: finding people the way the front desk types, tiers, masking, paging."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from branchdesk.book import ClientBook, classify
from branchdesk.errors import Conflict, Invalid, NotFound
from branchdesk.masking import mask_id_number, mask_phone, masked
from branchdesk.models import AccountType, Client, ClientStatus, Tier, TierRules

ON = date(2026, 11, 25)


@pytest.fixture
def book(empty_store) -> ClientBook:
    b = ClientBook(empty_store)
    people = [
        ("310000000101", "王丽", "13812345678", 1_500_000),
        ("310000000102", "王磊", "13900005678", 300_000),
        ("310000000103", "李娜", "13700001111", 50_000),
        ("310000000104", "曾凡", "010-65529988", 10_000),
        ("310000000105", "欧阳王丽", "13600002222", 80_000),
    ]
    for acct, name, phone, assets in people:
        b.save(Client(account_id=acct, name=name, phone=phone, total_assets=assets), actor="t")
    return b


def names(clients: list[Client]) -> list[str]:
    return [c.name for c in clients]


def test_search_by_pinyin_initials_and_full_pinyin(book: ClientBook) -> None:
    assert names(book.search("wl")) == ["王丽", "王磊"]  # both initials wl, larger first
    assert names(book.search("wangli")) == ["王丽"]
    assert names(book.search("WangL")) == ["王丽", "王磊"]
    assert names(book.search("zf")) == ["曾凡"]  # surname reading zeng …
    assert names(book.search("cengfan")) == ["曾凡"]  # … and the everyday one


def test_search_by_phone_full_or_tail_and_by_account(book: ClientBook) -> None:
    assert names(book.search("13812345678")) == ["王丽"]
    assert names(book.search("5678")) == ["王丽", "王磊"]
    assert names(book.search("45678")) == ["王丽"]
    assert names(book.search("9988")) == ["曾凡"]
    assert names(book.search("310000000103")) == ["李娜"]
    assert len(book.search("3100000001")) == 5  # account prefix


def test_search_by_name_substring(book: ClientBook) -> None:
    assert names(book.search("王丽")) == ["王丽", "欧阳王丽"]  # exact length first
    assert names(book.search("娜")) == ["李娜"]
    assert book.search("赵") == []
    assert book.search("   ") == []


def test_a_remembered_search_answer_never_outlives_a_change_to_the_book(
    book: ClientBook,
) -> None:
    assert names(book.search("wl")) == ["王丽", "王磊"]
    assert names(book.search("wl")) == ["王丽", "王磊"]  # the remembered answer
    book.save(Client(account_id="310000000106", name="吴亮", total_assets=9e6), actor="t")
    assert names(book.search("wl")) == ["吴亮", "王丽", "王磊"]  # a new client is found
    wang = book.get("310000000102")
    book.save(Client(**{**msgspec.structs.asdict(wang), "name": "汪磊"}), actor="t")
    assert names(book.search("王")) == ["王丽", "欧阳王丽"]  # a renamed one is not
    with pytest.raises(RuntimeError), book.store.transaction():
        book.save(Client(account_id="310000000107", name="王力", total_assets=1), actor="t")
        raise RuntimeError("rolled back")
    assert names(book.search("王")) == ["王丽", "欧阳王丽"]  # nor one rolled back


def test_list_filters_sorts_and_pages(book: ClientBook) -> None:
    page = book.list(sort="-assets", limit=2)
    assert names(page.items) == ["王丽", "王磊"] and page.total == 5
    page2 = book.list(sort="-assets", offset=2, limit=2)
    assert names(page2.items) == ["欧阳王丽", "李娜"]
    assert names(book.list(tier=Tier.CORE).items) == ["王丽"]
    assert names(book.list(sort="assets", limit=1).items) == ["曾凡"]
    with pytest.raises(Invalid, match="unknown sort"):
        book.list(sort="shoe_size")


@pytest.mark.parametrize(
    ("assets", "kind", "tier"),
    [
        (1_000_000, AccountType.INDIVIDUAL, Tier.CORE),
        (999_999.99, AccountType.INDIVIDUAL, Tier.IMPORTANT),
        (200_000, AccountType.INDIVIDUAL, Tier.IMPORTANT),
        (199_999, AccountType.INDIVIDUAL, Tier.GENERAL),
        (5_000, AccountType.INSTITUTION, Tier.INSTITUTION),
    ],
)
def test_tier_follows_assets_unless_institution(
    assets: float, kind: AccountType, tier: Tier
) -> None:
    client = Client(
        account_id="31000001", name="x", total_assets=assets, account_type=kind, last_trade_date=ON
    )
    assert classify(client, TierRules(), ON)[0] is tier


@pytest.mark.parametrize(
    ("days_idle", "status"), [(179, ClientStatus.ACTIVE), (180, ClientStatus.DORMANT)]
)
def test_dormant_after_180_days_without_a_trade(days_idle: int, status: ClientStatus) -> None:
    from datetime import timedelta

    client = Client(
        account_id="31000001",
        name="x",
        total_assets=50_000,
        last_trade_date=ON - timedelta(days=days_idle),
    )
    assert classify(client, TierRules(), ON)[1] is status


def test_closed_or_emptied_account_is_lost() -> None:
    closed = Client(account_id="31000001", name="x", closed_date=ON, open_date=date(2020, 1, 1))
    emptied = Client(account_id="31000002", name="y", total_assets=0, peak_assets_12m=300_000)
    assert classify(closed, TierRules(), ON)[1] is ClientStatus.LOST
    assert classify(emptied, TierRules(), ON)[1] is ClientStatus.LOST


def test_masking_of_phone_and_id_number() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("010-65529988") == "010-****9988"
    assert mask_id_number("11010519491231002X") == "110105********002X"
    client = Client(
        account_id="31000001", name="x", phone="13812345678", id_number="11010519491231002X"
    )
    shown = masked(client)
    assert (shown.phone, shown.id_number, shown.masked) == (
        "138****5678",
        "110105********002X",
        True,
    )


def test_a_masked_copy_is_never_saved(book: ClientBook) -> None:
    with pytest.raises(Invalid, match="masked"):
        book.save(masked(book.get("310000000101")), actor="t")


def test_saving_the_same_client_again_changes_nothing(book: ClientBook) -> None:
    seq = book.store.seq
    client = book.get("310000000101")
    stored, changed = book.save(client, actor="t")
    assert not changed and stored.version == client.version and book.store.seq == seq


def test_stale_version_is_a_conflict_and_nothing_changes(book: ClientBook) -> None:
    client = book.get("310000000101")
    book.update(client.account_id, {"email": "a@b.cn"}, actor="t", expected_version=client.version)
    with pytest.raises(Conflict) as caught:
        book.update(
            client.account_id, {"email": "c@d.cn"}, actor="t", expected_version=client.version
        )
    assert caught.value.current_version == client.version + 1
    assert book.get(client.account_id).email == "a@b.cn"


def test_unknown_client_is_not_found(book: ClientBook) -> None:
    with pytest.raises(NotFound, match="310999999999"):
        book.get("310999999999")


def test_changes_are_audited_with_before_and_after(book: ClientBook) -> None:
    from branchdesk import audit

    book.update("310000000103", {"email": "lina@example.cn"}, actor="frontdesk")
    events, total = audit.query(book.store, entity_id="310000000103")
    assert events[0].action == "client.update" and events[0].actor == "frontdesk"
    assert events[0].before == {"email": None} and events[0].after == {"email": "lina@example.cn"}
    assert total == 2  # created, then updated


def test_reading_trusts_what_saving_checked(book: ClientBook) -> None:
    """Stored clients were checked when saved; reads do not pay for the checks again.
    Everything that builds a Client from outside the store still checks."""
    import msgspec

    # A document put in behind the book's back, so it never met the checks.
    raw = {"account_id": "310000000199", "name": "赵六", "phone": "12345", "version": 1}
    book.table.put(raw)
    assert book.get("310000000199").phone == "12345"
    assert names(book.search("赵六")) == ["赵六"]
    with pytest.raises(msgspec.ValidationError, match="phone"):
        msgspec.convert(raw, Client)  # the checks are off only inside the book's reads
    with pytest.raises(Invalid, match="phone"):
        book.update("310000000199", {"name": "赵六六"}, actor="t")
