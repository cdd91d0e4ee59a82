"""Edit one advisor: level, capacity, skills 1–5, backup, phone (managers).

Only what the user changed is sent, with the version the form was opened on. The server
is the judge of what is valid: its refusals are shown under the field they concern, in
the user's language where we know the words; a change someone else saved in between
(409) is said plainly and nothing is overwritten."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Select, Static

from branchdesk import i18n
from branchdesk.errors import Conflict, FieldError, Invalid
from branchdesk.models import Advisor, AdvisorLevel, Skill
from branchdesk.remote import Endpoints

from .. import connection
from ..assign_format import field_message, skill_word
from ..words import translate_bindings

FIELDS = ("level", "capacity", "skills", "backup_id", "phone")
NO_BACKUP = ""


class EditAdvisorModal(ModalScreen[Advisor | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.save", id="edit.save"),
        Binding("escape", "cancel", "tui.key.cancel", id="edit.cancel"),
    ]

    def __init__(self, advisor: Advisor, advisors: list[Advisor]) -> None:
        super().__init__(id="advisor-edit", classes="dialog")
        self.advisor = advisor
        self.others = [a for a in advisors if a.id != advisor.id]
        translate_bindings(self, self.app.lang)

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.app.lang, **values)

    # -- the form -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        a, lang = self.advisor, self.app.lang
        with Vertical(classes="dialog-box edit-box"):
            title = self.t("tui.adv.edit.title", id=a.id, name=a.name)
            yield Static(Text(title, style="bold"), classes="dialog-title")
            levels = [(i18n.label(lv, lang), lv.value) for lv in AdvisorLevel]
            yield from self._field(
                "level",
                Select(
                    levels, value=a.level.value, allow_blank=False, compact=True, id="field-level"
                ),
            )
            yield from self._field(
                "capacity",
                Input(f"{a.capacity:g}", compact=True, id="field-capacity"),
                hint=self.t("tui.adv.capacity_hint"),
            )
            yield Static(Text(self.t("tui.adv.field.skills")), classes="field-label")
            with Grid(classes="skill-grid"):
                for skill in Skill:
                    level = a.skills.get(skill)
                    yield Static(Text(skill_word(skill, lang)), classes="skill-label")
                    yield Input(
                        str(level) if level else "",
                        restrict=r"[0-9]*",
                        max_length=2,
                        compact=True,
                        id=f"skill-{skill.value}",
                        classes="skill-input",
                    )
            yield Static(classes="field-error", id="err-skills")
            backups = [(Text(self.t("tui.adv.no_backup")), NO_BACKUP)] + [
                (Text(f"{o.id} {o.name}"), o.id)
                for o in self.others  # names are not markup
            ]
            yield from self._field(
                "backup_id",
                Select(
                    backups,
                    value=a.backup_id or NO_BACKUP,
                    allow_blank=False,
                    compact=True,
                    id="field-backup_id",
                ),
            )
            yield from self._field("phone", Input(a.phone or "", compact=True, id="field-phone"))
            yield Static(classes="dialog-message", id="edit-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("tui.key.save"), variant="primary", id="save")
                yield Button(self.t("tui.key.cancel"), id="cancel")
        yield Footer()

    def _field(self, name: str, widget: Input | Select, hint: str = "") -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Static(Text(self.t(f"tui.adv.field.{name}")), classes="field-label")
            yield widget
            if hint:
                yield Static(Text(hint, style="dim"), classes="field-hint")
        yield Static(classes="field-error", id=f"err-{name}")

    def on_mount(self) -> None:
        self.query_one("#field-capacity", Input).focus()
        self._errors([])

    # -- reading it back ----------------------------------------------------------------
    def changes(self) -> tuple[dict[str, Any], list[FieldError]]:
        """What the user changed, and what cannot even be sent (not a number)."""
        a, problems = self.advisor, []
        out: dict[str, Any] = {}
        level = self.query_one("#field-level", Select).value
        if level != a.level.value:
            out["level"] = level
        text = self.query_one("#field-capacity", Input).value.strip()
        try:
            capacity = float(text)
        except ValueError:
            problems.append(FieldError("capacity", self.t("tui.adv.not_number")))
        else:
            if capacity != a.capacity:
                out["capacity"] = capacity
        # empty or 0: the advisor has no such skill
        skills = {skill.value: n for skill, n in self._typed_skills() if n}
        if skills != {s.value: n for s, n in a.skills.items()}:
            out["skills"] = skills  # the server replaces skills whole
        backup = self.query_one("#field-backup_id", Select).value or None
        if backup != a.backup_id:
            out["backup_id"] = backup
        phone = self.query_one("#field-phone", Input).value.strip() or None
        if phone != a.phone:
            out["phone"] = phone
        return out, problems

    # -- saving -------------------------------------------------------------------------
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        changes, problems = self.changes()
        self._errors(problems)
        if problems:
            return
        if not changes:
            self.app.notify(self.t("tui.adv.unchanged"))
            self.dismiss(None)
            return
        self._say(self.t("tui.adv.saving"))
        self.save(changes)

    @work(exclusive=True, group="advisor-edit")
    async def save(self, changes: dict[str, Any]) -> None:
        call = Endpoints.update_advisor(self.advisor.id, changes, version=self.advisor.version)
        try:
            saved = await connection.send(self.app, call, refusals=(Invalid, Conflict))
        except Invalid as exc:
            self._errors(exc.errors)
            return
        except Conflict:
            self._say(self.t("tui.adv.stale", name=self.advisor.name), error=True)
            return
        if saved is None:
            self._say("")  # unreachable or not allowed: the banner or a notice said so
            return
        self.app.notify(self.t("tui.adv.saved", id=saved.id, name=saved.name))
        self.dismiss(saved)

    def _errors(self, errors: list[FieldError]) -> None:
        by_field = {e.field: e.message for e in errors if e.field in FIELDS}
        for name in FIELDS:
            line = self.query_one(f"#err-{name}", Static)
            message = by_field.get(name)
            line.display = message is not None
            if message:
                said = field_message(message, self.app.lang)
                line.update(Text(self.t("tui.err.field", field=self._label(name), message=said)))
            else:
                line.update("")
        self._mark_skills("skills" in by_field)
        other = [e for e in errors if e.field not in FIELDS]
        if other:
            self._say("; ".join(str(e) for e in other), error=True)
        elif errors:
            self._say(self.t("tui.adv.fix_fields"), error=True)
        else:
            self._say("")

    def _label(self, name: str) -> str:
        """The field an error is about, as the form names it; for skills, the skills
        whose numbers are off the scale (the server names only "skills")."""
        if name != "skills":
            return self.t(f"tui.adv.field.{name}")
        lang = self.app.lang
        off = [f"{skill_word(s, lang)} {int(v)}" for s, v in self._typed_skills() if v > 5]
        return ("、" if lang == "zh" else ", ").join(off) or self.t("tui.adv.col.skills")

    def _typed_skills(self) -> list[tuple[Skill, int]]:
        out = []
        for skill in Skill:
            typed = self.query_one(f"#skill-{skill.value}", Input).value.strip()
            if typed:
                out.append((skill, int(typed)))
        return out

    def _mark_skills(self, refused: bool) -> None:
        # The server names only "skills"; mark the boxes whose numbers are off the scale.
        for box in self.query(".skill-input").results(Input):
            value = box.value.strip()
            box.set_class(refused and bool(value) and not 0 <= int(value) <= 5, "-invalid")

    def _say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#edit-message", Static)
        line.set_class(error, "-error")
        line.update(Text(message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
