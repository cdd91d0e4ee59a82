"""A new dormant-activation campaign (休眠客户激活): name, period, who (dormant for N
days), how (a channel mix) and how many a day per advisor. Saving creates it as a draft;
the campaigns screen then previews it (a dry run) before anyone runs it for real."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from textual import work
from textual.widget import Widget
from textual.widgets import Input

from branchdesk import i18n
from branchdesk.errors import BranchDeskError
from branchdesk.models import Campaign, Channel, today
from branchdesk.remote import Endpoints

from .. import connection
from ..refusals import refusal
from .form_dialog import FormDialog

DEFAULT_MIX = "phone=60 wechat=30 branch=10"


def parse_mix(text: str) -> dict[str, float] | None:
    """``phone=60 wechat=40`` (or the channels' Chinese or English names) → shares
    summing to 1; None when a channel is unknown or a share is not a number."""
    names = {c.value: c for c in Channel}
    for c in Channel:
        for lang in i18n.LANGS:
            names[i18n.label(c, lang).lower()] = c
    shares: dict[str, float] = {}
    for part in text.replace(",", " ").replace("，", " ").replace("、", " ").split():
        name, _, share = part.partition("=")
        channel = names.get(name.strip().lower())
        try:
            value = float(share.rstrip("%")) if share else 1.0
        except ValueError:
            return None
        if channel is None or value < 0:
            return None
        shares[channel.value] = shares.get(channel.value, 0.0) + value
    total = sum(shares.values())
    if not shares or total <= 0:
        return None
    return {k: round(v / total, 4) for k, v in shares.items()}


class CampaignForm(FormDialog[Campaign | None]):
    title_key = "tui.campaign.new_title"

    def compose_fields(self) -> Iterable[Widget]:
        start = today()
        end = start + timedelta(days=30)
        month = f"{start.year}-{start.month:02d}"
        name = self.t("tui.campaign.default_name", month=month)
        yield from self.field("tui.campaign.name", Input(name, id="name", compact=True))
        yield from self.field(
            "tui.campaign.start", Input(start.isoformat(), id="start", compact=True)
        )
        yield from self.field("tui.campaign.end", Input(end.isoformat(), id="end", compact=True))
        yield from self.field("tui.campaign.dormant_days", Input("180", id="dormant", compact=True))
        yield from self.field("tui.campaign.mix", Input(DEFAULT_MIX, id="mix", compact=True))
        yield from self.field("tui.campaign.daily_limit", Input("8", id="limit", compact=True))

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _text(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value.strip()

    def save(self) -> None:
        try:
            start, end = (
                date.fromisoformat(self._text("start")),
                date.fromisoformat(self._text("end")),
            )
        except ValueError:
            self.say(self.t("tui.form.bad_date"))
            return
        if end < start:
            self.say(self.t("tui.campaign.end_before_start"))
            return
        mix = parse_mix(self._text("mix"))
        if mix is None:
            self.say(self.t("tui.campaign.bad_mix"))
            return
        try:
            dormant, limit = int(self._text("dormant")), int(self._text("limit"))
        except ValueError:
            self.say(self.t("tui.campaign.bad_number"))
            return
        fields: dict[str, Any] = {
            "name": self._text("name"),
            "start": start.isoformat(),
            "end": end.isoformat(),
            "filter": {"dormant_days": dormant},
            "channels": mix,
            "daily_limit": limit,
        }
        self.send(fields)

    @work(exclusive=True, group="form")
    async def send(self, fields: dict[str, Any]) -> None:
        self.busy = True
        try:
            answer = await connection.submit(self.app, Endpoints.create_campaign(fields))  # type: ignore[arg-type]
        finally:
            self.busy = False
        if isinstance(answer, BranchDeskError):
            self.say(refusal(answer, self.lang))
        elif answer is not None:
            self.dismiss(answer)
