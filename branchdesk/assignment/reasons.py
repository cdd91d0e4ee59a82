"""A move's reason in words: "王芳 is departing; backup 李娜 has funds level 4; load 118 →
126" / "王芳离职；由备岗李娜接手，基金4级；负荷 118 → 126".

Plans store reasons as codes and numbers (:class:`~branchdesk.models.assignment.Reason`),
so the same plan reads in either language and the TUI can lay the parts out itself."""

from __future__ import annotations

from .. import i18n
from ..models import Skill
from ..models.assignment import Reason, ReasonCode


def reason_text(reason: Reason, lang: str) -> str:
    t = i18n.t
    parts = [_cause(reason, lang)]
    if reason.to_name and reason.code not in _NO_DESTINATION:
        to = t("reason_to_backup" if reason.backup else "reason_to", lang, to=reason.to_name)
        if reason.skill is not None and reason.level:
            skill = t("reason_skill", lang, skill=_skill(reason.skill, lang), level=reason.level)
            to += t("reason_skill_sep", lang) + skill
        parts.append(to)
    if reason.load_before is not None and reason.load_after is not None:
        parts.append(
            t(
                "reason_load",
                lang,
                before=_number(reason.load_before),
                after=_number(reason.load_after),
            )
        )
    return t("reason_sep", lang).join(parts)


_NO_DESTINATION = {ReasonCode.NO_ELIGIBLE, ReasonCode.CHANGED, ReasonCode.GONE}


def _cause(reason: Reason, lang: str) -> str:
    t, code = i18n.t, reason.code
    frm = reason.from_name or t("none", lang)
    if code is ReasonCode.ON_LEAVE:
        return t("reason_on_leave", lang, frm=frm, until=i18n.day(reason.until, lang))
    if code is ReasonCode.INELIGIBLE:
        return t("reason_ineligible", lang, frm=frm, needs=needs_text(reason.needs, lang))
    if code is ReasonCode.NO_ELIGIBLE:
        if not reason.needs:
            return t("reason_no_one", lang)
        return t("reason_no_eligible", lang, needs=needs_text(reason.needs, lang))
    if code is ReasonCode.BALANCE:
        return t(
            "reason_balance",
            lang,
            frm=frm,
            load=_number(reason.from_load or 0),
            high=_number(reason.band_high or 0),
        )
    if code is ReasonCode.CHANGED:
        return t("reason_changed", lang, to=reason.to_name or t("none", lang))
    return t(f"reason_{code.value}", lang, frm=frm, to=reason.to_name or "")


def needs_text(needs: list[str], lang: str) -> str:
    """``["senior", "options>=1"]`` → "a senior or certified level and options level 1+"."""
    words = []
    for need in needs:
        if need == "senior":
            words.append(i18n.t("need_senior", lang))
        else:
            skill, _, level = need.partition(">=")
            words.append(i18n.t("need_skill", lang, skill=_skill(Skill(skill), lang), level=level))
    return i18n.t("reason_and", lang).join(words)


def _skill(skill: Skill, lang: str) -> str:
    word = i18n.label(skill, lang)
    return word.lower() if lang == "en" else word


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
