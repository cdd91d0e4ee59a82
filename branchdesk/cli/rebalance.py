"""``branchdesk rebalance``: preview a fair rebalancing of advisors' books, apply it, undo it."""

from __future__ import annotations

import click

from .. import i18n
from ..models.assignment import BalanceBy
from .common import (
    EXIT_BAD_INPUT,
    connect,
    console,
    data_option,
    emit_json,
    fail,
    json_option,
    lang_option,
)
from .plan_view import plan_json, print_plan, print_summaries


@click.command()
@data_option
@click.option("--preview", "do_preview", is_flag=True, help="Compute and store a new plan.")
@click.option("--apply", "apply_id", metavar="PLAN_ID", help="Apply a previewed plan.")
@click.option("--undo", "undo_id", metavar="PLAN_ID", help="Undo an applied plan.")
@click.option("--show", "show_id", metavar="PLAN_ID", help="Show a stored plan.")
@click.option("--list", "do_list", is_flag=True, help="List the latest plans.")
@click.option("--returns", "do_returns", is_flag=True, help="Bring clients back from ended leaves.")
@click.option("--advisor", "advisor_id", metavar="ID", help="Preview: move only this book.")
@click.option(
    "--balance",
    type=click.Choice([b.value for b in BalanceBy]),
    default=None,
    help="Preview: balance by client count or weighted load (default: the rules).",
)
@click.option(
    "--tolerance",
    type=click.FloatRange(0, 1),
    default=None,
    help="Preview: band around each target, e.g. 0.05 for ±5% (default: the rules).",
)
@click.option(
    "--moves",
    "limit",
    type=click.IntRange(0),
    default=30,
    show_default=True,
    help="Moves to print (--json always has all).",
)
@json_option
@lang_option
def rebalance(
    data: str | None,
    do_preview: bool,
    apply_id: str | None,
    undo_id: str | None,
    show_id: str | None,
    do_list: bool,
    do_returns: bool,
    advisor_id: str | None,
    balance: str | None,
    tolerance: float | None,
    limit: int,
    as_json: bool,
    lang: str | None,
) -> None:
    """Share the book fairly among advisors: preview a plan, apply it, undo it.

    The plan is optimal, in this order: every client on an advisor allowed to serve them
    (skills, level, suitability), every book inside the band around its capacity-based
    target, the fewest and cheapest moves (long, valuable relationships cost most),
    then the best skill match. Each move says why, in words.

    \b
    Examples:
      branchdesk rebalance --preview
      branchdesk rebalance --preview --advisor A05 --json
      branchdesk rebalance --apply P20261125-093000-1a2b
      branchdesk rebalance --undo P20261125-093000-1a2b --lang zh
    """
    lang = lang or i18n.default_lang()
    actions = [do_preview, apply_id, undo_id, show_id, do_list, do_returns]
    if sum(bool(a) for a in actions) != 1:
        fail(
            "choose one of --preview, --apply PLAN_ID, --undo PLAN_ID, --show PLAN_ID, "
            "--list, --returns",
            EXIT_BAD_INPUT,
        )
    write = not (show_id or do_list)
    with connect(data, write=write) as api:
        if do_list:
            plans = api.list_plans()
            emit_json(plans) if as_json else print_summaries(plans, lang)
            return
        if do_returns:
            result = api.leave_returns()
            if as_json:
                emit_json(result)
            elif not result.plans:
                console.print(i18n.t("returns_none", lang))
            else:
                print_summaries(result.plans, lang)
            return
        if do_preview:
            plan = api.preview_plan(
                advisor_id=advisor_id,
                balance=BalanceBy(balance) if balance else None,
                tolerance=tolerance,
            )
        elif apply_id:
            plan = api.apply_plan(apply_id)
        elif undo_id:
            plan = api.undo_plan(undo_id)
        else:
            plan = api.get_plan(show_id)
    if as_json:
        emit_json(plan_json(plan, lang))
        return
    print_plan(plan, lang, limit=limit)
    if do_preview and plan.moves:
        console.print(i18n.t("apply_hint", lang, id=plan.id))
    elif apply_id:
        console.print(i18n.t("plan_applied", lang, id=plan.id, moves=len(plan.moves)))
    elif undo_id:
        restored = len(plan.moves) - len(plan.not_restored)
        console.print(i18n.t("plan_undone", lang, id=plan.id, restored=restored))
