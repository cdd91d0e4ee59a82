"""How urgent an alert is: a score 0–100 that grows with the assets at risk.

    severity = round(weight(rule) × (0.25 + 0.75 × f)),  clamped to 0–100
    f        = clamp((log10(assets at risk in ¥) − 3) / 4, 0, 1)

``f`` is 0 at ¥1,000 or less and 1 at ¥10,000,000 or more, a quarter more for each
tenfold: a ¥2.4M client outranks a ¥24,000 one, but a ¥24M client does not drown out
everything else. The weight says how close to leaving a rule's clients are:

| rule | weight | assets at risk |
| --- | --- | --- |
| outflow | 100 | assets now + the net amount moved out in the window |
| drawdown | 90 | assets now |
| complaint | 90 | assets now |
| dormant | 70 | assets now |
| activity_drop | 70 | assets now |
| orphaned | 60 | assets now |
| contact_gap | 50 | assets now |

Examples: 老李's outflow (¥2.42M at risk) scores 88; 王女士's drawdown (¥1.8M) 77."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..models import AlertRule

if TYPE_CHECKING:
    import numpy as np

WEIGHTS: dict[AlertRule, int] = {
    AlertRule.OUTFLOW: 100,
    AlertRule.DRAWDOWN: 90,
    AlertRule.COMPLAINT: 90,
    AlertRule.DORMANT: 70,
    AlertRule.ACTIVITY_DROP: 70,
    AlertRule.ORPHANED: 60,
    AlertRule.CONTACT_GAP: 50,
}

#: severity bands of the dashboard and the reports
BANDS = (("high", 70), ("medium", 40), ("low", 0))


def assets_factor(at_risk: float) -> float:
    if at_risk <= 1000:
        return 0.0
    return min(1.0, (math.log10(at_risk) - 3) / 4)


def severity(rule: AlertRule, at_risk: float) -> int:
    score = round(WEIGHTS[rule] * (0.25 + 0.75 * assets_factor(at_risk)))
    return max(0, min(100, score))


def severities(rule: AlertRule, at_risk: np.ndarray) -> np.ndarray:
    """:func:`severity` for many clients at once (a scan's findings of one rule)."""
    # numpy only here: the store's alert index and the dashboard import :func:`band`.
    import numpy as np

    f = np.clip((np.log10(np.maximum(at_risk, 1000.0)) - 3) / 4, 0.0, 1.0)
    return np.clip(np.round(WEIGHTS[rule] * (0.25 + 0.75 * f)), 0, 100).astype(np.int64)


def band(score: int) -> str:
    return next(name for name, low in BANDS if score >= low)
