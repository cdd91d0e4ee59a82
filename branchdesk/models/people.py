"""The branch's people: staff accounts (who signs in) and advisors (who own books)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from msgspec import Meta, Struct

from .common import Name, Version
from .enums import AdvisorLevel, AdvisorStatus, Role, Skill

SkillLevel = Annotated[int, Meta(ge=1, le=5)]
Username = Annotated[str, Meta(pattern=r"^[a-z0-9_.\-]{2,32}$")]


class Staff(Struct, kw_only=True, forbid_unknown_fields=True):
    """A person who signs in. ``advisor_id`` links an advisor-role account to its book."""

    id: str
    username: Username
    display_name: Name
    role: Role
    password_hash: str = ""
    disabled: bool = False
    failed_logins: int = 0
    locked_until: datetime | None = None
    advisor_id: str | None = None
    created_at: datetime | None = None
    version: Version = 0


class Advisor(Struct, kw_only=True, forbid_unknown_fields=True):
    """An advisor (理财经理) who owns a book of clients."""

    id: Annotated[str, Meta(pattern=r"^[0-9A-Za-z_\-]{1,24}$")]
    name: Name
    level: AdvisorLevel = AdvisorLevel.JUNIOR
    skills: dict[Skill, SkillLevel] = {}
    capacity: Annotated[float, Meta(ge=0, le=2)] = 1.0  # 1.0 = full time
    status: AdvisorStatus = AdvisorStatus.ACTIVE
    leave_from: date | None = None
    leave_to: date | None = None
    backup_id: str | None = None
    certificates: list[str] = []
    hired_on: date | None = None
    phone: str | None = None
    version: Version = 0
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.leave_from and self.leave_to and self.leave_to < self.leave_from:
            raise ValueError("leave_to: before leave_from")
        if self.backup_id is not None and self.backup_id == self.id:
            raise ValueError("backup_id: an advisor cannot be their own backup")

    def skill(self, name: Skill) -> int:
        return self.skills.get(name, 0)
