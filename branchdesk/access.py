"""Who may do what: the one permission table (printed in the docs by
``branchdesk staff permissions``), and who may see a client's phone and ID in full."""

from __future__ import annotations

from .models import Client, Role, Staff

F, A, R, M, AD = Role.FRONTDESK, Role.ADVISOR, Role.RESEARCHER, Role.MANAGER, Role.ADMIN
EVERYONE = frozenset(Role)

#: permission → the roles that have it
PERMISSIONS: dict[str, frozenset[Role]] = {
    "clients.read": EVERYONE,  # masked unless clients.sensitive applies
    "clients.sensitive": frozenset({M, A}),  # advisors: their own clients only
    "clients.write": frozenset({F, A, M}),  # advisors: their own clients only
    "advisors.read": EVERYONE,
    "advisors.write": frozenset({M}),
    "staff.read": frozenset({AD, M}),
    "staff.write": frozenset({AD}),
    "audit.read": frozenset({M, AD}),
    "rules.read": EVERYONE,
    "rules.write": frozenset({M}),
    "alerts.read": frozenset({F, A, M}),
    "alerts.triage": frozenset({F, A, M}),
    "alerts.scan": frozenset({M}),
    "tasks.read": frozenset({F, A, R, M}),
    "tasks.write": frozenset({F, A, M}),
    "assignments.read": frozenset({M}),
    "assignments.write": frozenset({M}),
    "campaigns.read": frozenset({F, A, M}),
    "campaigns.write": frozenset({M}),
    "care.run": frozenset({M}),
    "reports.read": frozenset({M, A}),
    "imports.write": frozenset({M, AD}),
    "exports.read": frozenset({M, AD}),
    "backups.write": frozenset({AD}),
}

DESCRIPTIONS: dict[str, str] = {
    "clients.read": "read the client book (phone and ID masked)",
    "clients.sensitive": "see a client's phone and ID in full (advisors: own clients; audited)",
    "clients.write": "create and edit clients (advisors: own clients)",
    "advisors.read": "read advisors' profiles and loads",
    "advisors.write": "edit advisors' skills, capacity, leave",
    "staff.read": "list staff accounts",
    "staff.write": "add, disable and reset staff accounts",
    "audit.read": "read the audit trail",
    "rules.read": "read rule settings",
    "rules.write": "change rule settings",
    "alerts.read": "read churn alerts",
    "alerts.triage": "acknowledge, work and resolve alerts",
    "alerts.scan": "run a churn scan on demand",
    "tasks.read": "read service tasks",
    "tasks.write": "log, complete, reschedule and cancel tasks",
    "assignments.read": "preview a rebalancing of advisors' books",
    "assignments.write": "apply and undo a rebalancing",
    "campaigns.read": "read activation campaigns",
    "campaigns.write": "create and run activation campaigns",
    "care.run": "send greetings, thank-yous and callbacks",
    "reports.read": "read the branch's reports",
    "imports.write": "import back-office files",
    "exports.read": "export records to files",
    "backups.write": "make and restore backups",
}


def allowed(role: Role, permission: str) -> bool:
    return role in PERMISSIONS[permission]


def sees_full_details(staff: Staff, client: Client) -> bool:
    """Managers see every client in full; an advisor sees their own clients."""
    return sees_in_full(staff, client.advisor_id)


def sees_in_full(staff: Staff, advisor_id: str | None) -> bool:
    """:func:`sees_full_details` of a client whose advisor is ``advisor_id``."""
    if staff.role is Role.MANAGER:
        return True
    return staff.role is Role.ADVISOR and staff.advisor_id == advisor_id is not None


def may_edit(staff: Staff, client: Client) -> bool:
    if not allowed(staff.role, "clients.write"):
        return False
    return staff.role is not Role.ADVISOR or staff.advisor_id == client.advisor_id
