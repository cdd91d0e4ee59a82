"""Exports: the book's records as a table of plain values, masked for the reader, and
written as CSV (UTF-8 or GBK) or XLSX with Chinese or English headers.

English headers are the field names and Chinese ones the words imports read, so an
exported file imports again unchanged; with Chinese headers enum values are written in
Chinese too (核心客户, 电话), which imports also read."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import Any

import msgspec
import orjson

from .. import i18n
from ..access import sees_full_details
from ..masking import mask_id_number, mask_phone
from ..models import (
    AccountType,
    AlertRule,
    AlertStatus,
    Channel,
    ChurnReason,
    Client,
    ClientStatus,
    Direction,
    Outcome,
    Preference,
    Purpose,
    Resolution,
    Staff,
    TaskStatus,
    Tier,
)
from ..models.backoffice import ExportKind, ExportTable
from .kinds import CLIENTS, TASKS
from .xlsx import xlsx_bytes

#: per kind: (field, Chinese header) in file order
COLUMNS: dict[ExportKind, list[tuple[str, str]]] = {
    ExportKind.CLIENTS: [(c.name, c.zh) for c in CLIENTS.columns] + list(CLIENTS.derived.items()),
    ExportKind.TASKS: [(c.name, c.zh) for c in TASKS.columns],
    ExportKind.ALERTS: [
        ("id", "预警编号"),
        ("account_id", "资金账号"),
        ("rule", "预警规则"),
        ("status", "状态"),
        ("severity", "严重程度"),
        ("assets_at_risk", "风险资产"),
        ("evidence_text", "预警依据"),
        ("advisor_id", "理财经理"),
        ("raised_at", "预警时间"),
        ("task_id", "任务编号"),
        ("resolution", "处理结果"),
        ("reason", "流失原因"),
        ("reason_text", "原因说明"),
        ("resolved_at", "结案时间"),
    ],
    ExportKind.AUDIT: [
        ("id", "编号"),
        ("at", "时间"),
        ("actor", "操作人"),
        ("action", "操作"),
        ("entity", "对象类型"),
        ("entity_id", "对象编号"),
        ("detail", "说明"),
        ("before", "修改前"),
        ("after", "修改后"),
    ],
}

TABLES = {
    ExportKind.CLIENTS: "clients",
    ExportKind.TASKS: "tasks",
    ExportKind.ALERTS: "alerts",
    ExportKind.AUDIT: "audit",
}

#: fields written as Chinese labels under Chinese headers
_ENUMS: dict[str, type[StrEnum]] = {
    "account_type": AccountType,
    "preferences": Preference,
    "preferred_channel": Channel,
    "tier": Tier,
    "channel": Channel,
    "purpose": Purpose,
    "direction": Direction,
    "outcome": Outcome,
    "rule": AlertRule,
    "resolution": Resolution,
    "reason": ChurnReason,
}
_STATUS: dict[ExportKind, type[StrEnum]] = {
    ExportKind.CLIENTS: ClientStatus,
    ExportKind.TASKS: TaskStatus,
    ExportKind.ALERTS: AlertStatus,
}


def export_table(kind: ExportKind, docs: Iterable[dict], reader: Staff | None) -> ExportTable:
    """``docs`` as rows of the kind's columns. ``reader`` None is the local operator,
    who owns the data folder and sees everything; a signed-in reader sees a client's
    phone and ID in full only where the API would show them (their advisor, managers)."""
    names = [name for name, _ in COLUMNS[kind]]
    ordered = sorted(docs, key=lambda d: d.get("account_id" if kind == "clients" else "id", ""))
    rows: list[list[Any]] = []
    masked = 0
    full_for: dict[Any, bool] = {}
    for doc in ordered:
        row = [doc.get(n) for n in names]
        if kind is ExportKind.CLIENTS and reader is not None:
            advisor = doc.get("advisor_id")
            if advisor not in full_for:  # the rule depends only on the advisor
                full_for[advisor] = sees_full_details(reader, msgspec.convert(doc, Client))
            if not full_for[advisor]:
                row[names.index("phone")] = mask_phone(doc.get("phone"))
                row[names.index("id_number")] = mask_id_number(doc.get("id_number"))
                masked += 1
        rows.append(row)
    return ExportTable(kind=kind, columns=names, rows=rows, masked=masked)


def headers(kind: ExportKind, lang: str) -> list[str]:
    return [zh if lang == "zh" else name for name, zh in COLUMNS[kind]]


def cells(table: ExportTable, lang: str) -> Iterator[list[Any]]:
    """Rows as a spreadsheet shows them: lists joined, nested data as JSON, and under
    Chinese headers enums and yes/no in Chinese."""
    enums = {
        i: _ENUMS.get(n) or (_STATUS.get(table.kind) if n == "status" else None)
        for i, n in enumerate(table.columns)
    }
    joiner = "、" if lang == "zh" else ","
    for row in table.rows:
        out = []
        for i, value in enumerate(row):
            enum = enums[i]
            if value is None:
                out.append("")
            elif isinstance(value, bool):
                out.append(("是" if value else "否") if lang == "zh" else str(value).lower())
            elif isinstance(value, list):
                parts = [_word(enum, p, lang) for p in value]
                out.append(joiner.join(str(p) for p in parts))
            elif isinstance(value, dict):
                if table.columns[i] == "skills":
                    out.append(",".join(f"{k}:{v}" for k, v in value.items()))
                else:
                    out.append(orjson.dumps(value).decode())
            else:
                out.append(_word(enum, value, lang))
        yield out


def _word(enum: type[StrEnum] | None, value: Any, lang: str) -> Any:
    if enum is None or lang != "zh" or not isinstance(value, str):
        return value
    try:
        return i18n.label(enum(value), "zh")
    except ValueError:
        return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], encoding: str) -> bytes:
    """CSV as Excel opens it: UTF-8 with a BOM, or GBK (GB18030, which has every
    character GBK has, byte for byte, and the rare ones it lacks)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    codec = "gb18030" if encoding.lower() in ("gbk", "gb18030", "gb2312") else "utf-8-sig"
    return out.getvalue().encode(codec)


def file_bytes(table: ExportTable, *, fmt: str, lang: str, encoding: str = "utf-8") -> bytes:
    head = headers(table.kind, lang)
    if fmt == "xlsx":
        return xlsx_bytes(head, cells(table, lang), title=table.kind.value)
    return csv_bytes(head, cells(table, lang), encoding)
