"""Horizontal bars drawn with block characters: advisors' book sizes, 12 months of assets.

Plain text rather than a plotting widget: every bar carries its label and its figure, so
the chart reads the same in a screenshot, a snapshot test and a screen reader."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    figure: str  # the value as the user reads it ("¥182.5万", "163")
    style: str = ""  # e.g. "dim" for a departed advisor


def bar_text(value: float, top: float, width: int) -> str:
    if top <= 0 or width <= 0:
        return ""
    eighths = round(max(value, 0) / top * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


class Bars(Widget):
    # The bar colour comes from the theme (see branchdesk.tcss), never a hex value.
    COMPONENT_CLASSES = {"bars--bar"}
    DEFAULT_CSS = "Bars { height: auto; } Bars > .bars--bar { color: $accent; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Bar] = []

    def set_rows(self, rows: list[Bar]) -> None:
        self.rows = rows
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return len(self.rows)

    def render(self) -> Text:
        if not self.rows:
            return Text("")
        label_w = max(cell_len(r.label) for r in self.rows)
        figure_w = max(cell_len(r.figure) for r in self.rows)
        room = max(self.size.width - label_w - figure_w - 3, 1)
        top = max(r.value for r in self.rows)
        bar_style = self.get_component_rich_style("bars--bar")
        out = Text(no_wrap=True, overflow="crop")
        for n, row in enumerate(self.rows):
            if n:
                out.append("\n")
            out.append(row.label + " " * (label_w - cell_len(row.label)) + " ", style=row.style)
            bar = bar_text(row.value, top, room)
            out.append(bar, style=row.style or bar_style)
            out.append(" " * (room - cell_len(bar) + 1))
            out.append(" " * (figure_w - cell_len(row.figure)) + row.figure, style=row.style)
        return out
