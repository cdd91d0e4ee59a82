"""The service desk's scheduled work inside the server: the morning's system-sent care.

It runs on the event loop like every store write (TinyDB is not thread-safe); at 50,000
clients it takes a few seconds once a day, before the branch opens (07:45 by default,
a care rule)."""

from __future__ import annotations

import logging

from branchdesk.models import CareRules, now, today
from branchdesk.rules import get_rules
from branchdesk.service.daily import daily_care, due_now
from branchdesk.store import Store

from .background import Background

log = logging.getLogger("branchdesk.server")

#: how often the server looks whether the morning's care is due
CHECK_SECONDS = 300.0


def schedule_service_jobs(background: Background, store: Store) -> None:
    last_run: dict[str, object] = {"day": None}

    @background.every(CHECK_SECONDS, "service-daily-care")
    def morning_care() -> None:
        rules = get_rules(store, CareRules)
        if not due_now(rules, now(), last_run["day"]):  # type: ignore[arg-type]
            return
        done = daily_care(store, on=today())
        last_run["day"] = now().date()
        log.info(
            "daily care: %d thank-yous, %d callbacks, %d care tasks",
            done.thank_yous,
            done.callbacks,
            done.care_tasks,
        )
        for warning in done.warnings:
            log.warning("daily care: %s", warning)
