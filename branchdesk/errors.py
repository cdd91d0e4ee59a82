"""Domain errors. The core raises these; the server maps each to one problem-details
``type`` and the CLI to an exit code, so the same mistake reads the same everywhere."""

from __future__ import annotations

from dataclasses import dataclass


class BranchDeskError(Exception):
    """Base of every error the core raises on purpose."""

    #: stable machine-readable kind, used as the problem-details ``type`` suffix
    kind = "error"


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class Invalid(BranchDeskError):
    """Input that breaks a rule; carries every offending field, not just the first."""

    kind = "invalid"

    def __init__(self, errors: list[FieldError] | str, field: str | None = None) -> None:
        if isinstance(errors, str):
            errors = [FieldError(field or "", errors)]
        self.errors = errors
        super().__init__("; ".join(str(e) if e.field else e.message for e in errors))


class NotFound(BranchDeskError):
    kind = "not-found"

    def __init__(self, what: str, key: str | None = None) -> None:
        """``NotFound("client", "3100…")``, or one finished sentence from a server."""
        self.what, self.key = what, key
        super().__init__(what if key is None else f"{what} {key!r} not found")


class Conflict(BranchDeskError):
    """A write based on a stale version, or one that collides with existing data."""

    kind = "conflict"

    def __init__(self, message: str, current_version: int | None = None) -> None:
        self.current_version = current_version
        super().__init__(message)


class Forbidden(BranchDeskError):
    kind = "forbidden"


class Unauthorized(BranchDeskError):
    kind = "unauthorized"


class StoreError(BranchDeskError):
    kind = "store"


class StoreCorrupt(StoreError):
    """A data file cannot be read; we refuse to start rather than start empty."""

    kind = "store-corrupt"


class DataFolderBusy(StoreError):
    """Another process holds the data folder's write lock."""

    kind = "data-folder-busy"

    def __init__(self, message: str, holder: dict | None = None) -> None:
        self.holder = holder or {}
        super().__init__(message)


class ReadOnlyStore(StoreError):
    kind = "read-only"


class ServerUnavailable(BranchDeskError):
    """The server could not be reached (not running, wrong address, timed out)."""

    kind = "unavailable"


class RemoteError(BranchDeskError):
    """The server answered with an error that has no closer local meaning (5xx, 429 …)."""

    kind = "remote"

    def __init__(self, message: str, status: int) -> None:
        self.status = status
        super().__init__(message)
