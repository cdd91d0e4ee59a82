"""Fair assignment (存量客户分配): rebalance advisors' books by count or weighted load,
needs vs skill and advisor level, moving as few (and as cheap) clients as possible.

A plan is previewed (every move with its reason), applied in one transaction (409 if the
book changed since the preview) and can be undone. Leave makes temporary plans that
reverse themselves; departure makes permanent ones; imports place new clients without
moving anyone else. The formulation is in :mod:`.solver`."""

from .advisors import (
    create_advisor,
    current_loads,
    get_advisor,
    list_advisors,
    update_advisor,
)
from .leave import back_to_work, end_leaves, start_departure, start_leave
from .newclients import assign_new
from .plans import (
    PlanJob,
    apply_plan,
    get_plan,
    job_for,
    list_plans,
    preview,
    save_preview,
    undo_plan,
)
from .reasons import needs_text, reason_text
from .rules import AssignmentRules

__all__ = [
    "AssignmentRules",
    "PlanJob",
    "apply_plan",
    "assign_new",
    "back_to_work",
    "create_advisor",
    "current_loads",
    "end_leaves",
    "get_advisor",
    "get_plan",
    "job_for",
    "list_advisors",
    "list_plans",
    "needs_text",
    "preview",
    "reason_text",
    "save_preview",
    "start_departure",
    "start_leave",
    "undo_plan",
    "update_advisor",
]
