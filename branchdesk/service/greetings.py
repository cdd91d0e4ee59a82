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
from itertools import islice

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
from .bulk import insert_tasks, stamper, without_gc
from .spread import Team

#: channels a greeting can go out on through the branch's SMS/WeChat gateway
GATEWAY_CHANNELS = (Channel.SMS, Channel.WECHAT)
GATEWAY_VALUES = frozenset(c.value for c in GATEWAY_CHANNELS)
_CHANNELS: dict[str, Channel] = {**{c.value: c for c in Channel}, **{c: c for c in Channel}}


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


#: what drafting a client's greeting reads of them
FIELDS = (
    "account_id",
    "name",
    "phone",
    "status",
    "contact_consent",
    "preferred_channel",
    "advisor_id",
)


def covered(
    store: Store, occasion: Occasion, on: date, offset: int, limit: int
) -> tuple[int, list[str]]:
    """(how many clients the run passes over, the account ids of this batch), in
    account order. A festival passes over the whole book (lost clients are skipped and
    counted); a birthday run over the clients born on that day of the year."""
    clients = store.table("clients")
    index = clients.index("account")
    if occasion is not Occasion.BIRTHDAY:
        batch = islice(index.range(), offset, offset + limit)  # type: ignore[union-attr]
        return len(clients), [account_id for _, account_id in batch]
    ids = [account_id for _, account_id in index.range()]  # type: ignore[union-attr]
    (birthdays,) = clients.columns(ids, "birthday")
    born = [i for i, b in zip(ids, birthdays, strict=True) if _birthday_on(b, on)]
    return len(born), born[offset : offset + limit]


def render(occasion: Occasion, lang: str, *, name: str, advisor: str | None, branch: str) -> str:
    text = i18n.t(f"greeting.{occasion.value}", lang, name=name, branch=branch)
    if advisor:
        text += i18n.t("greeting.signoff", lang, advisor=advisor)
    return text


class _Drafter:
    """What every message of a run shares, worked out once: the template, the branch's
    name, each advisor's sign-off, the channel costs (the loop runs 50,000 times)."""

    def __init__(self, store: Store, req: GreetingRequest, actor: str) -> None:
        care = get_rules(store, CareRules)
        self.costs = {c.value: v for c, v in get_rules(store, ChannelCosts).costs.items()}
        self.fallback = care.greeting_channel.value
        branch = care.branch_name or i18n.t("greeting.branch", req.lang)
        self.template = i18n.t(f"greeting.{req.occasion.value}", req.lang)
        self.branch = branch
        self.lang = req.lang
        self.team = Team(store)
        self.signoffs: dict[str | None, tuple[str | None, str]] = {}
        self.encoding = req.encoding.value
        stamp = now().isoformat()
        self.make = stamper(
            actor=actor,
            stamp=stamp,
            purpose=Purpose.GREETING,
            status=TaskStatus.DONE,
            outcome=Outcome.REACHED,
            done_by=actor,
            done_at=stamp,
            due_date=req.on,
        )

    def advisor(self, advisor_id: str | None) -> tuple[str | None, str]:
        """(who does the client's work, the sign-off with their name)."""
        known = self.signoffs.get(advisor_id)
        if known is None:
            worker = self.team.worker(advisor_id)
            signoff = (
                i18n.t("greeting.signoff", self.lang, advisor=self.team.name(worker))
                if worker
                else ""
            )
            known = self.signoffs[advisor_id] = (worker, signoff)
        return known

    def text(self, name: str, signoff: str) -> str:
        return self.template.format(name=name, branch=self.branch) + signoff


@without_gc
def run_greetings(store: Store, req: GreetingRequest, *, actor: str) -> GreetingBatch:
    """Draft (and unless ``dry_run`` log) one batch of greetings; see the module doc."""
    total, batch = covered(store, req.occasion, req.on, req.offset, req.limit)
    columns = store.table("clients").columns(batch, *FIELDS)
    tasks = store.table("tasks")
    by_key = tasks.index("occasion")
    result = GreetingBatch(
        occasion=req.occasion,
        on=req.on,
        total=total,
        offset=req.offset,
        limit=req.limit,
        messages=[],
        dry_run=req.dry_run,
    )
    draft = _Drafter(store, req, actor)
    prefix = occasion_key(req.occasion, req.on, "")
    lost, gateway = ClientStatus.LOST.value, GATEWAY_VALUES
    docs: list[dict] = []
    messages = result.messages
    unencodable: list[FieldError] = []
    for account_id, name, phone, status, consent, preferred, advisor_id in zip(
        *columns, strict=True
    ):
        if status == lost:
            result.lost += 1
            continue
        key = prefix + account_id
        sent = by_key.get(key)
        if req.resend:
            for task_id in sent:
                task = tasks.doc(task_id)
                messages.append(
                    _message(account_id, name, phone, task["channel"], task["notes"], task_id)
                )
            continue
        if sent:
            result.already_sent += 1
            continue
        if consent is False:
            result.no_consent += 1
            continue
        if not phone:
            result.no_phone += 1
            continue
        channel = preferred if preferred in gateway else draft.fallback
        worker, signoff = draft.advisor(advisor_id)
        text = draft.text(name, signoff)
        try:
            text.encode(draft.encoding)  # the name is in the text
        except UnicodeEncodeError:
            unencodable.append(
                FieldError("encoding", f"client {account_id} ({name}) has characters")
            )
            continue
        doc = draft.make(
            account_id=account_id,
            channel=channel,
            cost=draft.costs[channel],
            assignee=worker,
            occasion=key,
            notes=text,
        )
        docs.append(doc)
        task_id = None if req.dry_run else doc["id"]
        messages.append(_message(account_id, name, phone, channel, text, task_id))
    if unencodable:
        shown = unencodable[:5]
        raise Invalid(
            [
                FieldError(
                    "encoding",
                    f"{len(unencodable)} message(s) cannot be written in {draft.encoding}; "
                    "choose utf-8 or gb18030",
                ),
                *(FieldError("encoding", f"{e.message} {draft.encoding} lacks") for e in shown),
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
            f"{req.offset + len(batch)} of {total})",
        )
    return result


def _message(
    account_id: str, name: str, phone: str | None, channel: str, text: str, task_id: str | None
) -> GreetingMessage:
    return GreetingMessage(
        account_id=account_id,
        name=name,
        phone=phone or "",
        channel=_CHANNELS[channel],
        text=text,
        task_id=task_id,
    )
