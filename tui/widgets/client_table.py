"""The client book as a table: one row per client, a header that picks the sort, a cursor.

Not Textual's ``DataTable``: that renders every visible cell through Rich's padding and
measuring machinery again after each ``clear()``, which cost 40-100 ms per search
keystroke at 30 visible rows (measured: ``python -m bench tui``). Here each row is
rendered once, when it arrives, into a ``Strip``; painting a line is cropping that strip
and laying the zebra or cursor style over it (Textual's line API). The book only ever
shows fixed-width columns, so nothing is measured on a repaint either.

Cells are plain strings in a ``Segment``: never parsed as markup (a client named
``[bold]x`` shows as typed), and control characters become spaces so a name cannot move
the terminal's cursor. Money is right-aligned; CJK characters are measured as two cells,
so names line up, and a name too long for its column ends in "…"."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from branchdesk import i18n
from branchdesk.book_row import book_row
from branchdesk.models import Advisor, Client

#: column key → (i18n word, width in cells, right-aligned)
COLUMNS = (
    ("account", "account_id", 12, False),
    ("name", "name", 16, False),
    ("tier", "tier", 11, False),
    ("status", "status", 9, False),
    ("assets", "total_assets", 12, True),
    ("last_trade", "last_trade_date", 14, False),
    ("advisor", "advisor", 11, False),
)
PAD = 1  # cells of padding either side of each column, as DataTable has
GAP = " " * PAD
#: C0 controls and DEL → space: user data must not reach the terminal as control codes.
NO_CONTROLS = dict.fromkeys([*range(32), 127], " ")
HEADER = 1  # lines above the first row


class _FromTable(Message):
    """A message from a client table; ``control`` lets ``@on(…, "#book")`` match it."""

    def __init__(self, table: ClientTable) -> None:
        super().__init__()
        self.table = table

    @property
    def control(self) -> ClientTable:
        return self.table


class ClientTable(ScrollView, can_focus=True):
    """Rows keyed by account id. Posts ``Highlighted`` when the cursor moves,
    ``Selected`` on Enter or a click on the highlighted row, ``HeaderClicked`` when a
    column's title is clicked."""

    COMPONENT_CLASSES = {
        "client-table--header",
        "client-table--even-row",
        "client-table--cursor",
    }
    DEFAULT_CSS = """
    ClientTable {
        background: $surface;
        color: $foreground;
        & > .client-table--header { text-style: bold; background: $panel; }
        & > .client-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .client-table--even-row { background: $surface-darken-1 40%; }
        & > .client-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .client-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    BINDINGS = [
        Binding("enter", "select", "Select", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "cursor_to(0)", "First", show=False),
        Binding("end", "cursor_to(-1)", "Last", show=False),
    ]

    class Highlighted(_FromTable):
        def __init__(self, table: ClientTable, row: int) -> None:
            super().__init__(table)
            self.cursor_row = row

    class Selected(_FromTable):
        def __init__(self, table: ClientTable, account_id: str) -> None:
            super().__init__(table)
            self.account_id = account_id

    class HeaderClicked(_FromTable):
        def __init__(self, table: ClientTable, column: str) -> None:
            super().__init__(table)
            self.column = column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[str] = []  # account ids, in row order
        self.rows: dict[str, int] = {}  # account id → row
        self._strips: list[Strip] = []  # each row rendered once, unstyled
        self._header: Strip | None = None
        self._styles: dict[str, Style] = {}
        self.cursor_row = 0
        self._width = sum(width + 2 * PAD for _, _, width, _ in COLUMNS)

    # -- content ------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.keys)

    @property
    def current_key(self) -> str | None:
        return self.keys[self.cursor_row] if self.keys else None

    def clear(self) -> None:
        self.keys, self.rows, self._strips = [], {}, []
        self.cursor_row = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self._resized()

    def add_clients(self, clients: list[Client], advisors: dict[str, Advisor]) -> None:
        lang = self.app.lang
        for c in clients:
            if c.account_id in self.rows:  # a page may overlap one the book shifted into
                continue
            self.rows[c.account_id] = len(self.keys)
            self.keys.append(c.account_id)
            self._strips.append(self._strip(_cells(c, advisors, lang)))
        self._resized()

    def _strip(self, cells: list[str]) -> Strip:
        """One row as one plain segment: cells are unstyled, so no Rich rendering."""
        line = []
        for (_, _, width, right), text in zip(COLUMNS, cells, strict=True):
            cell = text.translate(NO_CONTROLS)
            if cell_len(cell) > width:
                cell = set_cell_size(cell, width - 1).rstrip() + "…"  # a wide character may not fit
            pad = " " * (width - cell_len(cell))
            line.append(f"{GAP}{pad}{cell}{GAP}" if right else f"{GAP}{cell}{pad}{GAP}")
        return Strip([Segment("".join(line))], self._width)

    def _resized(self) -> None:
        self.virtual_size = Size(self._width, HEADER + len(self.keys))
        self.refresh()

    # -- painting -----------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles are looked up once per paint, not per line: resolving a widget's
        # style walks its ancestors and cost more than drawing the line.
        base = self.rich_style
        self._styles = {
            part: base + self.get_component_rich_style(f"client-table--{part}")
            for part in ("header", "even-row", "cursor")
        }
        self._styles["odd-row"] = base
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        if y < HEADER:
            if self._header is None:
                titles = [i18n.t(word, self.app.lang) for _, word, _, _ in COLUMNS]
                self._header = self._strip(titles)
            strip, style = self._header, self._styles["header"]
        else:
            row = y - HEADER + scroll_y
            if row >= len(self._strips):
                return Strip.blank(width, self._styles["odd-row"])
            strip = self._strips[row]
            if row == self.cursor_row:
                style = self._styles["cursor"]
            else:
                style = self._styles["even-row" if row % 2 else "odd-row"]
        return strip.apply_style(style).crop_extend(scroll_x, scroll_x + width, style)

    # -- the cursor ---------------------------------------------------------------------
    def move_cursor(self, row: int) -> None:
        if not self.keys:
            return
        row = max(0, min(row, len(self.keys) - 1))
        moved = row != self.cursor_row
        self.cursor_row = row
        self._scroll_to_cursor()
        self.refresh()
        if moved or row == 0:
            self.post_message(self.Highlighted(self, row))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.scrollable_content_region.height - HEADER, 1)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_cursor_to(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else len(self.keys) - 1)

    def action_page(self, direction: int) -> None:
        page = max(self.scrollable_content_region.height - HEADER, 1)
        self.move_cursor(self.cursor_row + direction * page)

    def action_select(self) -> None:
        if self.keys:
            self.post_message(self.Selected(self, self.keys[self.cursor_row]))

    def on_click(self, event: events.Click) -> None:
        if event.y < HEADER:
            x = event.x + round(self.scroll_x)
            for key, _, width, _ in COLUMNS:
                x -= width + 2 * PAD
                if x < 0:
                    self.post_message(self.HeaderClicked(self, key))
                    return
            return
        row = event.y - HEADER + round(self.scroll_y)
        if row >= len(self.keys):
            return
        if row == self.cursor_row:
            self.action_select()  # a click on the highlighted row opens it, as in DataTable
        else:
            self.move_cursor(row)
        event.stop()


def _cells(c: Client, advisors: dict[str, Advisor], lang: str) -> list[str]:
    advisor = advisors.get(c.advisor_id or "")
    return book_row(c, lang, f"{c.advisor_id} {advisor.name}" if advisor else None)
