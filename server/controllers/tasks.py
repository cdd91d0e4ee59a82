from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec
from litestar import Controller, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from branchdesk.auth import StaffDirectory
from branchdesk.book import ClientBook
from branchdesk.errors import Forbidden, NotFound
from branchdesk.models import Purpose, Role, Staff, Task, TaskStatus, today
from branchdesk.models.api import TaskCreate
from branchdesk.models.service_api import (
    QuickLog,
    TaskCancel,
    TaskComplete,
    TaskCounts,
    TaskEdit,
    TaskPage,
    TaskReschedule,
    TaskScope,
)
from branchdesk.service import queries
from branchdesk.store import Store
from branchdesk.tasks import TaskBook, may_work

from ..auth import requires
from ..params import Limit, Offset
from ..responses import signed_in

When = Annotated[
    TaskScope,
    QueryParameter(
        description="today, overdue (due before the day), week (7 days from it), open (all)"
    ),
]


def _own_client(store: Store, me: Staff, account_id: str) -> None:
    """An advisor plans and logs contacts for their own clients only."""
    if me.role is not Role.ADVISOR:
        return
    client = ClientBook(store).find(account_id)
    if client is not None and client.advisor_id != me.advisor_id:
        raise Forbidden("an advisor plans and logs contacts for their own clients only")


def _workable(store: Store, me: Staff, task_id: str) -> TaskBook:
    book = TaskBook(store)
    if not may_work(me, book.get(task_id)):
        raise Forbidden("an advisor works their own tasks only")
    return book


def _whose(store: Store, me: Staff, user: str | None) -> Staff:
    """Whose list: your own, or (for a manager) anyone's."""
    if user is None or user == me.username:
        return me
    if me.role is not Role.MANAGER:
        raise Forbidden("only a manager looks at someone else's tasks")
    staff = StaffDirectory(store).find(user)
    if staff is None:
        raise NotFound("staff member", user)
    return staff


class TaskController(Controller):
    path = "/tasks"
    tags = ["tasks"]
    opt = requires("tasks.read")

    @post(
        "/",
        operation_id="createTask",
        opt=requires("tasks.write"),
        responses=signed_in(),
        sync_to_thread=False,
    )
    def create(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], data: JSONBody[TaskCreate]
    ) -> Task:
        """Plan or log a contact with a client. Cost defaults to the channel's unit cost,
        the assignee to the client's advisor (the tech queue for the tech hotline). A
        product-information task is refused when the product does not suit the client."""
        fields = {k: v for k, v in msgspec.to_builtins(data).items() if v is not None}
        _own_client(store, me, str(fields.get("account_id", "")))
        return TaskBook(store).create(fields, actor=me.username)

    @get("/", operation_id="listTasks", responses=signed_in(), sync_to_thread=False)
    def list_tasks(
        self,
        store: NamedDependency[Store],
        assignee: FromQuery[str | None] = None,
        account_id: FromQuery[str | None] = None,
        status: FromQuery[TaskStatus | None] = None,
        purpose: FromQuery[Purpose | None] = None,
        campaign_id: FromQuery[str | None] = None,
        due_from: FromQuery[date | None] = None,
        due_to: FromQuery[date | None] = None,
        offset: Offset = 0,
        limit: Limit = 50,
    ) -> TaskPage:
        """Tasks matching every filter, oldest due date first (``due_to`` included)."""
        return queries.list_tasks(
            store,
            assignee=assignee,
            account_id=account_id,
            status=status,
            purpose=purpose,
            campaign_id=campaign_id,
            due_from=due_from,
            due_to=due_to,
            offset=offset,
            limit=limit,
        )

    @get("/mine", operation_id="myTasks", responses=signed_in(404), sync_to_thread=False)
    def mine(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        when: When = TaskScope.TODAY,
        on: FromQuery[date | None] = None,
        user: FromQuery[str | None] = None,
        offset: Offset = 0,
        limit: Limit = 100,
    ) -> TaskPage:
        """Your planned tasks, oldest due first, a page at a time: an advisor's own, the
        front desk's (theirs, the tech and callback queues), a manager's (theirs and the
        unassigned). Managers may pass ``user`` to see someone else's list."""
        staff = _whose(store, me, user)
        return queries.my_task_page(
            store, staff, on or today(), scope=when, offset=offset, limit=limit
        )

    @get(
        "/mine/counts", operation_id="myTaskCounts", responses=signed_in(404), sync_to_thread=False
    )
    def counts(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        on: FromQuery[date | None] = None,
        user: FromQuery[str | None] = None,
    ) -> TaskCounts:
        """How many of your tasks are due today and overdue."""
        due, late = queries.counts_for(store, _whose(store, me, user), on or today())
        return TaskCounts(due_today=due, overdue=late)

    @post(
        "/log",
        operation_id="logTask",
        opt=requires("tasks.write"),
        responses=signed_in(),
        sync_to_thread=False,
    )
    def log(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], data: JSONBody[QuickLog]
    ) -> Task:
        """Quick log: a walk-in or a call that already happened, done in one step."""
        _own_client(store, me, data.account_id)
        return TaskBook(store).log(data, actor=me.username)

    @get("/{task_id:str}", operation_id="getTask", responses=signed_in(404), sync_to_thread=False)
    def get_task(self, store: NamedDependency[Store], task_id: FromPath[str]) -> Task:
        return TaskBook(store).get(task_id)

    @post(
        "/{task_id:str}/complete",
        operation_id="completeTask",
        opt=requires("tasks.write"),
        responses=signed_in(404, 409),
        sync_to_thread=False,
    )
    def complete(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        task_id: FromPath[str],
        data: JSONBody[TaskComplete],
    ) -> Task:
        """Mark it done with an outcome (required). A callback not reached is tried again
        on the next working day; the third failure closes it as not reached, flagged."""
        return _workable(store, me, task_id).complete(
            task_id,
            outcome=data.outcome,
            actor=me.username,
            expected_version=data.version,
            notes=data.notes,
            satisfaction=data.satisfaction,
            cost=data.cost,
        )

    @post(
        "/{task_id:str}/reschedule",
        operation_id="rescheduleTask",
        opt=requires("tasks.write"),
        responses=signed_in(404, 409),
        sync_to_thread=False,
    )
    def reschedule(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        task_id: FromPath[str],
        data: JSONBody[TaskReschedule],
    ) -> Task:
        """Move an open task to today or a later day."""
        return _workable(store, me, task_id).reschedule(
            task_id,
            data.due_date,
            actor=me.username,
            expected_version=data.version,
            notes=data.notes,
        )

    @post(
        "/{task_id:str}/cancel",
        operation_id="cancelTask",
        opt=requires("tasks.write"),
        responses=signed_in(404, 409),
        sync_to_thread=False,
    )
    def cancel(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        task_id: FromPath[str],
        data: JSONBody[TaskCancel],
    ) -> Task:
        return _workable(store, me, task_id).cancel(
            task_id, actor=me.username, expected_version=data.version, reason=data.reason
        )

    @patch(
        "/{task_id:str}",
        operation_id="editTask",
        opt=requires("tasks.write"),
        responses=signed_in(404, 409),
        sync_to_thread=False,
    )
    def edit(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        task_id: FromPath[str],
        data: JSONBody[TaskEdit],
    ) -> Task:
        """Change notes, cost or satisfaction; channel or assignee while it is open."""
        changes = {k: v for k, v in msgspec.to_builtins(data).items() if k != "version"}
        return _workable(store, me, task_id).edit(
            task_id, changes, actor=me.username, expected_version=data.version
        )


@get(
    "/clients/{account_id:str}/tasks",
    operation_id="listClientTasks",
    tags=["tasks"],
    opt=requires("tasks.read"),
    responses=signed_in(404),
    sync_to_thread=False,
)
def client_tasks(store: NamedDependency[Store], account_id: FromPath[str]) -> list[Task]:
    """The client's tasks, newest due date first."""
    ClientBook(store).get(account_id)
    return TaskBook(store).for_client(account_id)
