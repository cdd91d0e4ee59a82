"""System-sent care: thank-yous due within 2 working days (weekends, holidays and make-up
days counted right), greetings drafted once per occasion, and consent respected."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from branchdesk.activity import Activity
from branchdesk.errors import Invalid
from branchdesk.models import (
    ActivitySnapshot,
    Channel,
    Outcome,
    Purpose,
    TaskStatus,
)
from branchdesk.models.service_api import (
    GreetingRequest,
    Occasion,
    OutboxEncoding,
    ThankYouEvent,
    ThankYouIn,
)
from branchdesk.service.greetings import run_greetings
from branchdesk.service.outbox import Outbox, read_outbox
from branchdesk.service.thankyou import add_thank_you, scan_thank_yous
from branchdesk.tasks import TaskBook

from .conftest import WANG


def deposit(store, account_id: str, day: date, amount: float) -> None:
    """The back office reports a day's transfer in (a daily snapshot)."""
    snap = ActivitySnapshot(
        account_id=account_id, period=day, total_assets=amount + 50_000, transfer_in=amount
    )
    Activity(store).record([snap], actor="import", on=date(2026, 11, 25))


@pytest.mark.parametrize(
    ("event_day", "due"),
    [
        (date(2026, 11, 20), date(2026, 11, 24)),  # Friday → over the weekend → Tuesday
        (date(2026, 9, 30), date(2026, 10, 9)),  # before the National Day week off
        (date(2026, 10, 9), date(2026, 10, 12)),  # Saturday 10 Oct is a make-up working day
        (date(2026, 9, 24), date(2026, 9, 29)),  # Mid-Autumn Friday and weekend
        (date(2026, 2, 13), date(2026, 2, 24)),  # Spring Festival, with its make-up Saturday
    ],
)
def test_a_large_deposit_is_thanked_within_two_working_days(
    demo_store, add_client, event_day, due
) -> None:
    client = add_client()
    deposit(demo_store, client.account_id, event_day, 150_000)
    run = scan_thank_yous(demo_store, since=event_day, until=event_day, actor="system")
    mine = [t for t in run.created if t.account_id == client.account_id]
    assert len(mine) == 1
    task = mine[0]
    assert task.due_date == due and task.purpose is Purpose.THANK_YOU
    assert task.assignee == "A01" and task.status is TaskStatus.PLANNED
    assert "¥150,000" in task.notes


def test_a_small_deposit_is_not_thanked_and_the_threshold_is_a_setting(
    demo_store, add_client
) -> None:
    from branchdesk.models import CareRules
    from branchdesk.rules import set_rules

    client = add_client()
    deposit(demo_store, client.account_id, date(2026, 11, 20), 99_999)
    run = scan_thank_yous(
        demo_store, since=date(2026, 11, 20), until=date(2026, 11, 20), actor="system"
    )
    assert client.account_id not in {t.account_id for t in run.created}
    set_rules(demo_store, CareRules, {"thank_you_deposit_min": 50_000}, actor="manager")
    run = scan_thank_yous(
        demo_store, since=date(2026, 11, 20), until=date(2026, 11, 20), actor="system"
    )
    assert client.account_id in {t.account_id for t in run.created}


def test_each_event_is_thanked_once_and_referrals_and_products_too(demo_store, add_client) -> None:
    client = add_client()
    deposit(demo_store, client.account_id, date(2026, 11, 20), 300_000)
    since, until = date(2026, 11, 1), date(2026, 11, 25)
    first = scan_thank_yous(demo_store, since=since, until=until, actor="system")
    again = scan_thank_yous(demo_store, since=since, until=until, actor="system")
    assert client.account_id in {t.account_id for t in first.created}
    assert again.created == [] and again.already == len(first.created)
    # A referral given on a Friday call, thanked by the following Tuesday.
    book = TaskBook(demo_store)
    from branchdesk.models.service_api import QuickLog

    book.log(
        QuickLog(
            account_id=WANG,
            channel=Channel.PHONE,
            purpose=Purpose.REFERRAL,
            outcome=Outcome.REFERRAL,
            on=date(2026, 11, 20),
        ),
        actor="a02",
    )
    referral = scan_thank_yous(demo_store, since=since, until=until, actor="system")
    assert [(t.account_id, t.due_date) for t in referral.created] == [(WANG, date(2026, 11, 24))]
    product = add_thank_you(
        demo_store,
        ThankYouIn(
            account_id=WANG,
            event=ThankYouEvent.NEW_PRODUCT,
            on=date(2026, 11, 25),
            detail="稳健债券A",
        ),
        actor="frontdesk",
    )
    assert product.created[0].due_date == date(2026, 11, 27)
    assert "稳健债券A" in product.created[0].notes


def test_a_client_who_refused_contact_is_not_thanked(demo_store, add_client) -> None:
    client = add_client(contact_consent=False)
    deposit(demo_store, client.account_id, date(2026, 11, 20), 500_000)
    run = scan_thank_yous(
        demo_store, since=date(2026, 11, 20), until=date(2026, 11, 20), actor="system"
    )
    assert client.account_id not in {t.account_id for t in run.created}
    assert run.no_consent >= 1


def greet(store, occasion=Occasion.SPRING_FESTIVAL, on=date(2027, 2, 6), **more):
    return run_greetings(store, GreetingRequest(occasion=occasion, on=on, **more), actor="manager")


def test_greetings_go_to_consenting_clients_once(demo_store, add_client) -> None:
    refuses = add_client(contact_consent=False, name="不打扰")
    first = greet(demo_store)
    tasks = demo_store.table("tasks")
    logged = len(tasks)
    assert first.total == len(first.messages) + first.no_consent + first.no_phone + first.lost
    assert first.lost > 0  # the demo branch has clients who left
    accounts = {m.account_id for m in first.messages}
    assert refuses.account_id not in accounts and WANG in accounts
    wang = next(m for m in first.messages if m.account_id == WANG)
    assert wang.channel is Channel.WECHAT  # her preferred channel; the others get SMS
    assert wang.text.startswith("尊敬的王女士：新春佳节") and "刘晓燕" in wang.text
    task = TaskBook(demo_store).get(wang.task_id)
    assert task.purpose is Purpose.GREETING and task.status is TaskStatus.DONE
    assert task.kind.value == "remote" and task.notes == wang.text
    second = greet(demo_store)
    assert second.messages == [] and second.already_sent == len(first.messages)
    assert len(tasks) == logged  # nothing logged twice
    next_year = greet(demo_store, on=date(2028, 1, 26))
    assert len(next_year.messages) == len(first.messages)


def test_a_greeting_does_not_count_as_keeping_in_touch(demo_store, add_client) -> None:
    client = add_client()
    greet(demo_store)
    from branchdesk.book import ClientBook

    assert ClientBook(demo_store).get(client.account_id).last_contact_date is None


def test_birthdays_on_the_day_and_leap_day_birthdays_on_28_february(demo_store, add_client) -> None:
    today_born = add_client(birthday=date(1980, 11, 25))
    leap_born = add_client(birthday=date(1984, 2, 29))
    on_day = greet(demo_store, Occasion.BIRTHDAY, date(2026, 11, 25))
    assert today_born.account_id in {m.account_id for m in on_day.messages}
    assert all(m.text.startswith("尊敬的") and "生日快乐" in m.text for m in on_day.messages)
    feb = greet(demo_store, Occasion.BIRTHDAY, date(2027, 2, 28))
    assert leap_born.account_id in {m.account_id for m in feb.messages}


def test_english_templates(demo_store) -> None:
    batch = greet(demo_store, Occasion.MID_AUTUMN, date(2026, 9, 25), lang="en", dry_run=True)
    assert batch.messages[0].text.startswith("Dear ")
    assert "Mid-Autumn" in batch.messages[0].text and batch.messages[0].task_id is None


def test_batches_cover_the_whole_book_once(demo_store) -> None:
    seen: list[str] = []
    offset, total = 0, 1
    while offset < total:
        batch = greet(
            demo_store, Occasion.NATIONAL_DAY, date(2026, 10, 1), offset=offset, limit=700
        )
        total = batch.total
        seen += [m.account_id for m in batch.messages]
        offset += 700
    assert len(seen) == len(set(seen))
    assert (
        len(demo_store.table("tasks").index("occasion").get(f"greeting:national_day:2026:{WANG}"))
        == 1
    )


def test_a_gbk_outbox_holds_the_messages_and_unencodable_names_are_refused(
    demo_store, add_client, tmp_path: Path
) -> None:
    batch = greet(demo_store, encoding=OutboxEncoding.GBK)
    path = tmp_path / "out.csv"
    with Outbox(path, "gbk") as box:
        box.write(batch.messages)
    rows = read_outbox(path, "gbk")
    assert len(rows) == len(batch.messages)
    assert any(r["name"] == "王女士" and "新春快乐" in r["message"] for r in rows)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    rare = add_client(name="王𠮷")  # a character GBK does not have
    logged = len(demo_store.table("tasks"))
    with pytest.raises(Invalid) as refused:
        greet(demo_store, Occasion.NATIONAL_DAY, date(2026, 10, 1), encoding=OutboxEncoding.GBK)
    assert refused.value.errors[0].field == "encoding"
    assert rare.account_id in str(refused.value)
    assert len(demo_store.table("tasks")) == logged  # nothing logged from that batch
    ok = greet(
        demo_store, Occasion.NATIONAL_DAY, date(2026, 10, 1), encoding=OutboxEncoding.GB18030
    )
    assert rare.account_id in {m.account_id for m in ok.messages}
