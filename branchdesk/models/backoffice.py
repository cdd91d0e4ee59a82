"""Shapes of back-office imports, exports and backups as they travel over HTTP (and
between the CLI and the in-process API, which speak the same)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from msgspec import Meta, Struct

#: rows per batch sent to the server: ~2 MB of JSON, well below its 16 MiB body limit
BATCH_ROWS = 5000


class ImportKind(StrEnum):
    CLIENTS = "clients"
    ACTIVITY = "activity"
    ADVISORS = "advisors"
    TASKS = "tasks"


class ExportKind(StrEnum):
    CLIENTS = "clients"
    TASKS = "tasks"
    ALERTS = "alerts"
    AUDIT = "audit"


class RowError(Struct, kw_only=True):
    """Why one row of a file cannot be imported."""

    line: int  # line of the text file, or row of the sheet, as a spreadsheet shows it
    field: str  # the record's field ("" for the row as a whole)
    reason: str
    column: str = ""  # the file's own header for that field, when the reader knows it


class ImportStart(Struct, kw_only=True, forbid_unknown_fields=True):
    kind: ImportKind
    file_name: Annotated[str, Meta(max_length=255)] = ""


class ImportSession(Struct, kw_only=True):
    id: str
    kind: ImportKind
    file_name: str
    expires_at: datetime  # unless more rows arrive first


class ImportRow(Struct, kw_only=True, forbid_unknown_fields=True):
    """One row of the file, read into the record's fields (only the cells it fills)."""

    line: Annotated[int, Meta(ge=1)]
    fields: dict[str, Any]


class ImportBatch(Struct, kw_only=True, forbid_unknown_fields=True):
    rows: Annotated[list[ImportRow], Meta(max_length=4 * BATCH_ROWS)]


class ImportProgress(Struct, kw_only=True):
    id: str
    rows: int  # rows staged so far
    errors: list[RowError] = []  # rows of this batch the server refused


class ImportCommit(Struct, kw_only=True, forbid_unknown_fields=True):
    dry_run: bool = False  # report what would change, change nothing
    skip_bad: bool = False  # write the good rows even when some are bad


class ImportReport(Struct, kw_only=True):
    kind: ImportKind
    file_name: str
    rows: int  # rows read from the file
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0  # rows with an error (not written)
    applied: bool = False  # True once the good rows are in the book
    dry_run: bool = False
    errors: list[RowError] = []
    #: how long planning took off the server's event loop and writing held it (seconds)
    plan_seconds: float = 0.0
    apply_seconds: float = 0.0


class ExportTable(Struct, kw_only=True):
    """Records as columns and rows of plain values, masked for the reader's role."""

    kind: ExportKind
    columns: list[str]
    rows: list[list[Any]]
    masked: int = 0  # rows whose phone and ID number were masked
