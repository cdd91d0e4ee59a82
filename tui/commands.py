"""The command palette (Ctrl+P): the screens the role may open (from the registry), what
the current screen offers (``DeskScreen.commands``), and the app's own commands — all
in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from branchdesk import i18n


class DeskCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from .screens.base import DeskScreen  # the screens import this module's App

        app = self.app
        lang = app.lang
        out: list[tuple[str, str, Callable[[], object]]] = []
        for entry in app.visible_screens():
            title = i18n.t("tui.cmd.goto", lang, title=i18n.t(entry.title, lang))
            out.append(
                (title, i18n.t(entry.help, lang), partial(app.run_action, f"goto('{entry.name}')"))
            )
        if isinstance(self.screen, DeskScreen):
            out += [(c.title, c.help, c.run) for c in self.screen.commands()]
        out.append(
            (i18n.t("tui.key.help", lang), i18n.t("tui.cmd.help.help", lang), app.action_help)
        )
        out.append(
            (
                i18n.t("tui.cmd.lang", lang),
                i18n.t("tui.cmd.lang.help", lang),
                partial(app.run_action, "toggle_lang"),
            )
        )
        if app.me is not None:
            out.append(
                (
                    i18n.t("tui.key.sign_out", lang),
                    i18n.t("tui.cmd.sign_out.help", lang),
                    partial(app.run_action, "sign_out"),
                )
            )
        out.append((i18n.t("tui.key.quit", lang), i18n.t("tui.cmd.quit.help", lang), app.exit))
        return out

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
