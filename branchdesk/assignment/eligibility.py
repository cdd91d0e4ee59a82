"""Who may serve whom: which advisors take clients on a given day, which of them meet a
client's needs, and whom a book falls to when its advisor is away (the backup chain)."""

from __future__ import annotations

from datetime import date

from ..models import Advisor, AdvisorStatus
from ..models.assignment import ReasonCode
from .rules import SENIOR_LEVELS, AssignmentRules, describe_needs


def away_reason(advisor: Advisor, on: date) -> ReasonCode | None:
    """Why ``advisor`` takes no clients on ``on`` (None: they do).

    A leave counts from ``leave_from`` to ``leave_to`` inclusive; once it has ended the
    advisor counts as back even before their status is reset."""
    if advisor.status is AdvisorStatus.DEPARTED:
        return ReasonCode.DEPARTED
    if advisor.status is AdvisorStatus.ON_LEAVE:
        started = advisor.leave_from is None or advisor.leave_from <= on
        ongoing = advisor.leave_to is None or on <= advisor.leave_to
        if started and ongoing:
            return ReasonCode.ON_LEAVE
    if advisor.capacity <= 0:
        return ReasonCode.NO_CAPACITY
    return None


class Eligibility:
    """The advisors taking clients on a day (*receivers*, indexed 0…n−1) and, per
    requirement profile, the bit mask of receivers who meet it."""

    def __init__(self, advisors: list[Advisor], rules: AssignmentRules, on: date) -> None:
        self.rules = rules
        self.by_id = {a.id: a for a in advisors}
        self.away = {a.id: r for a in advisors if (r := away_reason(a, on)) is not None}
        self.receivers = [a for a in advisors if a.id not in self.away]
        self.index = {a.id: i for i, a in enumerate(self.receivers)}
        self._masks: dict[tuple, int] = {}

    def meets(self, advisor: Advisor, requirements: tuple) -> bool:
        senior, skills = requirements
        if senior and advisor.level not in SENIOR_LEVELS:
            return False
        return all(advisor.skills.get(s, 0) >= level for s, level in skills)

    def mask(self, requirements: tuple) -> int:
        """Bit i is set when receiver i may take a client with these requirements."""
        found = self._masks.get(requirements)
        if found is None:
            found = 0
            for i, a in enumerate(self.receivers):
                if self.meets(a, requirements):
                    found |= 1 << i
            self._masks[requirements] = found
        return found

    def unmet(self, requirements: tuple) -> list[str]:
        """For a client nobody may take: the requirements no receiver meets on its own,
        or, when each is met by someone, all of them (nobody meets them together)."""
        senior, skills = requirements
        parts = [(True, ())] if senior else []
        parts += [(False, (s,)) for s in skills]
        alone = [p for p in parts if not any(self.meets(a, p) for a in self.receivers)]
        return describe_needs(_join(alone) if alone else requirements)

    def backup_for(self, advisor_id: str | None) -> str | None:
        """The first receiver along the backup chain of an away advisor (None if the
        chain ends or loops before reaching one)."""
        seen = set()
        current = self.by_id.get(advisor_id) if advisor_id else None
        while current is not None and current.id not in seen:
            seen.add(current.id)
            nxt = self.by_id.get(current.backup_id) if current.backup_id else None
            if nxt is not None and nxt.id in self.index:
                return nxt.id
            current = nxt
        return None


def _join(parts: list[tuple]) -> tuple:
    senior = any(p[0] for p in parts)
    return senior, tuple(s for p in parts for s in p[1])
