"""A client's assignment history: every change of advisor, read from the audit trail.

The trail is the one place that records who moved a client and when (by hand, or by a
rebalancing plan), so this reads it rather than keeping a second record that could
disagree. Any audit entry on the client whose change names ``advisor_id`` counts."""

from __future__ import annotations

import msgspec

from .models import AuditEvent
from .models.api import AdvisorChange
from .store import Store


def advisor_changes(store: Store, account_id: str) -> list[AdvisorChange]:
    """The client's advisor changes, oldest first."""
    table = store.table("audit")
    found: list[tuple[str, AdvisorChange]] = []
    for doc_id in table.index("entity_id").get(account_id):
        doc = table.doc(doc_id)
        if doc is None or doc.get("entity") != "clients":
            continue
        after = doc.get("after") or {}
        if "advisor_id" not in after:
            continue
        event = msgspec.convert(doc, AuditEvent)
        found.append(
            (
                event.id,  # ids sort by creation time, finer than `at`'s seconds
                AdvisorChange(
                    at=event.at,
                    actor=event.actor,
                    action=event.action,
                    from_advisor=(event.before or {}).get("advisor_id"),
                    to_advisor=after.get("advisor_id"),
                ),
            )
        )
    found.sort(key=lambda pair: pair[0])
    return [change for _, change in found]
