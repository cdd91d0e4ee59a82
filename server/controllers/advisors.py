from __future__ import annotations

import msgspec
from litestar import Controller, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from branchdesk import assignment
from branchdesk.access import allowed
from branchdesk.errors import Forbidden, NotFound
from branchdesk.models import Advisor, Staff
from branchdesk.models.assignment import (
    AdvisorCreate,
    AdvisorLoad,
    AdvisorUpdate,
    DepartRequest,
    LeaveRequest,
    Plan,
    PlanSummary,
    ReturnsResult,
)
from branchdesk.models.derive import changes_of
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in
from .assignments import compute_preview


class AdvisorController(Controller):
    path = "/advisors"
    tags = ["advisors"]
    opt = requires("advisors.read")

    @get("/", operation_id="listAdvisors", responses=signed_in(), sync_to_thread=False)
    def list_advisors(self, store: NamedDependency[Store]) -> list[Advisor]:
        """Every advisor, with skills, level, capacity, status and backup."""
        docs = sorted(store.table("advisors")._read_table().values(), key=lambda d: d["id"])
        return [msgspec.convert(d, Advisor) for d in docs]

    @get(
        "/{advisor_id:str}",
        operation_id="getAdvisor",
        responses=signed_in(404),
        sync_to_thread=False,
    )
    def get_advisor(self, store: NamedDependency[Store], advisor_id: FromPath[str]) -> Advisor:
        doc = store.table("advisors").doc(advisor_id)
        if doc is None:
            raise NotFound("advisor", advisor_id)
        return msgspec.convert(doc, Advisor)

    # -- fair assignment: loads, editing, leave and departure ---------------------------
    @get("/loads", operation_id="advisorLoads", responses=signed_in(), sync_to_thread=False)
    def loads(self, store: NamedDependency[Store]) -> list[AdvisorLoad]:
        """Each advisor's book today against their capacity-proportional target and band."""
        return assignment.current_loads(store)

    @post(
        "/",
        operation_id="createAdvisor",
        opt=requires("advisors.write"),
        responses=signed_in(409),
        sync_to_thread=False,
    )
    def create(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        data: JSONBody[AdvisorCreate],
    ) -> Advisor:
        """Add an advisor (skills 1–5, level, capacity, backup)."""
        return assignment.create_advisor(store, msgspec.to_builtins(data), actor=me.username)

    @patch(
        "/{advisor_id:str}",
        operation_id="updateAdvisor",
        opt=requires("advisors.write"),
        responses=signed_in(404, 409),
        sync_to_thread=False,
    )
    def update(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        advisor_id: FromPath[str],
        data: JSONBody[AdvisorUpdate],
    ) -> Advisor:
        """Change some fields (``skills`` is replaced whole); send the ``version`` you read."""
        return assignment.update_advisor(
            store, advisor_id, changes_of(data), actor=me.username, expected_version=data.version
        )

    @post(
        "/{advisor_id:str}/leave",
        operation_id="startLeave",
        opt=requires("advisors.write"),
        responses=signed_in(404, 409),
    )
    async def leave(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        advisor_id: FromPath[str],
        data: JSONBody[LeaveRequest],
    ) -> Plan:
        """Put an advisor on leave and make the temporary plan: their clients go to their
        backup (or by the rules where the backup may not take them) and come back when
        the leave ends. ``apply: true`` applies it at once."""
        _may_apply(me, data.apply)
        job = assignment.start_leave(
            store,
            advisor_id,
            data.leave_from,
            data.leave_to,
            actor=me.username,
            expected_version=data.version,
        )
        plan = await compute_preview(store, job, me.username)
        return assignment.apply_plan(store, plan.id, actor=me.username) if data.apply else plan

    @post(
        "/{advisor_id:str}/depart",
        operation_id="startDeparture",
        opt=requires("advisors.write"),
        responses=signed_in(404, 409),
    )
    async def depart(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        advisor_id: FromPath[str],
        data: JSONBody[DepartRequest],
    ) -> Plan:
        """Mark an advisor as departed and make the permanent plan for their book
        (backups preferred). ``apply: true`` applies it at once."""
        _may_apply(me, data.apply)
        job = assignment.start_departure(
            store, advisor_id, actor=me.username, expected_version=data.version
        )
        plan = await compute_preview(store, job, me.username)
        return assignment.apply_plan(store, plan.id, actor=me.username) if data.apply else plan

    @post(
        "/{advisor_id:str}/back",
        operation_id="endLeave",
        opt=requires("advisors.write"),
        responses=signed_in(404),
        status_code=200,
        sync_to_thread=False,
    )
    def back(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], advisor_id: FromPath[str]
    ) -> ReturnsResult:
        """End a leave early: the advisor is active again and their clients come back."""
        plans = assignment.back_to_work(store, advisor_id, actor=me.username)
        return ReturnsResult(plans=[PlanSummary.of(p) for p in plans])


def _may_apply(me: Staff, apply: bool) -> None:
    if apply and not allowed(me.role, "assignments.write"):
        raise Forbidden(f"a {me.role} may not apply a rebalancing")
