"""Rebalancing plans: preview (computed off the event loop), read, apply, undo; bringing
clients back from leave; placing an import's new clients."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from branchdesk import assignment
from branchdesk.models import Staff
from branchdesk.models.assignment import (
    NewClientsRequest,
    NewClientsResult,
    Plan,
    PlanSummary,
    PreviewRequest,
    ReturnsResult,
)
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in


async def compute_preview(store: Store, job: assignment.PlanJob, actor: str) -> Plan:
    """The snapshot was taken on the loop; the solve runs in a worker thread (pure CPU on
    a copy, so requests keep flowing); the plan is stored back on the loop."""
    plan = await anyio.to_thread.run_sync(job.run)
    return assignment.save_preview(store, plan, actor=actor)


class AssignmentController(Controller):
    path = "/assignments"
    tags = ["assignments"]
    opt = requires("assignments.read")

    @post("/preview", operation_id="previewPlan", responses=signed_in())
    async def preview(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        data: JSONBody[PreviewRequest],
    ) -> Plan:
        """Compute a plan and store it as a preview: loads before and after, every move
        with its reason, the totals. Send ``{}`` to rebalance the whole book, or
        ``{"advisor_id": "A05"}`` to move only that advisor's clients."""
        return await compute_preview(store, assignment.job_for(store, data), me.username)

    @get("/", operation_id="listPlans", responses=signed_in(), sync_to_thread=False)
    def list_plans(
        self,
        store: NamedDependency[Store],
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 50,
    ) -> list[PlanSummary]:
        """The newest plans first, without their moves."""
        return assignment.list_plans(store, limit=limit)

    @get("/{plan_id:str}", operation_id="getPlan", responses=signed_in(404), sync_to_thread=False)
    def get_plan(self, store: NamedDependency[Store], plan_id: FromPath[str]) -> Plan:
        return assignment.get_plan(store, plan_id)

    @post(
        "/{plan_id:str}/apply",
        operation_id="applyPlan",
        opt=requires("assignments.write"),
        responses=signed_in(404, 409),
        status_code=200,
        sync_to_thread=False,
    )
    def apply(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], plan_id: FromPath[str]
    ) -> Plan:
        """Carry out a preview: 409 if the book changed since it was made, or it was
        applied already. Each moved client gets a handover task for the new advisor."""
        return assignment.apply_plan(store, plan_id, actor=me.username)

    @post(
        "/{plan_id:str}/undo",
        operation_id="undoPlan",
        opt=requires("assignments.write"),
        responses=signed_in(404, 409),
        status_code=200,
        sync_to_thread=False,
    )
    def undo(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], plan_id: FromPath[str]
    ) -> Plan:
        """Put the moved clients back, except those reassigned since (``not_restored``)."""
        return assignment.undo_plan(store, plan_id, actor=me.username)

    @post(
        "/returns",
        operation_id="runLeaveReturns",
        opt=requires("assignments.write"),
        responses=signed_in(),
        status_code=200,
        sync_to_thread=False,
    )
    def returns(self, store: NamedDependency[Store], me: NamedDependency[Staff]) -> ReturnsResult:
        """Bring clients back to advisors whose leave has ended (the server also does
        this every hour on its own)."""
        plans = assignment.end_leaves(store, actor=me.username)
        return ReturnsResult(plans=[PlanSummary.of(p) for p in plans])

    @post(
        "/new-clients",
        operation_id="assignNewClients",
        opt=requires("assignments.write"),
        responses=signed_in(),
        status_code=200,
        sync_to_thread=False,
    )
    def new_clients(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        data: JSONBody[NewClientsRequest],
    ) -> NewClientsResult:
        """Place new clients by the rules without moving anyone else."""
        result = assignment.assign_new(store, data.account_ids, actor=me.username)
        return msgspec.convert(result, NewClientsResult)


#: how often the server looks for leaves that have ended (cheap when none has)
LEAVE_CHECK_SECONDS = 3600.0


def schedule_leave_returns(background, store: Store) -> None:
    """Register the job that brings clients back once an advisor's leave is over."""

    @background.every(LEAVE_CHECK_SECONDS, "leave-returns")
    def leave_returns() -> None:
        assignment.end_leaves(store)
