"""Bearer-token sign-in: the middleware that finds who is calling, and role guards."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.middleware.base import DefineMiddleware

from branchdesk.access import DESCRIPTIONS, allowed
from branchdesk.auth import Sessions
from branchdesk.errors import Forbidden, Unauthorized
from branchdesk.models import Staff

#: paths anyone may call; anchored, because Litestar matches these regexes anywhere
PUBLIC = ["^/health$", "^/auth/login$", "^/schema"]


class BearerAuth(AbstractAuthenticationMiddleware):
    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("sign in first: send 'Authorization: Bearer <token>'")
        staff = Sessions(connection.app.state.store).resolve(token.strip())
        if staff is None:
            raise Unauthorized("your session has expired or is not valid; sign in again")
        return AuthenticationResult(user=staff, auth=token.strip())


auth_middleware = DefineMiddleware(BearerAuth, exclude=PUBLIC)


Guard = Callable[[ASGIConnection, BaseRouteHandler], Awaitable[None]]


def requires(permission: str) -> Guard:
    """A guard that lets through only the roles holding ``permission``."""
    if permission not in DESCRIPTIONS:
        raise KeyError(permission)

    # async on purpose: Litestar runs a plain-def guard in its thread pool, a hop to a
    # worker thread and back on every request for a check that takes microseconds.
    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        if connection.scope.get("method") == "OPTIONS":
            return  # Litestar answers OPTIONS itself, unauthenticated, with the methods only
        staff: Staff = connection.user
        if not allowed(staff.role, permission):
            raise Forbidden(f"a {staff.role} may not {DESCRIPTIONS[permission]}")

    guard.__name__ = f"requires_{permission.replace('.', '_')}"
    return guard
