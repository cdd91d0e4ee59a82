"""Reading rows a column at a time gives what reading them cell by cell gave: the same
fields, and the same errors in the same order (unit cell first, then by column)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from branchdesk.backoffice import rows as rows_module
from branchdesk.backoffice.headers import ColumnMap, map_headers
from branchdesk.backoffice.kinds import ACTIVITY, CLIENTS
from branchdesk.backoffice.rows import read_rows
from branchdesk.backoffice.values import EMPTY, is_empty, text, unit_of
from branchdesk.models.backoffice import RowError


def cell_by_cell(cmap: ColumnMap, rows: list, defaults: dict | None = None) -> list:
    """The reader as it was, one cell at a time: the specification."""
    out = []
    for line, cells in rows:
        unit, errors = Decimal(1), []
        index = cmap.unit_column
        if index is not None and index < len(cells) and not is_empty(cells[index]):
            word = text(cells[index])
            if unit_of(word) is None:
                reason = f"unknown money unit {word!r} (元 or 万元)"
                errors.append(
                    RowError(line=line, field="unit", column=cmap.headers[index], reason=reason)
                )
            else:
                unit = unit_of(word)
        fields: dict[str, Any] = dict(defaults or {})
        for index, column in cmap.fields.items():
            if index >= len(cells) or cells[index] is None:
                continue
            cell = cells[index].strip() if isinstance(cells[index], str) else cells[index]
            if isinstance(cell, str) and (not cell or cell in EMPTY):
                continue
            try:
                header_unit = cmap.units.get(index) or unit
                fields[column.name] = (
                    column.convert(cell, header_unit) if column.money else column.convert(cell)
                )
            except ValueError as exc:
                errors.append(
                    RowError(
                        line=line, field=column.name, column=cmap.headers[index], reason=str(exc)
                    )
                )
        for name in [n for n in cmap.kind.required if n not in (defaults or {})]:
            if name not in fields and not any(e.field == name for e in errors):
                errors.append(
                    RowError(line=line, field=name, column=cmap.header_of(name), reason="empty")
                )
        out.append((None, errors) if errors else ((line, fields), []))
    return out


def as_compared(found: list) -> list:
    return [((row.line, row.fields), []) if row else (None, errors) for row, errors in found]


CLIENT_HEADER = [
    "资金账号",
    "客户姓名",
    "手机号码",
    "出生日期",
    "风险等级",
    "投资偏好",
    "总资产(万元)",
    "理财经理",
]
CLIENT_ROWS = [
    (2, ["310000000001", " 王丽 ", "13800000001", "1980-01-02", "C3", "股票、基金", "12.5", "A01"]),
    (3, ["310000000002", "李四", "-", "1980/1/2", "c4", "", "1,234.56", ""]),
    (4, ["310000000003", "张三", "138****0001", "not a day", "C9", "飞机", "-3", "A02"]),
    (5, ["", "", "", "", "", "", "", ""]),  # nothing but the required key missing
    (6, ["310000000005", "赵六"]),  # a short row
    (7, ["310000000006", "钱七", "13800000007", "1980-01-02", "C3", "股票", "abc", "A01"]),
    (9, ["310000000001", "王丽", "13800000001", "19800102", "稳健型", "债券", "¥182.5万", "A01"]),
]
XLSX_ROWS = [  # what an XLSX reader hands over: numbers, datetimes, gaps
    (2, [310000000011.0, "孙八", 13800000011.0, datetime(1980, 1, 2), "C2", None, 12.5, None]),
    (3, ["310000000012", None, None, None, None, None, 0, "A03"]),
]


@pytest.mark.parametrize("block", [1, 3, 2048])
def test_clients_read_by_columns_as_cell_by_cell(monkeypatch, block: int) -> None:
    monkeypatch.setattr(rows_module, "BLOCK_ROWS", block)
    cmap = map_headers(CLIENTS, 1, CLIENT_HEADER)
    for rows in (CLIENT_ROWS, XLSX_ROWS, CLIENT_ROWS + XLSX_ROWS):
        assert as_compared(list(read_rows(cmap, iter(rows)))) == cell_by_cell(cmap, rows)


def test_a_unit_column_and_defaults_as_cell_by_cell(monkeypatch) -> None:
    monkeypatch.setattr(rows_module, "BLOCK_ROWS", 2)
    cmap = map_headers(
        ACTIVITY, 1, ["资金账号", "总资产", "转入金额(元)", "单位"], defaults=["period"]
    )
    rows = [
        (2, ["310000000001", "12.5", "100", "万元"]),
        (3, ["310000000002", "12.5", "100", ""]),
        (4, ["310000000003", "12.5", "x", "斤"]),
        (5, ["310000000004", "", "100", "亿"]),
        (6, ["310000000005", "7"]),
    ]
    defaults = {"period": "2026-10-31"}
    found = as_compared(list(read_rows(cmap, iter(rows), defaults)))
    assert found == cell_by_cell(cmap, rows, defaults)
    assert found[0][0][1] == {
        "period": "2026-10-31",
        "account_id": "310000000001",
        "total_assets": 125000.0,
        "transfer_in": 100.0,
    }
    assert [e.field for e in found[2][1]] == ["unit", "transfer_in"]
