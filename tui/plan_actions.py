"""Applying a plan, from whichever screen offers it (rebalance, or a leave or departure on
the advisors screen), with the one 409 a manager meets in practice said plainly: the book
changed since the preview, so it must be previewed again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from branchdesk import i18n
from branchdesk.errors import Conflict
from branchdesk.models.assignment import Plan, PlanStatus
from branchdesk.remote import Endpoints

from . import connection

if TYPE_CHECKING:
    from .app import BranchDeskApp


async def apply_plan(app: BranchDeskApp, plan: Plan) -> tuple[Plan | None, str]:
    """The applied plan and what to tell the user, or None and why not (notified)."""
    lang = app.lang
    try:
        applied = await connection.send(app, Endpoints.apply_plan(plan.id), refusals=(Conflict,))
    except Conflict:
        # Two 409s look alike on the wire: someone applied or undid it meanwhile, or the
        # book moved under the preview. The plan's status tells which.
        now = await connection.send(app, Endpoints.get_plan(plan.id))
        if now is not None and now.status is not PlanStatus.PREVIEW:
            status = i18n.t(f"plan_status_{now.status.value}", lang)
            why = i18n.t("tui.rb.not_preview", lang, id=plan.id, status=status)
        else:
            why = i18n.t("tui.rb.stale", lang)
        app.notify(why, severity="error", markup=False)
        return None, why
    if applied is None:
        return None, ""
    return applied, i18n.t("plan_applied", lang, id=applied.id, moves=f"{applied.totals.moves:,}")
