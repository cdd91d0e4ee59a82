"""The filters over the triage queue: status, rule, tier and advisor, one compact Select
each. Every change asks the server again (filters are query parameters, never applied
to a page already loaded, so paging stays right)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Select

from branchdesk import i18n
from branchdesk.models import Advisor, AlertRule, AlertStatus, Tier

UNRESOLVED = "unresolved"
ALL = "all"


class AlertFilters(Horizontal):
    def __init__(self, *, advisor_id: str | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.initial_advisor = advisor_id  # an advisor starts on their own book
        self._advisors_named = False

    def compose(self) -> ComposeResult:
        lang = self.app.lang

        def t(key: str) -> str:
            return i18n.t(key, lang)

        statuses = [(t("tui.alerts.unresolved"), UNRESOLVED)]
        statuses += [(i18n.label(s, lang), str(s)) for s in AlertStatus]
        statuses.append((t("tui.alerts.all_statuses"), ALL))
        rules = [(t("churn.all_rules"), ALL)] + [(i18n.label(r, lang), str(r)) for r in AlertRule]
        tiers = [(t("tui.alerts.all_tiers"), ALL)] + [(i18n.label(x, lang), str(x)) for x in Tier]
        yield self._select(statuses, "filter-status", UNRESOLVED)
        yield self._select(rules, "filter-rule", ALL)
        yield self._select(tiers, "filter-tier", ALL)
        advisors = self._advisor_options(self.app.advisors)
        self._advisors_named = bool(self.app.advisors)
        yield self._select(advisors, "filter-advisor", self.initial_advisor or ALL)

    @staticmethod
    def _select(options: list[tuple[str, str]], id: str, value: str) -> Select[str]:
        if value not in {v for _, v in options}:
            options = [*options, (value, value)]  # an advisor not (yet) in the list
        return Select(options, value=value, allow_blank=False, compact=True, id=id)

    def _advisor_options(self, advisors: dict[str, Advisor]) -> list[tuple[str, str]]:
        options = [(i18n.t("tui.alerts.all_advisors", self.app.lang), ALL)]
        return options + [(f"{a.id} {a.name}", a.id) for a in advisors.values()]

    def add_advisors(self, advisors: dict[str, Advisor]) -> None:
        """The advisors arrive after sign-in; fill their names in once they have."""
        if self._advisors_named or not advisors:
            return
        self._advisors_named = True
        select = self.query_one("#filter-advisor", Select)
        value = select.value
        options = self._advisor_options(advisors)
        if value not in {v for _, v in options}:
            options.append((str(value), str(value)))
        with self.prevent(Select.Changed):
            select.set_options(options)
            select.value = value

    def value(self, name: str) -> str:
        return str(self.query_one(f"#filter-{name}", Select).value)

    def set(self, name: str, value: str) -> None:
        self.query_one(f"#filter-{name}", Select).value = value

    def untouched(self) -> bool:
        """Still as the screen opened: the person has not narrowed the queue."""
        shown = tuple(self.value(n) for n in ("status", "rule", "tier", "advisor"))
        return shown == (UNRESOLVED, ALL, ALL, self.initial_advisor or ALL)

    def params(self) -> dict[str, Any]:
        """The queue's query: ``Endpoints.list_alerts`` keywords."""
        status = self.value("status")
        rule, tier, advisor = self.value("rule"), self.value("tier"), self.value("advisor")
        return {
            "status": None
            if status == UNRESOLVED  # the server's default queue
            else list(AlertStatus)
            if status == ALL
            else [AlertStatus(status)],
            "rule": None if rule == ALL else AlertRule(rule),
            "tier": None if tier == ALL else Tier(tier),
            "advisor_id": None if advisor == ALL else advisor,
        }
