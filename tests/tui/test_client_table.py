"""The client book's table on its own: what it paints, its cursor, its clicks."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult

from branchdesk.models import Advisor, Client
from tui.widgets.client_table import ClientTable

from .pilot import screen_text

ADVISORS = {"A02": Advisor(id="A02", name="刘晓燕")}


def client(n: int, name: str = "", **fields) -> Client:  # type: ignore[no-untyped-def]
    return Client(account_id=f"3100000000{n:02d}", name=name or f"客户{n}", **fields)


class TableApp(App):
    lang = "en"

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[object] = []

    def compose(self) -> ComposeResult:
        yield ClientTable(id="book")

    def on_client_table_highlighted(self, event: ClientTable.Highlighted) -> None:
        self.seen.append(("highlighted", event.cursor_row))

    def on_client_table_selected(self, event: ClientTable.Selected) -> None:
        self.seen.append(("selected", event.account_id))

    def on_client_table_header_clicked(self, event: ClientTable.HeaderClicked) -> None:
        self.seen.append(("header", event.column))


async def test_rows_show_as_typed_aligned_and_cropped() -> None:
    app = TableApp()
    async with app.run_test(size=(110, 10)) as pilot:
        table = app.query_one(ClientTable)
        table.add_clients(
            [
                client(1, "老李", total_assets=1_260_700.0, advisor_id="A02"),
                client(2, "[bold]x\x1b[2J", total_assets=5.0),
                client(3, "东方精工股份有限公司"),
            ],
            ADVISORS,
        )
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert lines[0].split() == [
            "Account",
            "Name",
            "Tier",
            "Status",
            "Assets",
            "Last",
            "trade",
            "Advisor",
        ]
        assert lines[1].startswith(" 310000000001  老李 ")
        assert "¥1,260,700" in lines[1] and lines[1].rstrip().endswith("A02 刘晓燕")
        # markup stays text; the escape character is a space, never a control code
        assert "[bold]x [2J" in lines[2] and "\x1b" not in "".join(lines)
        # 20 cells of name in a 16-cell column: cropped with an ellipsis, columns intact
        assert "东方精工股份有… " in lines[3]
        ends = [
            cell_len(line[: line.index(money) + len(money)])
            for line, money in zip(lines[1:3], ("¥1,260,700", "¥5.00"), strict=True)
        ]
        assert ends[0] == ends[1]  # money right-aligned, after a CJK name too


async def test_cursor_keys_clicks_and_the_header() -> None:
    app = TableApp()
    async with app.run_test(size=(110, 6)) as pilot:
        table = app.query_one(ClientTable)
        table.add_clients([client(n) for n in range(1, 21)], ADVISORS)
        table.move_cursor(0)
        table.focus()
        await pilot.press("down", "down", "pagedown")
        assert table.cursor_row == 2 + 5  # a page is the rows in view (6 lines - header)
        assert round(table.scroll_y) == table.cursor_row - 4  # the cursor stays in view
        await pilot.press("end")
        assert table.current_key == "310000000020"
        await pilot.press("enter")
        assert app.seen[-1] == ("selected", "310000000020")
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.click(ClientTable, offset=(3, 2))  # the second row: highlighted
        assert table.cursor_row == 1 and app.seen[-1] == ("highlighted", 1)
        await pilot.click(ClientTable, offset=(3, 2))  # clicked again: opened
        assert app.seen[-1] == ("selected", "310000000002")
        await pilot.click(ClientTable, offset=(60, 0))  # the "Assets" title
        assert app.seen[-1] == ("header", "assets")
        table.clear()
        assert table.row_count == 0 and table.current_key is None
