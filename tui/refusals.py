"""What a form says when the server refuses it, in the user's language.

The server's own words are English sentences for scripts; the refusals a person at a
desk meets every day (an outcome left out, a product above the client's risk level, a
task someone else changed meanwhile) get a sentence of their own here."""

from __future__ import annotations

import re

from branchdesk import i18n
from branchdesk.errors import BranchDeskError, Conflict, Forbidden, Invalid, NotFound
from branchdesk.models import Client, ProductRisk

#: the fields the suitability rules (适当性) refuse on
SUITABILITY_FIELDS = ("product_risk", "risk_level", "risk_assessed_on")


def refusal(
    exc: BranchDeskError,
    lang: str,
    *,
    client: Client | None = None,
    product_risk: ProductRisk | None = None,
    stale: str = "tui.refusal.stale",
) -> str:
    """One sentence for the form's message line (``stale``: the words for a 409)."""
    if isinstance(exc, Conflict):
        return i18n.t(stale, lang)
    if isinstance(exc, Forbidden):
        return i18n.t("tui.forbidden", lang, detail=str(exc))
    if isinstance(exc, NotFound):
        return i18n.t("tui.not_found", lang, detail=str(exc))
    if isinstance(exc, Invalid):
        fields = [e.field for e in exc.errors]
        if "outcome" in fields:
            return i18n.t("tui.refusal.outcome", lang)
        if "risk_level" in fields:
            return i18n.t("tui.refusal.no_rating", lang)
        if "risk_assessed_on" in fields:
            return i18n.t("tui.refusal.rating_expired", lang)
        if "product_risk" in fields:
            if product_risk is None:
                return i18n.t("tui.refusal.product_risk", lang)
            level = client.risk_level.value if client and client.risk_level else "?"
            return i18n.t(
                "tui.refusal.unsuitable",
                lang,
                name=client.name if client else "",
                level=level,
                risk=product_risk.value,
                needed=f"C{product_risk.rank}",
            )
    return i18n.t("tui.refused", lang, detail=str(exc))


#: the server's sign-in refusals (branchdesk/auth.py, the login rate limit) → words
_SIGNIN = (
    (re.compile(r"wrong username or password"), "tui.signin.wrong"),
    (
        re.compile(r"account locked after (?P<count>\d+) .* in (?P<minutes>\d+) min"),
        "tui.signin.locked",
    ),
    (re.compile(r"account is disabled"), "tui.signin.disabled"),
    (re.compile(r"too many sign-in attempts; wait (?P<seconds>\d+) s"), "tui.signin.flood"),
)


def signin_refusal(exc: BranchDeskError, lang: str) -> str:
    """Why sign-in failed, in the user's language (the server's words if unforeseen)."""
    for pattern, key in _SIGNIN:
        found = pattern.search(str(exc))
        if found:
            return i18n.t("tui.signin.failed", lang, detail=i18n.t(key, lang, **found.groupdict()))
    return i18n.t("tui.signin.failed", lang, detail=str(exc))
