"""Triage: open → acknowledged → in progress (a follow-up task) → resolved.

Every step names who and when (``Alert.history``), is checked against the version the
person saw (a stale one is a :class:`Conflict`, 409 over HTTP) and is audited. A client
resolved as lost needs a reason from DOMAIN.md's list, and "other" needs words."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

import msgspec

from .. import audit
from ..errors import Conflict, Invalid, NotFound
from ..models import (
    Alert,
    AlertRule,
    AlertStatus,
    AlertStep,
    Channel,
    ChurnReason,
    Purpose,
    Resolution,
    Task,
    Tier,
    now,
    today,
)
from ..models.churn import AlertPage, AlertView
from ..store import Store
from ..tasks import TaskBook
from .followup import default_purpose
from .words import evidence_words

SORTS: dict[str, Callable[[dict], Any]] = {
    "severity": lambda d: d["severity"],
    "assets": lambda d: d.get("assets_at_risk", 0.0),
    "raised": lambda d: d["raised_at"],
}
OPEN_STATUSES = (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED, AlertStatus.IN_PROGRESS)


def next_working_day(day: date) -> date:
    """The first working day after ``day`` by China's official calendar; Monday to
    Friday past the years the calendar package knows."""
    import chinese_calendar

    nxt = day + timedelta(days=1)
    for _ in range(40):
        try:
            working = chinese_calendar.is_workday(nxt)
        except NotImplementedError:
            working = nxt.weekday() < 5
        if working:
            return nxt
        nxt += timedelta(days=1)
    return nxt


class AlertDesk:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = store.table("alerts")

    # -- reading ------------------------------------------------------------------------
    def get(self, alert_id: str) -> Alert:
        doc = self.table.doc(alert_id)
        if doc is None:
            raise NotFound("alert", alert_id)
        return msgspec.convert(doc, Alert)

    def view(self, alert_id: str) -> AlertView:
        doc = self.table.doc(alert_id)
        if doc is None:
            raise NotFound("alert", alert_id)
        return self._view(doc)

    def _view(self, doc: dict) -> AlertView:
        client = self.store.table("clients").doc(doc["account_id"]) or {}
        view = msgspec.convert(
            {**doc, "client_name": client.get("name", ""), "tier": client.get("tier")},
            AlertView,
        )
        # The sentence for scripts and logs; screens render it in their own language.
        view.evidence_text = evidence_words(view.rule, view.evidence, "en")
        return view

    def list(
        self,
        *,
        status: Iterable[AlertStatus] | None = None,
        rule: AlertRule | None = None,
        tier: Tier | None = None,
        advisor_id: str | None = None,
        account_id: str | None = None,
        sort: str = "-severity",
        offset: int = 0,
        limit: int = 50,
    ) -> AlertPage:
        """One page of alerts; by default the triage queue (every status but resolved),
        most severe first."""
        key_name = sort.lstrip("-")
        if key_name not in SORTS:
            raise Invalid(f"unknown sort {sort!r}; one of {', '.join(SORTS)}", field="sort")
        if offset < 0 or not 1 <= limit <= 1000:
            raise Invalid("offset must be ≥ 0 and limit 1–1000", field="limit")
        wanted = {str(s) for s in (status or OPEN_STATUSES)}
        if account_id is not None:
            ids: Iterable[str] = self.table.index("account").get(account_id)
        else:
            by_status = self.table.index("status")
            ids = [i for s in wanted for i in by_status.get(s)]
        clients = self.store.table("clients")
        docs = (self.table.doc(i) for i in ids)
        hits = [
            d
            for d in docs
            if d is not None
            and d["status"] in wanted
            and (rule is None or d["rule"] == rule)
            and (advisor_id is None or d.get("advisor_id") == advisor_id)
            and (tier is None or (clients.doc(d["account_id"]) or {}).get("tier") == tier)
        ]
        key = SORTS[key_name]
        pick = heapq.nlargest if sort.startswith("-") else heapq.nsmallest
        top = pick(offset + limit, hits, key=lambda d: (key(d), d["id"]))
        items = [self._view(d) for d in top[offset:]]
        return AlertPage(items=items, total=len(hits), offset=offset, limit=limit)

    # -- the lifecycle ------------------------------------------------------------------
    def acknowledge(self, alert_id: str, *, actor: str, version: int, note: str = "") -> Alert:
        """Someone has seen it and owns the next step."""
        alert = self._current(alert_id, version)
        if alert.status is not AlertStatus.OPEN:
            raise Invalid(f"the alert is {alert.status}, not open", field="status")
        return self._save(alert, AlertStatus.ACKNOWLEDGED, actor=actor, note=note)

    def start_task(
        self,
        alert_id: str,
        *,
        actor: str,
        version: int,
        channel: Channel = Channel.PHONE,
        purpose: Purpose | None = None,
        due_date: date | None = None,
        assignee: str | None = None,
        note: str = "",
    ) -> tuple[Alert, Task]:
        """Create the follow-up task (by default the client's advisor calls within one
        working day; the backup advisor when the alert is about an absent advisor) and
        move the alert to in progress, linked to it. Both or neither are stored."""
        alert = self._current(alert_id, version)
        if alert.status not in (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED):
            raise Invalid(f"the alert is {alert.status}; it already has a task", field="status")
        due = due_date or next_working_day(today())
        if due < today():
            raise Invalid("must not be in the past", field="due_date")
        fields: dict[str, Any] = {
            "account_id": alert.account_id,
            "channel": str(channel),
            "purpose": str(purpose or default_purpose(alert.rule)),
            "due_date": due.isoformat(),
            "alert_id": alert.id,
            "notes": "; ".join(
                filter(None, [evidence_words(alert.rule, alert.evidence, "zh"), note])
            ),
        }
        who = assignee or self._assignee(alert)
        if who:
            fields["assignee"] = who
        with self.store.transaction():
            task = TaskBook(self.store).create(fields, actor=actor)
            updated = self._save(
                alert, AlertStatus.IN_PROGRESS, actor=actor, note=note, task_id=task.id
            )
        return updated, task

    def resolve(
        self,
        alert_id: str,
        *,
        actor: str,
        version: int,
        resolution: Resolution,
        reason: ChurnReason | None = None,
        reason_text: str = "",
        note: str = "",
    ) -> Alert:
        """Close the alert: retained, lost (with a reason) or a false alarm."""
        alert = self._current(alert_id, version)
        if alert.status is AlertStatus.RESOLVED:
            raise Invalid(f"the alert was already resolved as {alert.resolution}", "status")
        reason_text = reason_text.strip()
        if resolution is Resolution.LOST:
            if reason is None:
                raise Invalid("required when the client was lost: why did they leave?", "reason")
            if reason is ChurnReason.OTHER and not reason_text:
                raise Invalid('required when the reason is "other"', field="reason_text")
        elif reason is not None or reason_text:
            raise Invalid("only a lost client has a churn reason", field="reason")
        return self._save(
            alert,
            AlertStatus.RESOLVED,
            actor=actor,
            note=note,
            resolution=resolution,
            reason=reason,
            reason_text=reason_text,
            resolved_at=now(),
        )

    # -- plumbing -----------------------------------------------------------------------
    def _current(self, alert_id: str, version: int) -> Alert:
        alert = self.get(alert_id)
        if alert.version != version:
            raise Conflict(
                f"alert {alert_id} is at version {alert.version}, not {version}; "
                "someone else has moved it on: reload it",
                current_version=alert.version,
            )
        return alert

    def _save(self, alert: Alert, status: AlertStatus, *, actor: str, note: str, **fields) -> Alert:
        step = AlertStep(status=status, by=actor, at=now(), note=note)
        updated = msgspec.structs.replace(
            alert,
            status=status,
            history=[*alert.history, step],
            version=alert.version + 1,
            **fields,
        )
        before = msgspec.to_builtins(alert)
        after = msgspec.to_builtins(updated)
        with self.store.transaction():
            self.table.put(after)
            audit.record(
                self.store,
                actor=actor,
                action=f"alert.{_ACTIONS[status]}",
                entity="alerts",
                entity_id=alert.id,
                before={k: before[k] for k in _AUDITED if k in before},
                after={k: after[k] for k in _AUDITED if k in after},
                detail=note,
            )
        return updated

    def _assignee(self, alert: Alert) -> str | None:
        client = self.store.table("clients").doc(alert.account_id) or {}
        advisor_id = client.get("advisor_id")
        advisor = self.store.table("advisors").doc(advisor_id) if advisor_id else None
        if advisor and advisor.get("status", "active") != "active":
            backup = self.store.table("advisors").doc(advisor.get("backup_id") or "")
            if backup and backup.get("status", "active") == "active":
                return backup["id"]
        return advisor_id


_ACTIONS = {
    AlertStatus.ACKNOWLEDGED: "acknowledge",
    AlertStatus.IN_PROGRESS: "task",
    AlertStatus.RESOLVED: "resolve",
    AlertStatus.OPEN: "reopen",
}
_AUDITED = ("status", "task_id", "resolution", "reason", "reason_text")
