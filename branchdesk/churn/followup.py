"""What an alert's follow-up task is for, by default: relationship work for clients who
have drifted away (dormant, not contacted, without an advisor) — the seed's 盘活, not
盘死: care first, never a sales call — and retention for clients on their way out.

No store here: the terminal UI shows the same default the server will apply."""

from __future__ import annotations

from ..models import AlertRule, Purpose

RELATIONSHIP_RULES = frozenset({AlertRule.CONTACT_GAP, AlertRule.ORPHANED, AlertRule.DORMANT})


def default_purpose(rule: AlertRule) -> Purpose:
    return Purpose.RELATIONSHIP if rule in RELATIONSHIP_RULES else Purpose.RETENTION
