"""What counts as a contact with a client, and keeping their last contact date.

A contact is a task done with the client reached: a call that nobody answered is not one,
and neither is a system-sent greeting (one message to every client says nothing about
whether their advisor keeps in touch, so it must not make a book look covered)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..models import Outcome, TaskStatus
from ..store import Store

#: outcomes that mean the client was not spoken with
NOT_A_CONTACT = frozenset({Outcome.NOT_REACHED.value})
#: occasion prefixes of one-way messages the system sends to many clients
BROADCAST_PREFIXES = ("greeting:",)


def is_contact(task: Mapping[str, Any]) -> bool:
    """True for a stored task document (or a dict of its fields) that reached the client."""
    if task.get("status") != TaskStatus.DONE.value:
        return False
    outcome = task.get("outcome")
    if outcome is None or str(outcome) in NOT_A_CONTACT:
        return False
    occasion = task.get("occasion") or ""
    return not occasion.startswith(BROADCAST_PREFIXES)


def reached(task: Mapping[str, Any]) -> bool:
    """Done with the client reached, system messages included (for campaign results)."""
    outcome = task.get("outcome")
    return (
        task.get("status") == TaskStatus.DONE.value
        and outcome is not None
        and str(outcome) not in NOT_A_CONTACT
    )


def touch(store: Store, account_id: str, day: date) -> bool:
    """Move the client's last contact date forward to ``day``; True when it changed.

    Written straight to the document without a new client version: the date is derived
    from tasks, and bumping the version would make a colleague's unrelated edit of the
    same client fail with a conflict. The task's own audit entry records the contact."""
    table = store.table("clients")
    doc = table.doc(account_id)
    if doc is None:
        return False
    current = doc.get("last_contact_date")
    if current is not None and current >= day.isoformat():
        return False
    table.update({"last_contact_date": day.isoformat()}, doc_ids=[account_id])
    return True
