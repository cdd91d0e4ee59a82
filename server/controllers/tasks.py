from __future__ import annotations

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from branchdesk.book import ClientBook
from branchdesk.models import Staff, Task
from branchdesk.models.api import TaskCreate
from branchdesk.store import Store
from branchdesk.tasks import TaskBook

from ..auth import requires
from ..responses import signed_in


class TaskController(Controller):
    path = "/tasks"
    tags = ["tasks"]
    guards = [requires("tasks.read")]

    @post(
        "/",
        operation_id="createTask",
        guards=[requires("tasks.write")],
        responses=signed_in(),
        sync_to_thread=False,
    )
    def create(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], data: JSONBody[TaskCreate]
    ) -> Task:
        """Plan or log a contact with a client. Cost defaults to the channel's unit cost,
        the assignee to the client's advisor."""
        fields = {k: v for k, v in msgspec.to_builtins(data).items() if v is not None}
        return TaskBook(store).create(fields, actor=me.username)

    @get("/{task_id:str}", operation_id="getTask", responses=signed_in(404), sync_to_thread=False)
    def get_task(self, store: NamedDependency[Store], task_id: FromPath[str]) -> Task:
        return TaskBook(store).get(task_id)


@get(
    "/clients/{account_id:str}/tasks",
    operation_id="listClientTasks",
    tags=["tasks"],
    guards=[requires("tasks.read")],
    responses=signed_in(404),
    sync_to_thread=False,
)
def client_tasks(store: NamedDependency[Store], account_id: FromPath[str]) -> list[Task]:
    """The client's tasks, newest due date first."""
    ClientBook(store).get(account_id)
    return TaskBook(store).for_client(account_id)
