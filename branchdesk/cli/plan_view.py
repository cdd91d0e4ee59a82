"""How a rebalancing plan reads on a terminal (loads as bars, moves with reasons, totals)
and as JSON (the plan, each move's reason also as a sentence)."""

from __future__ import annotations

from typing import Any

import msgspec
from rich.text import Text

from .. import i18n
from ..assignment.reasons import reason_text
from ..models.assignment import AdvisorLoad, Plan, PlanSummary
from .common import console, table

BAR = 24  # characters for the largest load


def plan_json(plan: Plan, lang: str) -> dict[str, Any]:
    data = msgspec.to_builtins(plan)
    for move, out in zip(plan.moves, data["moves"], strict=True):
        out["reason_text"] = reason_text(move.reason, lang)
    for item, out in zip(plan.unplaceable, data["unplaceable"], strict=True):
        out["reason_text"] = reason_text(item.reason, lang)
    for item, out in zip(plan.not_restored, data["not_restored"], strict=True):
        out["reason_text"] = reason_text(item.reason, lang)
    return data


def print_plan(plan: Plan, lang: str, *, limit: int = 30) -> None:
    t = i18n.t
    kind = t(f"plan_kind_{plan.kind.value}", lang)
    status = t(f"plan_status_{plan.status.value}", lang)
    console.print(Text(f"{t('plan', lang)} {plan.id} · {kind} · {status} · {plan.on}", "bold"))
    print_loads(plan.loads, lang)
    if plan.moves:
        rows = [
            [
                m.account_id,
                m.name,
                m.from_id or t("none", lang),
                m.to_id,
                reason_text(m.reason, lang),
            ]
            for m in plan.moves[:limit]
        ]
        cols = ("account_id", "name", "from_advisor", "to_advisor", "reason")
        table([t(c, lang) for c in cols], rows)
        if len(plan.moves) > limit:
            console.print(t("more_moves", lang, count=len(plan.moves) - limit))
    for title, items in (("unplaceable", plan.unplaceable), ("not_restored", plan.not_restored)):
        if items:
            console.print(Text(f"{t(title, lang, count=len(items))}", "bold"))
            for u in items[:limit]:
                console.print(f"  {u.account_id} {u.name}: {reason_text(u.reason, lang)}")
    print_totals(plan, lang)


def print_loads(loads: list[AdvisorLoad], lang: str) -> None:
    t = i18n.t
    top = max([max(x.before, x.after) for x in loads] + [1])
    rows = []
    for x in loads:
        if x.away and not x.before and not x.after:
            continue
        band = f"{x.band_low}–{x.band_high}" if x.band_low is not None else "—"
        rows.append(
            [
                x.advisor_id,
                x.name,
                i18n.label(x.status, lang),
                f"{x.target:,.0f}" if x.target is not None else "—",
                band,
                f"{x.before:,.0f}",
                f"{x.after:,.0f}",
                _bars(x, top),
            ]
        )
    cols = ("advisor", "name", "status", "target", "band", "load_before", "load_after")
    table([*(t(c, lang) for c in cols), ""], rows)


def _bars(load: AdvisorLoad, top: float) -> Text:
    """Before (dim) over after (coloured: green inside the band, red outside)."""
    before = round(BAR * load.before / top)
    after = round(BAR * load.after / top)
    inside = load.band_low is None or load.band_low <= load.after <= (load.band_high or 0)
    text = Text("▒" * before, "dim")
    text.append(" → ")
    text.append("█" * after, "green" if inside and not load.away else "red")
    return text


def print_totals(plan: Plan | PlanSummary, lang: str) -> None:
    t, tot = i18n.t, plan.totals
    console.print(
        f"{t('moves', lang)}: {tot.moves:,} · {t('move_cost', lang)}: {tot.cost:,.2f} · "
        f"{t('spread', lang)}: {tot.spread_before:.1%} → {tot.spread_after:.1%} · "
        f"{t('eligible_share', lang)}: {tot.eligible_before:.1%} → {tot.eligible_after:.1%} · "
        f"{t('unplaceable', lang)}: {tot.unplaceable}"
    )


def print_summaries(plans: list[PlanSummary], lang: str) -> None:
    t = i18n.t
    rows = [
        [
            p.id,
            t(f"plan_kind_{p.kind.value}", lang),
            t(f"plan_status_{p.status.value}", lang),
            p.advisor_id or "",
            f"{p.totals.moves:,}",
            f"{p.totals.spread_before:.1%} → {p.totals.spread_after:.1%}",
            p.created_by or "",
        ]
        for p in plans
    ]
    cols = ("plan", "plan_kind", "plan_status", "advisor", "moves", "spread")
    table([*(t(c, lang) for c in cols), ""], rows)
