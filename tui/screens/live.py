"""``LiveDeskScreen``: a screen whose data other screens change (advisors, rebalance).

Shown again after the user was on another screen, it loads afresh: a plan applied on the
advisors screen changes the books the rebalance screen shows, and the other way round.
Not after its own dialogs close: their results update the screen, and a reload would
cancel the work they started (an apply is a worker in the same exclusive group)."""

from __future__ import annotations

from .base import DeskScreen


class LiveDeskScreen(DeskScreen):
    def __init__(self) -> None:
        super().__init__()
        self._left = False

    def on_screen_suspend(self) -> None:
        # Under a dialog of its own the screen stays on the current stack; left for
        # another screen (another mode), it does not.
        self._left = self not in self.app.screen_stack

    def on_screen_resume(self) -> None:
        # DeskScreen's own handler (run after this one) retries a load that failed.
        if self._left and self.loaded:
            self.reload()
        self._left = False
