"""``FormModal``: a dialog that sends one call to the server and shows its refusal.

A 400 names every field it refused; the dialog stays open and lists them under the
fields, in the user's language (labels) with the server's reason, and marks each field.
A 409 means the record moved on since it was shown: the dialog closes with
:class:`Stale` and the screen below reloads the record and says what changed. Anything
else (server gone, 403, session ended) is the shell's business, as for every call."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Static

from branchdesk import i18n
from branchdesk.errors import Conflict, FieldError, Invalid
from branchdesk.remote import Call

from ..words import translate_bindings


class Stale:
    """What a form gives back when the server answered 409."""

    def __init__(self, error: Conflict) -> None:
        self.error = error


class FormModal(ModalScreen[Any]):
    BINDINGS = [
        Binding("escape", "cancel", "tui.key.cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "tui.key.save", id="form.save"),
    ]
    #: a refused field as the server names it → the i18n word of its label
    FIELD_WORDS: ClassVar[dict[str, str]] = {
        "note": "tui.col.notes",
        "version": "version",
        "status": "status",
    }
    #: the submit button's word
    SUBMIT: ClassVar[str] = "tui.key.save"

    def __init__(self, title: str) -> None:
        super().__init__(classes="form")
        self.title_text = title
        translate_bindings(self, self.app.lang)

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.app.lang, **values)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            yield from self.compose_fields()
            yield Static(id="form-errors")
            with Horizontal(classes="form-buttons"):
                yield Button(self.t(self.SUBMIT), id="form-submit", variant="primary")
                yield Button(self.t("tui.key.cancel"), id="form-cancel")
        yield Footer()

    def compose_fields(self) -> Iterable[Widget]:
        return ()

    def build_call(self) -> Call[Any] | None:
        """The call the form makes, or None after showing why it cannot be made yet."""
        raise NotImplementedError

    # -- sending ------------------------------------------------------------------------
    @on(Button.Pressed, "#form-submit")
    @on(Input.Submitted)
    def action_submit(self) -> None:
        call = self.build_call()
        if call is not None:
            self._say(Text(self.t("tui.form.working"), style="dim"))
            self.send(call)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(exclusive=True, group="form")
    async def send(self, call: Call[Any]) -> None:
        try:
            result = await self.app.send(call, refusals=(Invalid, Conflict))
        except Invalid as exc:
            self.show_errors(exc.errors)
            return
        except Conflict as exc:
            self.stale(exc)
            return
        if result is None:
            self._say(Text(""))  # the shell has told the user why
            return
        self.done(result)

    def done(self, result: Any) -> None:
        self.dismiss(result)

    def stale(self, error: Conflict) -> None:
        self.dismiss(Stale(error))

    # -- errors -------------------------------------------------------------------------
    def show_errors(self, errors: list[FieldError]) -> None:
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        out = Text(self.t("tui.form.refused"), style="bold")
        for error in errors:
            out.append("\n• ")
            if error.field:
                label = self.t("tui.colon", label=self.field_label(error.field))
                out.append(label, style="bold")
                for widget in self.query(f"#field-{error.field}"):
                    widget.add_class("-invalid")
            out.append(error.message)
        self._say(out)

    def field_label(self, field: str) -> str:
        word = self.FIELD_WORDS.get(field)
        return self.t(word) if word else field

    def _say(self, text: Text) -> None:
        self.query_one("#form-errors", Static).update(text)
