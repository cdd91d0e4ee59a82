"""Greetings (节日祝福) for Spring Festival, Mid-Autumn, National Day and birthdays.

The system drafts one message per consenting client from the templates in
:mod:`branchdesk.i18n`, logs each as a done remote task (SMS, or WeChat for clients who
prefer it) whose occasion key ``greeting:<occasion>:<year>:<account>`` makes a second run
for the same occasion draft nothing, and hands the messages back for the gateway's outbox.

A run covers its clients in batches (``offset``/``limit`` over the clients sorted by
account id): each batch is one transaction, a progress bar can follow the batches, and a
server answers other requests between them. Because of the occasion keys an interrupted
run is finished by running it again."""

from __future__ import annotations

from datetime import date

from .. import i18n
from ..errors import FieldError, Invalid
from ..models import (
    CareRules,
    Channel,
    ChannelCosts,
    ClientStatus,
    Outcome,
    Purpose,
    TaskStatus,
    now,
)
from ..models.service_api import GreetingBatch, GreetingMessage, GreetingRequest, Occasion
from ..rules import get_rules
from ..store import Store
from .bulk import insert_tasks, task_doc
from .spread import Team

#: channels a greeting can go out on through the branch's SMS/WeChat gateway
GATEWAY_CHANNELS = (Channel.SMS, Channel.WECHAT)


def occasion_key(occasion: Occasion, on: date, account_id: str) -> str:
    return f"greeting:{occasion.value}:{on.year}:{account_id}"


def _birthday_on(birthday: str | None, on: date) -> bool:
    if not birthday:
        return False
    month, day = int(birthday[5:7]), int(birthday[8:10])
    if (month, day) == (on.month, on.day):
        return True
    # 29 February birthdays are greeted on 28 February in other years.
    leap = on.year % 4 == 0 and (on.year % 100 != 0 or on.year % 400 == 0)
    return (month, day) == (2, 29) and not leap and (on.month, on.day) == (2, 28)


def covered(store: Store, occasion: Occasion, on: date) -> list[dict]:
    """The clients an occasion covers, by account id: everyone on the book (not lost),
    or for birthdays those whose birthday is ``on``."""
    clients = store.table("clients")
    out = []
    for _, account_id in clients.index("account").range():  # type: ignore[union-attr]
        doc = clients.doc(account_id)
        if doc is None or doc.get("status") == ClientStatus.LOST.value:
            continue
        if occasion is Occasion.BIRTHDAY and not _birthday_on(doc.get("birthday"), on):
            continue
        out.append(doc)
    return out


def render(occasion: Occasion, lang: str, *, name: str, advisor: str | None, branch: str) -> str:
    text = i18n.t(f"greeting.{occasion.value}", lang, name=name, branch=branch)
    if advisor:
        text += i18n.t("greeting.signoff", lang, advisor=advisor)
    return text


def run_greetings(store: Store, req: GreetingRequest, *, actor: str) -> GreetingBatch:
    """Draft (and unless ``dry_run`` log) one batch of greetings; see the module doc."""
    care = get_rules(store, CareRules)
    costs = get_rules(store, ChannelCosts).costs
    branch = care.branch_name or i18n.t("greeting.branch", req.lang)
    team = Team(store)
    targets = covered(store, req.occasion, req.on)
    batch = targets[req.offset : req.offset + req.limit]
    tasks = store.table("tasks")
    by_key = tasks.index("occasion")
    stamp = now()
    result = GreetingBatch(
        occasion=req.occasion,
        on=req.on,
        total=len(targets),
        offset=req.offset,
        limit=req.limit,
        messages=[],
        dry_run=req.dry_run,
    )
    docs: list[dict] = []
    unencodable: list[FieldError] = []
    for client in batch:
        account_id = client["account_id"]
        key = occasion_key(req.occasion, req.on, account_id)
        sent = by_key.get(key)
        if req.resend:
            for task_id in sent:
                task = tasks.doc(task_id)
                result.messages.append(_message(client, task["channel"], task["notes"], task_id))
            continue
        if sent:
            result.already_sent += 1
            continue
        if not client.get("contact_consent", True):
            result.no_consent += 1
            continue
        if not client.get("phone"):
            result.no_phone += 1
            continue
        preferred = Channel(client.get("preferred_channel", "phone"))
        channel = preferred if preferred in GATEWAY_CHANNELS else care.greeting_channel
        advisor = team.worker(client.get("advisor_id"))
        text = render(
            req.occasion,
            req.lang,
            name=client["name"],
            advisor=team.name(advisor) if advisor else None,
            branch=branch,
        )
        try:
            f"{client['name']}{text}".encode(req.encoding.value)
        except UnicodeEncodeError:
            unencodable.append(
                FieldError("encoding", f"client {account_id} ({client['name']}) has characters")
            )
            continue
        doc = task_doc(
            account_id=account_id,
            channel=channel,
            purpose=Purpose.GREETING,
            due=req.on,
            assignee=advisor,
            actor=actor,
            stamp=stamp,
            cost=costs[channel],
            status=TaskStatus.DONE,
            outcome=Outcome.REACHED,
            done_by=actor,
            done_at=stamp,
            occasion=key,
            notes=text,
        )
        docs.append(doc)
        result.messages.append(_message(client, channel, text, None if req.dry_run else doc["id"]))
    if unencodable:
        shown = unencodable[:5]
        raise Invalid(
            [
                FieldError(
                    "encoding",
                    f"{len(unencodable)} message(s) cannot be written in {req.encoding.value}; "
                    "choose utf-8 or gb18030",
                ),
                *(FieldError("encoding", f"{e.message} {req.encoding.value} lacks") for e in shown),
            ]
        )
    if docs and not req.dry_run:
        insert_tasks(
            store,
            docs,
            actor=actor,
            action="care.greetings",
            entity_id=f"{req.occasion.value}:{req.on.isoformat()}",
            detail=f"{len(docs)} greetings drafted (clients {req.offset + 1}–"
            f"{req.offset + len(batch)} of {len(targets)})",
        )
    return result


def _message(
    client: dict, channel: str | Channel, text: str, task_id: str | None
) -> GreetingMessage:
    return GreetingMessage(
        account_id=client["account_id"],
        name=client["name"],
        phone=client.get("phone") or "",
        channel=Channel(channel),
        text=text,
        task_id=task_id,
    )
