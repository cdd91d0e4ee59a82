"""Each advisor's load before → after a plan, as two bars on one line.

The before bar is muted; the after bar says at a glance whether the book lands inside
the advisor's band (the theme's success colour) or outside it (error colour); an away
advisor's bars are dimmed. The figures are printed too, so the chart reads the same in a
snapshot, a screenshot or a screen reader."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from branchdesk.models.assignment import AdvisorLoad

from ..assign_format import number
from .bars import bar_text


@dataclass(frozen=True)
class LoadRow:
    label: str  # "A06 李娜"
    before: float
    after: float
    target: float | None  # None: away, takes no clients
    inside: bool  # after lands inside the band (always True for the away)
    away: bool

    @classmethod
    def of(cls, load: AdvisorLoad) -> LoadRow:
        low, high = load.band_low, load.band_high
        inside = low is None or high is None or low <= load.after <= high
        return cls(
            label=f"{load.advisor_id} {load.name}",
            before=load.before,
            after=load.after,
            target=load.target,
            inside=inside,
            away=load.away,
        )


def rows_for(loads: list[AdvisorLoad], *, changed_only: bool = False) -> list[LoadRow]:
    """Away advisors with an empty book say nothing; ``changed_only`` keeps the advisors
    a plan touches (a leave plan over twelve advisors moves two books)."""
    rows = []
    for load in loads:
        if load.away and not load.before and not load.after:
            continue
        if changed_only and load.before == load.after:
            continue
        rows.append(LoadRow.of(load))
    return rows


class LoadBars(Widget):
    COMPONENT_CLASSES = {
        "load-bars--before",
        "load-bars--inside",
        "load-bars--outside",
        "load-bars--away",
    }
    DEFAULT_CSS = """
    LoadBars { height: auto; }
    LoadBars > .load-bars--before { color: $text-muted; }
    LoadBars > .load-bars--inside { color: $success; }
    LoadBars > .load-bars--outside { color: $error; }
    LoadBars > .load-bars--away { color: $text-disabled; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[LoadRow] = []
        self.compare = True

    def set_rows(self, rows: list[LoadRow], *, compare: bool = True) -> None:
        """``compare=False``: today's loads, no plan: one bar each (before = after)."""
        self.rows, self.compare = rows, compare
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return len(self.rows)

    def render(self) -> Text:
        if not self.rows:
            return Text("")
        label_w = max(cell_len(r.label) for r in self.rows)
        if self.compare:
            figures = [f"{number(r.before)} → {number(r.after)}" for r in self.rows]
        else:
            figures = [number(r.after) for r in self.rows]
        # a target is a share of the book: whole numbers read better than 207.47
        targets = [f"({r.target:,.0f})" if r.target is not None else "" for r in self.rows]
        figure_w = max(cell_len(f) for f in figures)
        target_w = max(cell_len(t) for t in targets)
        # label, before bar, " → ", after bar, figures, target: what is left is for bars
        room = max((self.size.width - label_w - figure_w - target_w - 7) // 2, 1)
        top = max(max(r.before, r.after) for r in self.rows) or 1
        style = self.get_component_rich_style
        muted = style("load-bars--before")
        out = Text(no_wrap=True, overflow="crop")
        for n, (row, figure, target) in enumerate(zip(self.rows, figures, targets, strict=True)):
            if n:
                out.append("\n")
            after_style = style(
                "load-bars--away"
                if row.away
                else "load-bars--inside"
                if row.inside
                else "load-bars--outside"
            )
            out.append(row.label + " " * (label_w - cell_len(row.label)) + " ")
            if self.compare:
                before = "▒" * round(max(row.before, 0) / top * room)  # not a block: "before"
                out.append(before, style=muted if not row.away else after_style)
                out.append(" " * (room - cell_len(before)) + " → ", style=muted)
                width = room
            else:
                width = room * 2 + 3  # the one bar takes the room of both and the arrow
            after = bar_text(row.after, top, width)
            out.append(after, style=after_style)
            out.append(" " * (width - cell_len(after) + 1))
            out.append(" " * (figure_w - cell_len(figure)) + figure)
            out.append(" " + " " * (target_w - cell_len(target)) + target, style=muted)
        return out
