from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from branchdesk.auth import StaffDirectory
from branchdesk.models import Staff
from branchdesk.models.api import PasswordChange, StaffCreate, StaffCreated, StaffView
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in


class StaffController(Controller):
    path = "/staff"
    tags = ["staff"]

    @get(
        "/",
        operation_id="listStaff",
        responses=signed_in(),
        opt=requires("staff.read"),
        sync_to_thread=False,
    )
    def list_staff(self, store: NamedDependency[Store]) -> list[StaffView]:
        return [StaffView.of(s) for s in StaffDirectory(store).list()]

    @post(
        "/",
        operation_id="addStaff",
        responses=signed_in(409),
        opt=requires("staff.write"),
        sync_to_thread=False,
    )
    def add(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], data: JSONBody[StaffCreate]
    ) -> StaffCreated:
        """Add an account. Without a password one is generated and returned once."""
        staff, generated = StaffDirectory(store).add(
            data.username,
            role=data.role,
            display_name=data.display_name,
            password=data.password,
            advisor_id=data.advisor_id,
            actor=me.username,
        )
        return StaffCreated(staff=StaffView.of(staff), password=generated)

    @post(
        "/{username:str}/disable",
        operation_id="disableStaff",
        responses=signed_in(404),
        opt=requires("staff.write"),
        status_code=200,
        sync_to_thread=False,
    )
    def disable(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], username: FromPath[str]
    ) -> StaffView:
        """Disable an account; its sessions end at once."""
        return StaffView.of(StaffDirectory(store).set_disabled(username, True, actor=me.username))

    @post(
        "/{username:str}/enable",
        operation_id="enableStaff",
        responses=signed_in(404),
        opt=requires("staff.write"),
        status_code=200,
        sync_to_thread=False,
    )
    def enable(
        self, store: NamedDependency[Store], me: NamedDependency[Staff], username: FromPath[str]
    ) -> StaffView:
        return StaffView.of(StaffDirectory(store).set_disabled(username, False, actor=me.username))

    @post(
        "/{username:str}/password",
        operation_id="setStaffPassword",
        responses=signed_in(404),
        opt=requires("staff.write"),
        status_code=200,
        sync_to_thread=False,
    )
    def set_password(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        username: FromPath[str],
        data: JSONBody[PasswordChange],
    ) -> StaffView:
        """Set a new password (and lift a lock after wrong attempts)."""
        directory = StaffDirectory(store)
        return StaffView.of(directory.set_password(username, data.password, actor=me.username))
