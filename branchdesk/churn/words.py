"""An alert's evidence in words, Chinese or English, rendered when it is shown.

The alert keeps the numbers (``evidence``); the sentence is made here from
:mod:`branchdesk.i18n` so the same alert reads right in either language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import i18n
from ..models import Alert, AlertRule, Tier

_MONEY = {
    "assets",
    "net_out",
    "base_assets",
    "assets_now",
    "peak_assets",
    "loss",
    "net_transfers",
}
_RATIO = {"ratio", "drawdown"}


def evidence_words(rule: AlertRule, evidence: Mapping[str, Any], lang: str) -> str:
    """``net out ¥1,500,000 = 62% of assets in 30 days (2026-11-01 – 2026-11-25)``."""
    values: dict[str, Any] = {}
    for key, value in evidence.items():
        if value is None:
            values[key] = i18n.t("none", lang)
        elif key in _MONEY:
            values[key] = i18n.money(float(value), lang)  # 万/亿 in Chinese, as in the tables
        elif key in _RATIO:
            values[key] = i18n.percent(float(value), lang)
        elif key == "tier":
            values[key] = i18n.label(Tier(value), lang)
        else:
            values[key] = value
    key = f"churn.ev.{rule}"
    if rule is AlertRule.ORPHANED:
        key += f".{evidence.get('advisor_status', 'unknown')}"
    try:
        return i18n.t(key, lang, **values)
    except (KeyError, IndexError, ValueError):
        # Evidence from an older version with other numbers: show them as they are.
        return ", ".join(f"{k}={v}" for k, v in evidence.items())


def alert_words(alert: Alert, lang: str) -> str:
    return evidence_words(alert.rule, alert.evidence, lang)
