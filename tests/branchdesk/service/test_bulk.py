"""Bulk task making: documents the model accepts, and the collector pause undone."""

from __future__ import annotations

import gc
import threading
from datetime import date

from branchdesk.models import Channel, Outcome, Purpose, TaskStatus
from branchdesk.service.bulk import check_doc, gc_paused, stamper, task_doc


def test_stamped_documents_are_tasks_the_model_reads_back() -> None:
    make = stamper(
        actor="system",
        stamp="2026-11-25T08:00:00+08:00",
        purpose=Purpose.GREETING,
        status=TaskStatus.DONE,
        outcome=Outcome.REACHED,
        due_date=date(2026, 10, 1),
    )
    docs = [
        make(
            account_id=f"3101{n:08d}",
            channel="sms",
            cost=0.05,
            assignee="A01",
            occasion=f"greeting:national_day:2026:{n}",
            notes="…",
        )
        for n in range(3)
    ]
    tasks = [check_doc(d) for d in docs]
    assert len({t.id for t in tasks}) == 3 and all(len(t.id) == 20 for t in tasks)
    assert [t.id for t in tasks] == sorted(t.id for t in tasks)  # still in creation order
    assert tasks[0].channel is Channel.SMS and tasks[0].status is TaskStatus.DONE
    planned = check_doc(
        task_doc(
            account_id="310100000001",
            channel=Channel.VISIT,
            purpose=Purpose.RELATIONSHIP,
            due=date(2026, 11, 26),
            assignee="A02",
            actor="x",
            stamp="2026-11-25T08:00:00+08:00",
            cost=200.0,
        )
    )
    assert planned.status is TaskStatus.PLANNED and planned.kind.value == "onsite"


def test_the_collector_pause_nests_across_threads_and_is_undone() -> None:
    assert gc.isenabled()
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with gc_paused():
            entered.set()
            release.wait(5)

    worker = threading.Thread(target=other)
    with gc_paused():
        worker.start()
        entered.wait(5)
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other run is still going
    release.set()
    worker.join(5)
    assert gc.isenabled()
