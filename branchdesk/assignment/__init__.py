"""Fair assignment (存量客户分配): rebalance advisors' books by count or weighted load,
needs vs skill and advisor level, moving as few (and as cheap) clients as possible.

A plan is previewed (every move with its reason), applied in one transaction (409 if the
book changed since the preview) and can be undone. Leave makes temporary plans that
reverse themselves; departure makes permanent ones; imports place new clients without
moving anyone else. The formulation is in :mod:`.solver`.

The rule set and the words of reasons load at once (the rules API must know the rule set;
the terminal UI renders reasons); the planner, with numpy and OR-Tools, loads on first use."""

from __future__ import annotations

import importlib
from typing import Any

from .reasons import needs_text, reason_text
from .rules import AssignmentRules

_LAZY = {
    "create_advisor": ".advisors",
    "current_loads": ".advisors",
    "get_advisor": ".advisors",
    "list_advisors": ".advisors",
    "update_advisor": ".advisors",
    "back_to_work": ".leave",
    "end_leaves": ".leave",
    "start_departure": ".leave",
    "start_leave": ".leave",
    "assign_new": ".newclients",
    "place_new": ".newclients",
    "PlanJob": ".plans",
    "apply_plan": ".plans",
    "get_plan": ".plans",
    "job_for": ".plans",
    "list_plans": ".plans",
    "preview": ".plans",
    "save_preview": ".plans",
    "undo_plan": ".plans",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name], __name__), name)


__all__ = ["AssignmentRules", "needs_text", "reason_text", *sorted(_LAZY)]
