from __future__ import annotations

from litestar import Controller, get, patch
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from branchdesk.models import Staff
from branchdesk.models.api import RuleSetChange, RuleSetView
from branchdesk.rules import RULE_SETS, get_rules, rule_set_named, rule_view, set_rules
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in


class RulesController(Controller):
    path = "/rules"
    tags = ["rules"]
    opt = requires("rules.read")

    @get("/", operation_id="listRuleSets", responses=signed_in(), sync_to_thread=False)
    def list_rules(self, store: NamedDependency[Store]) -> list[RuleSetView]:
        """Every rule set with its current values (defaults until a manager changes them)."""
        return [rule_view(get_rules(store, cls)) for cls in RULE_SETS.values()]

    @get("/{name:str}", operation_id="getRuleSet", responses=signed_in(), sync_to_thread=False)
    def get_rule_set(self, store: NamedDependency[Store], name: FromPath[str]) -> RuleSetView:
        return rule_view(get_rules(store, rule_set_named(name)))

    @patch(
        "/{name:str}",
        operation_id="changeRuleSet",
        responses=signed_in(409),
        opt=requires("rules.write"),
        sync_to_thread=False,
    )
    def change(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        name: FromPath[str],
        data: JSONBody[RuleSetChange],
    ) -> RuleSetView:
        """Change some values; unknown keys and impossible values are refused by name."""
        cls = rule_set_named(name)
        updated = set_rules(
            store, cls, data.values, actor=me.username, expected_version=data.version
        )
        return rule_view(updated)
