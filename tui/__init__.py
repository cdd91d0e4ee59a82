"""The terminal UI: a Textual app that talks to the branch server over HTTP."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from branchdesk.remote import ApiClient

    from .app import BranchDeskApp


def make_tui(api: ApiClient, *, lang: str | None = None) -> BranchDeskApp:
    """The app over an API client (tests hand it one wrapping Litestar's test client)."""
    from .app import BranchDeskApp

    return BranchDeskApp(api, lang=lang)
