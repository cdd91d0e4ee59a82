"""What the shell needs to know about a screen: its name, key, permission and words.

The list itself is in :mod:`tui.screens` (``SCREENS``); the nav, the App's key
bindings, the F1 help and the command palette are all built from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.screen import Screen

from branchdesk.access import allowed
from branchdesk.models import Role


@dataclass(frozen=True)
class ScreenEntry:
    name: str  # mode name, and the id used by the nav and the palette: "clients"
    key: str  # the key that opens it from anywhere: "f3"
    title: str  # i18n WORDS key of its title: "tui.screen.clients"
    help: str  # i18n WORDS key of a one-line description, shown in the palette
    permission: str | None  # branchdesk.access permission it needs; None = anyone signed in
    screen: Callable[[], Screen]  # builds the screen (a DeskScreen subclass)

    def allows(self, role: Role) -> bool:
        return self.permission is None or allowed(role, self.permission)


def visible_for(entries: Iterable[ScreenEntry], role: Role | None) -> list[ScreenEntry]:
    """The screens a role may open, in registry order (nothing before sign-in)."""
    return [] if role is None else [e for e in entries if e.allows(role)]
