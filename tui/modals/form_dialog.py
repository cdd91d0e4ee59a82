"""``FormDialog``: the service desk's dialogs (tasks, campaigns). A box with a title, a
message line for refusals, and Save / Cancel (Ctrl+S, Escape). A form sends its own call
(``connection.submit``), so a refusal leaves it open with everything typed still there, and
the message says why in the user's language. (The churn dialogs use ``form.FormModal``,
which marks each refused field; the two grew side by side and could become one.)"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Label, Select, Static

from branchdesk import i18n

from ..words import translate_bindings

R = TypeVar("R")


class FormDialog(ModalScreen[R]):
    #: i18n key of the dialog's title
    title_key = ""
    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.save", id="form.save"),
        Binding("escape", "cancel", "tui.key.cancel", id="form.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.lang)
        self.busy = False

    @property
    def lang(self) -> str:
        return self.app.lang

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.app.lang, **values)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="service-form-box") as box:
            box.border_title = self.title_text()
            yield from self.compose_fields()
            yield Static(id="form-message")
            with Horizontal(classes="service-form-buttons"):
                save = self.t("tui.key.save") + " (Ctrl+S)"
                yield Button(save, variant="primary", id="form-save", compact=True)
                yield Button(self.t("tui.key.cancel") + " (Esc)", id="form-cancel", compact=True)

    def title_text(self) -> str:
        return self.t(self.title_key)

    def compose_fields(self) -> Iterable[Widget]:
        return ()

    def field(self, label_key: str, widget: Widget, **values: object) -> Iterable[Widget]:
        """A row: the label, then the field (the row is ``#<field id>-row``)."""
        row_id = f"{widget.id}-row" if widget.id else None
        label = Label(self.t(label_key, **values), classes="service-form-label")
        yield Horizontal(label, widget, classes="service-form-row", id=row_id)

    def say(self, text: str, *, error: bool = True) -> None:
        message = self.query_one("#form-message", Static)
        message.set_class(error, "-error")
        message.update(Text(text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "form-save":
            self.action_save()
        elif event.button.id == "form-cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        if not self.busy:
            self.save()

    def save(self) -> None:
        """Check, send (in a worker), then ``dismiss`` the answer or ``say`` the refusal."""


def enum_select(
    enum: type[StrEnum],
    lang: str,
    *,
    id: str,
    value: StrEnum | None = None,
    blank: bool = False,
    values: Iterable[StrEnum] | None = None,
) -> Select[str]:
    options = [(i18n.label(v, lang), v.value) for v in (values or enum)]
    initial: Any = value.value if value is not None else Select.NULL
    if not blank and value is None:
        initial = options[0][1]
    return Select(options, id=id, value=initial, allow_blank=blank, prompt="—", compact=True)
