"""Quick-log a contact that already happened (a walk-in, a call), or plan a new one.

Both pick the client by typing, a channel (on-site or remote) and a purpose; a product
information task also names the product's risk (R1–R5), which the server checks against
the client's own level (适当性) — a refusal is shown here and the form stays filled in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from textual import on, work
from textual.widget import Widget
from textual.widgets import Input, Select

from branchdesk import i18n
from branchdesk.errors import BranchDeskError
from branchdesk.models import (
    Channel,
    Client,
    Direction,
    Outcome,
    ProductRisk,
    Purpose,
    today,
)
from branchdesk.models.service_api import QuickLog
from branchdesk.remote import Endpoints

from .. import connection
from ..refusals import refusal
from ..widgets.client_picker import ClientPicker
from .form_dialog import FormDialog, enum_select
from .task_actions import Saved, saved_note


def channel_select(lang: str, *, id: str, value: Channel = Channel.PHONE) -> Select[str]:
    """Channels with their kind, so on-site and remote service read apart."""
    options = [(f"{i18n.label(c, lang)} · {i18n.label(c.kind, lang)}", c.value) for c in Channel]
    return Select(options, id=id, value=value.value, allow_blank=False, compact=True)


class TaskForm(FormDialog[Saved | None]):
    """``mode`` "log": done now, with an outcome; "plan": a due date, done later."""

    def __init__(
        self, mode: str, *, client: Client | None = None, channel: Channel | None = None
    ) -> None:
        super().__init__()
        self.mode = mode
        self.client = client
        self.channel = channel or (Channel.BRANCH if mode == "log" else Channel.PHONE)

    def title_text(self) -> str:
        return self.t("tui.form.log_title" if self.mode == "log" else "tui.form.plan_title")

    def compose_fields(self) -> Iterable[Widget]:
        lang = self.lang
        yield from self.field("tui.form.client", ClientPicker(self.client, id="picker"))
        if self.mode == "plan":
            due = (today() + timedelta(days=1)).isoformat()
            yield from self.field(
                "tui.form.due", Input(due, id="due", placeholder="YYYY-MM-DD", compact=True)
            )
        yield from self.field("channel", channel_select(lang, id="channel", value=self.channel))
        if self.mode == "log":
            yield from self.field("direction", enum_select(Direction, lang, id="direction"))
        yield from self.field(
            "purpose", enum_select(Purpose, lang, id="purpose", value=Purpose.RELATIONSHIP)
        )
        risk = enum_select(ProductRisk, lang, id="product-risk", blank=True)
        yield from self.field("tui.form.product_risk", risk)
        if self.mode == "log":
            yield from self.field("outcome", enum_select(Outcome, lang, id="outcome", blank=True))
            scores = Select(
                [(str(n), n) for n in range(1, 6)], id="satisfaction", prompt="—", compact=True
            )
            yield from self.field("satisfaction", scores)
        yield from self.field("notes", Input(id="notes", compact=True))

    def on_mount(self) -> None:
        self._product_fields()
        if self.client is None:
            self.query_one("#client-query", Input).focus()
        else:
            self.query_one("#channel", Select).focus()

    @on(Select.Changed, "#purpose")
    def _product_fields(self) -> None:
        # Only a product-information task names a product (and is checked for suitability).
        shown = self.query_one("#purpose", Select).value == Purpose.PRODUCT_INFO.value
        self.query_one("#product-risk-row").display = shown

    @on(ClientPicker.Picked)
    def _picked(self, event: ClientPicker.Picked) -> None:
        self.client = event.client
        self.say("", error=False)
        self.query_one("#channel", Select).focus()

    def _value(self, id: str) -> Any:
        return self.query_one(f"#{id}", Select).selection

    def save(self) -> None:
        if self.client is None:
            self.say(self.t("tui.form.pick_client"))
            return
        purpose = Purpose(self._value("purpose"))
        risk = self._value("product-risk") if purpose is Purpose.PRODUCT_INFO else None
        notes = self.query_one("#notes", Input).value.strip()
        fields: dict[str, Any] = {
            "account_id": self.client.account_id,
            "channel": self._value("channel"),
            "purpose": purpose.value,
            "notes": notes,
        }
        if risk:
            fields["product_risk"] = risk
        if self.mode == "log":
            outcome = self._value("outcome")
            if outcome is None:
                self.say(self.t("tui.refusal.outcome"))
                return
            fields.update(outcome=outcome, direction=self._value("direction"))
            if self._value("satisfaction") is not None:
                fields["satisfaction"] = self._value("satisfaction")
            call = Endpoints.log_task(QuickLog(**fields))
        else:
            try:
                due = date.fromisoformat(self.query_one("#due", Input).value.strip())
            except ValueError:
                self.say(self.t("tui.form.bad_date"))
                return
            call = Endpoints.create_task({**fields, "due_date": due.isoformat()})
        self.send(call, ProductRisk(risk) if risk else None)

    @work(exclusive=True, group="form")
    async def send(self, call: Any, risk: ProductRisk | None) -> None:
        self.busy = True
        try:
            answer = await connection.submit(self.app, call)  # type: ignore[arg-type]
        finally:
            self.busy = False
        if isinstance(answer, BranchDeskError):
            self.say(refusal(answer, self.lang, client=self.client, product_risk=risk))
        elif answer is not None:
            name = self.client.name if self.client else ""
            self.dismiss(Saved(answer, saved_note(answer, name, self.lang)))
