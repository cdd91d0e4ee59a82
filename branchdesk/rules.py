"""Reading and changing the rule sets: versioned, validated, audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import msgspec

from . import audit
from .errors import Conflict, Invalid
from .models import CareRules, ChannelCosts, ChurnRules, RuleSet, TierRules, now
from .models.api import RuleSetView
from .store import Store
from .validate import parse

R = TypeVar("R", bound=RuleSet)

#: every rule set by its stored name; later capabilities register theirs here
RULE_SETS: dict[str, type[RuleSet]] = {
    cls.NAME: cls for cls in (TierRules, ChurnRules, CareRules, ChannelCosts)
}


def register(cls: type[R]) -> type[R]:
    RULE_SETS[cls.NAME] = cls
    return cls


def get_rules(store: Store, cls: type[R]) -> R:
    """The stored rule set, or its defaults when nobody has changed it yet."""
    doc = store.table("rules").doc(cls.NAME)
    if doc is None:
        return cls()
    fields = {k: v for k, v in doc.items() if k not in ("name", "updated_by", "updated_at")}
    return msgspec.convert(fields, cls)


def set_rules(
    store: Store,
    cls: type[R],
    changes: Mapping[str, Any],
    *,
    actor: str,
    expected_version: int | None = None,
    strict: bool = True,
) -> R:
    """Change some settings of a rule set. Unknown keys and impossible values are refused
    with the field named; ``expected_version`` guards against a concurrent change."""
    current = get_rules(store, cls)
    if expected_version is not None and expected_version != current.version:
        raise Conflict(
            f"rule set {cls.NAME!r} is at version {current.version}, not {expected_version}",
            current_version=current.version,
        )
    if "version" in changes:
        raise Invalid("set by the server", field="version")
    merged = {**msgspec.to_builtins(current), **changes}
    updated = parse(cls, merged, strict=strict)
    before = msgspec.to_builtins(current)
    after = msgspec.to_builtins(updated)
    if before == after:
        return current
    updated = msgspec.structs.replace(updated, version=current.version + 1)
    doc = {"name": cls.NAME, **msgspec.to_builtins(updated)}
    doc["updated_by"], doc["updated_at"] = actor, now().isoformat()
    with store.transaction():
        store.table("rules").put(doc)
        audit.record(
            store,
            actor=actor,
            action="rules.update",
            entity="rules",
            entity_id=cls.NAME,
            before=before,
            after=after,
        )
    return updated


def rule_set_named(name: str) -> type[RuleSet]:
    try:
        return RULE_SETS[name]
    except KeyError:
        raise Invalid(f"unknown rule set; one of {', '.join(sorted(RULE_SETS))}", "name") from None


def rule_view(rules: RuleSet) -> RuleSetView:
    """A rule set as the API shows it: name, version and the values."""
    values = msgspec.to_builtins(rules)
    version = values.pop("version")
    return RuleSetView(name=type(rules).NAME, version=version, values=values)
