"""Advisors: level, status and leave, capacity, backup, book against target, skills.

Everyone may read it (the front desk routes calls to whoever is in); managers edit an
advisor (E or Enter), put one on leave (L), bring one back early (B) or record a
departure (D). Leave and departure answer with the plan for the advisor's clients, shown
before anything moves and applied only when the manager says so."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Static

from branchdesk import i18n
from branchdesk.access import allowed
from branchdesk.models import Advisor, AdvisorStatus
from branchdesk.models.assignment import AdvisorLoad, Plan
from branchdesk.remote import Endpoints

from ..assign_format import number, skills_text, status_text, who
from ..modals.advisor_edit import EditAdvisorModal
from ..modals.confirm import ConfirmModal
from ..modals.leave import LeaveModal
from ..modals.plan_preview import PlanModal
from ..plan_actions import apply_plan
from .base import ScreenCommand
from .live import LiveDeskScreen

#: column key → (i18n word, width in cells); skills get whatever the terminal's width
#: leaves (at least the width here), cropped to whole skills: the panel below has all
COLUMNS = (
    ("advisor", "advisor", 10),
    ("level", "tui.adv.col.level", 9),
    ("status", "status", 25),
    ("capacity", "tui.adv.col.capacity", 4),
    ("backup", "tui.adv.col.backup", 10),
    ("load", "tui.adv.col.load", 11),
    ("skills", "tui.adv.col.skills", 17),
)
#: the cells every column but skills takes: its width, one cell of padding each side
OTHERS_WIDTH = sum(width + 2 for _, _, width in COLUMNS[:-1])
WRITES = ("edit", "leave", "back", "depart")


class AdvisorsScreen(LiveDeskScreen):
    registry_name = "advisors"
    title_key = "tui.screen.advisors"
    BINDINGS = [
        Binding("e", "edit", "tui.key.edit", id="advisors.edit"),
        Binding("l", "leave", "tui.key.leave", id="advisors.leave"),
        Binding("b", "back", "tui.key.end_leave", id="advisors.back"),
        Binding("d", "depart", "tui.key.depart", id="advisors.depart"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.advisors: dict[str, Advisor] = {}
        self.loads: dict[str, AdvisorLoad] = {}
        self.skills_width = 0

    def compose_body(self) -> Iterable[Widget]:
        yield Static(Text(self.t("tui.loading")), id="adv-summary")
        yield Static(id="adv-status")
        yield DataTable(id="advisors", cursor_type="row", zebra_stripes=True)
        yield Static(id="adv-detail", classes="panel")

    def on_mount(self) -> None:
        self._columns()
        table = self.table
        self.query_one("#adv-detail").border_title = self.t("tui.adv.detail")
        self._say("")
        table.focus()
        # DeskScreen.on_mount (called by Textual after this one) starts the first load.

    @property
    def table(self) -> DataTable:
        return self.query_one("#advisors", DataTable)

    @property
    def may_write(self) -> bool:
        me = self.app.me
        return me is not None and allowed(me.role, "advisors.write")

    @property
    def selected(self) -> Advisor | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.advisors.get(str(key.value))

    # -- fetching -----------------------------------------------------------------------
    def reload(self) -> None:
        self.load()

    @work(exclusive=True, group="advisors")
    async def load(self) -> None:
        advisors, loads = await asyncio.gather(
            self.app.send(Endpoints.list_advisors()), self.app.send(Endpoints.advisor_loads())
        )
        if advisors is None or loads is None:
            return
        self.advisors = {a.id: a for a in advisors}
        self.loads = {x.advisor_id: x for x in loads}
        self.app.advisors = dict(self.advisors)  # names and statuses shown elsewhere
        self.show()
        self.loaded = True

    def _columns(self) -> None:
        """(Re)build the columns when the room for skills changed (a wider terminal)."""
        room = self.table.size.width - OTHERS_WIDTH - 2 - 1  # padding, and the scrollbar
        width = max(COLUMNS[-1][2], room)
        if width == self.skills_width:
            return
        self.skills_width = width
        self.table.clear(columns=True)
        for key, word, fixed in COLUMNS:
            self.table.add_column(self.t(word), key=key, width=width if key == "skills" else fixed)

    def on_resize(self) -> None:
        if self.advisors:
            self.show()

    def show(self) -> None:
        table = self.table
        keep = self.selected.id if self.selected else None
        self._columns()
        table.clear()
        for a in self.advisors.values():
            table.add_row(*self._cells(a), key=a.id)
        if keep in self.advisors:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        away = sum(1 for a in self.advisors.values() if a.status is not AdvisorStatus.ACTIVE)
        clients = sum(x.clients_before for x in self.loads.values())
        summary = self.t(
            "tui.adv.summary", count=len(self.advisors), away=away, clients=f"{clients:,}"
        )
        if not self.may_write:
            summary += self.t("tui.adv.read_only")
        self.query_one("#adv-summary", Static).update(Text(summary))
        self._detail()

    def _say(self, message: str, *, error: bool = False) -> None:
        """What the last action did, kept on screen (a notification fades)."""
        line = self.query_one("#adv-status", Static)
        line.display = bool(message)
        line.set_class(error, "-error")
        line.update(Text(message))

    def _cells(self, a: Advisor) -> list[Text]:
        lang = self.lang
        style = "dim" if a.status is AdvisorStatus.DEPARTED else ""
        return [
            Text(f"{a.id} {a.name}", style=style),
            Text(i18n.label(a.level, lang), style=style),
            Text(
                status_text(a, lang),
                style=style or ("yellow" if a.status is AdvisorStatus.ON_LEAVE else ""),
            ),
            Text(f"{a.capacity:g}", justify="right", style=style),
            Text(who(a.backup_id, self.advisors, lang), style=style),
            self._load(a.id),
            Text(skills_text(a.skills, lang, width=self.skills_width), style=style),
        ]

    def _load(self, advisor_id: str) -> Text:
        x = self.loads.get(advisor_id)
        if x is None:
            return Text(self.t("none"))
        if x.target is None:
            # Away with clients still on their book: worth a second look.
            return Text(f"{number(x.before)} / —", style="yellow" if x.before else "dim")
        outside = x.band_low is not None and not (x.band_low <= x.before <= (x.band_high or 0))
        target = f"{x.target:,.0f}"  # a share of the book: a whole number reads better
        return Text(f"{number(x.before)} / {target}", style="red" if outside else "")

    @on(DataTable.RowHighlighted, "#advisors")
    def _highlighted(self) -> None:
        self._detail()
        self.refresh_bindings()  # leave / back / depart depend on who is selected

    def _detail(self) -> None:
        a, lang = self.selected, self.lang
        panel = self.query_one("#adv-detail", Static)
        if a is None:
            panel.update("")
            return
        backup = who(a.backup_id, self.advisors, lang)
        head = Text.assemble(
            (f"{a.id} {a.name}", "bold"),
            f" · {i18n.label(a.level, lang)} · {status_text(a, lang)} · ",
            self.t("tui.adv.capacity_is", capacity=f"{a.capacity:g}"),
            " · ",
            self.t("tui.adv.backup_is", backup=backup),
        )
        skills = ", " if lang == "en" else "、"
        words = skills.join(f"{i18n.label(s, lang)} {n}" for s, n in _ranked(a))
        lines = [head, Text(self.t("tui.adv.skills_are", skills=words or self.t("none")))]
        x = self.loads.get(a.id)
        if x is not None:
            if x.target is None:
                book = self.t("tui.adv.book_away", clients=f"{x.clients_before:,}")
            else:
                book = self.t(
                    "tui.adv.book",
                    clients=f"{x.clients_before:,}",
                    load=number(x.before),
                    target=f"{x.target:,.0f}",
                    low=number(x.band_low),
                    high=number(x.band_high),
                )
            lines.append(Text(book))
        sep = "、" if lang == "zh" else ", "
        facts = [self.t("tui.adv.certificates", list=sep.join(a.certificates) or self.t("none"))]
        if a.hired_on:
            facts.append(self.t("tui.adv.hired", day=i18n.day(a.hired_on, lang)))
        facts.append(self.t("tui.adv.phone", phone=a.phone or self.t("none")))
        lines.append(Text(" · ".join(facts)))
        backs = [f"{o.id} {o.name}" for o in self.advisors.values() if o.backup_id == a.id]
        if backs:
            lines.append(Text(self.t("tui.adv.backup_for", who=sep.join(backs))))
        panel.update(Group(*lines))

    # -- actions ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in WRITES:
            return True
        if not self.may_write:
            return False  # not offered at all: the footer shows only what the role may do
        a = self.selected
        if a is None:
            return None
        if action == "leave" or action == "depart":
            return a.status is not AdvisorStatus.DEPARTED or None
        if action == "back":
            return a.status is AdvisorStatus.ON_LEAVE or None
        return True

    @on(DataTable.RowSelected, "#advisors")
    def _chosen(self) -> None:
        if self.may_write:
            self.action_edit()

    def action_edit(self) -> None:
        a = self.selected
        if a is not None:
            self.app.push_screen(EditAdvisorModal(a, list(self.advisors.values())), self._edited)

    def _edited(self, saved: Advisor | None) -> None:
        # Reload even when nothing was saved: a form refused as stale (409) must open on
        # the advisor as they are now.
        self.reload()

    def action_leave(self) -> None:
        a = self.selected
        if a is None:
            return
        backup = who(a.backup_id, self.advisors, self.lang)
        self.app.push_screen(LeaveModal(a, backup), lambda plan: self._planned(a, plan))

    def action_depart(self) -> None:
        a = self.selected
        if a is None:
            return
        clients = self.loads[a.id].clients_before if a.id in self.loads else 0
        modal = ConfirmModal(
            self.t("tui.depart.title", name=a.name),
            self.t("tui.depart.body", name=a.name, clients=f"{clients:,}"),
            self.t("tui.depart.confirm"),
        )
        self.app.push_screen(modal, lambda yes: self.depart(a) if yes else None)

    @work(exclusive=True, group="advisor-action")
    async def depart(self, a: Advisor) -> None:
        plan = await self.app.send(Endpoints.depart_advisor(a.id, version=a.version))
        self._planned(a, plan)

    def _planned(self, a: Advisor, plan: Plan | None) -> None:
        """After a leave or departure was recorded: show its plan, apply on the word."""
        self.reload()  # the advisor's status has changed, whatever happens to the plan
        if plan is None:
            return
        heading = self.t("tui.plan.for", name=a.name)
        self.app.push_screen(PlanModal(plan, heading), lambda yes: self._decided(plan, yes))

    def _decided(self, plan: Plan, apply: bool | None) -> None:
        if apply:
            self.apply(plan)
        elif plan.moves:
            self._say(self.t("tui.plan.later", id=plan.id))

    @work(exclusive=True, group="advisor-action")
    async def apply(self, plan: Plan) -> None:
        applied, message = await apply_plan(self.app, plan)
        self._say(message, error=applied is None)
        self.load()

    def action_back(self) -> None:
        a = self.selected
        if a is None:
            return
        modal = ConfirmModal(
            self.t("tui.back.title", name=a.name),
            self.t("tui.back.body", name=a.name),
            self.t("tui.back.confirm"),
        )
        self.app.push_screen(modal, lambda yes: self.back(a) if yes else None)

    @work(exclusive=True, group="advisor-action")
    async def back(self, a: Advisor) -> None:
        result = await self.app.send(Endpoints.end_leave(a.id))
        if result is not None:
            moved = sum(p.totals.moves for p in result.plans)
            done = "tui.back.done" if moved else "tui.back.none"
            self._say(self.t(done, name=a.name, moves=f"{moved:,}"))
        self.load()

    def commands(self) -> list[ScreenCommand]:
        out = super().commands()
        if not self.may_write:
            return out
        for action in WRITES:
            out.append(
                ScreenCommand(
                    self.t(f"tui.cmd.adv.{action}"),
                    self.t(f"tui.cmd.adv.{action}.help"),
                    getattr(self, f"action_{action}"),
                )
            )
        return out


def _ranked(a: Advisor) -> list:  # type: ignore[type-arg]
    return sorted(a.skills.items(), key=lambda kv: -kv[1])
