from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import TooManyRequestsException
from litestar.params import JSONBody

from branchdesk.auth import Sessions, StaffDirectory
from branchdesk.models import Staff
from branchdesk.models.api import LoginRequest, LoginResponse, StaffView
from branchdesk.store import Store

from ..responses import problems, signed_in


class AuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/login",
        operation_id="login",
        responses=problems(400, 401, 429),
        status_code=200,
        sync_to_thread=False,
    )
    def login(
        self, request: Request, data: JSONBody[LoginRequest], store: NamedDependency[Store]
    ) -> LoginResponse:
        """Sign in with a username and password; returns a bearer token valid 12 hours."""
        limiter = request.app.state.login_limiter
        ok, retry = limiter.allow(request.client.host if request.client else "?")
        if not ok:
            raise TooManyRequestsException(
                f"too many sign-in attempts; wait {retry} s", headers={"Retry-After": str(retry)}
            )
        staff = StaffDirectory(store).authenticate(data.username, data.password)
        token, session = Sessions(store).issue(staff)
        return LoginResponse(token=token, expires_at=session.expires_at, staff=StaffView.of(staff))

    @post(
        "/logout",
        operation_id="logout",
        responses=signed_in(),
        status_code=204,
        sync_to_thread=False,
    )
    def logout(self, request: Request, store: NamedDependency[Store]) -> None:
        """End this session: the token stops working at once."""
        Sessions(store).revoke(request.auth)

    @get("/me", operation_id="me", responses=signed_in(), sync_to_thread=False)
    def me(self, me: NamedDependency[Staff]) -> StaffView:
        """Who this token belongs to."""
        return StaffView.of(me)
