"""The churn rule set for managers: every threshold with its value; pick one, type the
new value, Enter saves it through ``PATCH /rules/churn`` (versioned and audited there).

The server is the only judge of a value: ``1.5`` for a ratio or ``25:00`` for the scan
time comes back as a 400 naming the setting, shown here as it came. A change someone
else saved since the dialog opened comes back as a 409: the dialog reloads the rules
and says so, keeping what was typed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec
from rich.text import Text
from textual import on, work
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from branchdesk.errors import Conflict, FieldError
from branchdesk.models.api import RuleSetView
from branchdesk.remote import Call, Endpoints

from .form import FormModal

RULE_SET = "churn"


def value_text(value: Any) -> str:
    """As typed: ``180``, ``0.5``, ``07:30``, ``["dormant", "outflow"]``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # money thresholds come back as 10000.0; a person wrote 10000
    return value if isinstance(value, str) else msgspec.json.encode(value).decode()


def parse_value(text: str) -> Any:
    """What was typed, as JSON when it reads as JSON (numbers, lists), else as text."""
    try:
        return msgspec.json.decode(text)
    except msgspec.DecodeError:
        return text


class RulesForm(FormModal):
    def __init__(self) -> None:
        super().__init__("")
        self.view: RuleSetView | None = None
        self.title_text = self.t("tui.rules.title", version="…")

    def compose_fields(self) -> Iterable[Widget]:
        yield Static(Text(self.t("tui.rules.hint"), style="dim"))
        table = DataTable(id="rules-table", cursor_type="row", zebra_stripes=True)
        table.add_column(self.t("tui.rules.setting"), key="setting", width=68)
        table.add_column(self.t("tui.rules.value"), key="value", width=28)
        yield table
        yield Static(id="rules-editing", classes="form-label")
        yield Input(id="rules-value")

    def on_mount(self) -> None:
        self.load()

    def label(self, key: str) -> str:
        word = f"rules.{RULE_SET}.{key}"
        text = self.t(word)
        return key if text == word else f"{text} ({key})"

    field_label = label

    @work(exclusive=True, group="rules")
    async def load(self) -> None:
        view = await self.app.send(Endpoints.rule_set(RULE_SET))
        if view is not None:
            self.show_view(view)

    def show_view(self, view: RuleSetView) -> None:
        self.view = view
        self.query_one("#form-title", Static).update(
            Text(self.t("tui.rules.title", version=view.version), style="bold")
        )
        table = self.query_one("#rules-table", DataTable)
        row = table.cursor_row
        table.clear()
        for key, value in view.values.items():
            table.add_row(Text(self.label(key)), Text(value_text(value)), key=key)
        table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self._editing(typed=False)

    def current_key(self) -> str | None:
        table = self.query_one("#rules-table", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowHighlighted, "#rules-table")
    def _picked(self) -> None:
        self._editing(typed=False)

    @on(DataTable.RowSelected, "#rules-table")
    def _chosen(self) -> None:
        self.query_one("#rules-value", Input).focus()

    def _editing(self, *, typed: bool) -> None:
        key = self.current_key()
        if key is None or self.view is None:
            return
        self.query_one("#rules-editing", Static).update(
            Text(self.t("tui.rules.new_value", setting=self.label(key)))
        )
        box = self.query_one("#rules-value", Input)
        if not typed:
            box.value = value_text(self.view.values[key])
        box.remove_class("-invalid")

    # -- saving -------------------------------------------------------------------------
    def build_call(self) -> Call[Any] | None:
        key = self.current_key()
        if key is None or self.view is None:
            return None
        value = parse_value(self.query_one("#rules-value", Input).value.strip())
        return Endpoints.change_rules(RULE_SET, {key: value}, version=self.view.version)

    def done(self, result: RuleSetView) -> None:
        before = self.view
        key = self.current_key() or ""
        if before is not None and result.version == before.version:
            self._say(Text(self.t("tui.rules.unchanged"), style="dim"))
        else:
            value = value_text(result.values.get(key))
            saved = self.t(
                "tui.rules.saved", setting=self.label(key), value=value, version=result.version
            )
            self._say(Text(saved, style="bold"))
            self.app.notify(saved, markup=False)
        self.show_view(result)

    def stale(self, error: Conflict) -> None:
        # Reload what is there now; what the manager typed stays in the box.
        version = error.current_version if error.current_version is not None else "?"
        self._say(Text(self.t("tui.rules.stale", version=version), style="bold"))
        self.reload_keeping_input()

    @work(exclusive=True, group="rules")
    async def reload_keeping_input(self) -> None:
        typed = self.query_one("#rules-value", Input).value
        view = await self.app.send(Endpoints.rule_set(RULE_SET))
        if view is None:
            return
        self.view = view
        self.query_one("#form-title", Static).update(
            Text(self.t("tui.rules.title", version=view.version), style="bold")
        )
        table = self.query_one("#rules-table", DataTable)
        for key, value in view.values.items():
            if key in table.rows:
                table.update_cell(key, "value", Text(value_text(value)))
        self.query_one("#rules-value", Input).value = typed

    def show_errors(self, errors: list[FieldError]) -> None:
        super().show_errors(errors)
        self.query_one("#rules-value", Input).add_class("-invalid")
