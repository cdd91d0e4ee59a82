"""How advisors and plans read on screen: compact skills, status with leave dates, loads,
percentages, and the server's field errors in the user's language.

Shared by the advisors and rebalance screens and their dialogs, so a number or a status
reads the same wherever it appears."""

from __future__ import annotations

import re
from datetime import date

from rich.cells import cell_len

from branchdesk import i18n
from branchdesk.models import Advisor, AdvisorStatus, Skill, today


def number(value: float | None) -> str:
    """A load as people read it: ``112`` for counts, ``112.5`` for weighted loads."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def percent(ratio: float) -> str:
    return f"{ratio:.1%}"


def cost(value: float) -> str:
    return f"{value:,.1f}"


def skill_word(skill: Skill, lang: str) -> str:
    return i18n.t(f"tui.skill.{skill.value}", lang)


def skills_text(skills: dict[Skill, int], lang: str, width: int | None = None) -> str:
    """Strongest first, so a narrow cell still shows what the advisor is best at:
    ``理财5 股票4 基金4`` / ``wealth 5 stocks 4 funds 4``. With ``width``, only the
    skills that fit whole, then ``…`` (a level cut off its skill would mislead)."""
    order = list(Skill)
    ranked = sorted(skills.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    gap = "" if lang == "zh" else " "
    items = [f"{skill_word(s, lang)}{gap}{n}" for s, n in ranked]
    text = " ".join(items)
    if width is None or cell_len(text) <= width:
        return text
    while items and cell_len(" ".join(items) + " …") > width:
        items.pop()
    return " ".join([*items, "…"])


def _short_day(day: date, year: int) -> str:
    return day.strftime("%m-%d") if day.year == year else day.isoformat()


def status_text(advisor: Advisor, lang: str) -> str:
    """``在岗``, ``已离职``, or ``休假 11-15–2027-01-04`` (the year only when it differs)."""
    word = i18n.label(advisor.status, lang)
    if advisor.status is not AdvisorStatus.ON_LEAVE or not advisor.leave_to:
        return word
    year = today().year
    start = _short_day(advisor.leave_from, year) if advisor.leave_from else ""
    return f"{word} {start}–{_short_day(advisor.leave_to, year)}"


def who(advisor_id: str | None, advisors: dict[str, Advisor], lang: str) -> str:
    """``A06 李娜``, or the bare id of an advisor not on file, or ``—``."""
    if not advisor_id:
        return i18n.t("none", lang)
    advisor = advisors.get(advisor_id)
    return f"{advisor_id} {advisor.name}" if advisor else advisor_id


_BOUND = re.compile(r"Expected `\w+` (<=|>=|<|>) (-?[\d.]+)")


def field_message(message: str, lang: str) -> str:
    """msgspec's words (``Expected `int` <= 5``) said plainly in the user's language;
    anything else the server wrote is shown as it is."""
    bound = _BOUND.search(message)
    if bound:
        limit = number(float(bound.group(2)))
        key = "tui.err.at_most" if bound.group(1).startswith("<") else "tui.err.at_least"
        return i18n.t(key, lang, n=limit)
    if message.startswith("Expected"):
        return i18n.t("tui.err.type", lang)
    return message
