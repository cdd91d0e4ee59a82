"""Messages screens and widgets post to the App (so screens need not know each other)."""

from __future__ import annotations

from textual.message import Message


class OpenClient(Message):
    """Open a client's detail screen on top of the current screen (from any screen)."""

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
