"""Opening files whatever their names say: encodings, tab-separated .csv, XLSX rows."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from branchdesk.backoffice.decode import decode, open_sheet, sniff_delimiter
from branchdesk.backoffice.xlsx import xlsx_bytes
from branchdesk.errors import Invalid

TEXT = "资金账号,客户姓名\n310000000001,欧阳晓燕\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gbk"), "gb18030"),  # Chinese Excel: GBK, no BOM
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    ],
)
def test_bom_then_strict_utf8_then_gb18030(data: bytes, encoding: str) -> None:
    assert decode(data) == (TEXT, encoding)


def test_neither_utf8_nor_gbk_is_refused() -> None:
    with pytest.raises(Invalid, match="neither UTF-8 nor GBK"):
        decode(b"ok \x80\xff" * 3)


def test_a_title_line_and_commas_inside_cells_do_not_hide_the_tabs() -> None:
    text = "月度统计（2026年11月）\n资金账号\t总资产\t转入金额\n3100\t¥1,234,567.00\t¥5,000\n"
    assert sniff_delimiter(text) == "\t"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","


def test_rows_keep_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text('h1,h2\n1,"two\nlines"\n\n3,4\n', encoding="utf-8")
    sheet = open_sheet(path)
    assert [line for line, _ in sheet.rows] == [1, 2, 5]  # blank line 4 skipped


def test_xlsx_rows_are_numbered_as_excel_shows_them(tmp_path: Path) -> None:
    path = tmp_path / "named.csv"  # an XLSX, whatever its name says
    path.write_bytes(xlsx_bytes(["资金账号"], [["1"], [None], ["3"]]))
    sheet = open_sheet(path)
    assert sheet.format == "xlsx"
    assert list(sheet.rows) == [(1, ["资金账号"]), (2, ["1"]), (4, ["3"])]


def test_old_xls_files_are_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(Invalid, match=r"save it as \.xlsx or CSV"):
        open_sheet(path)
