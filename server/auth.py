"""Bearer-token sign-in: the middleware that finds who is calling, and role guards."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.middleware.base import DefineMiddleware

from branchdesk.access import DESCRIPTIONS, allowed
from branchdesk.auth import Sessions, token_hash
from branchdesk.errors import Forbidden, Unauthorized
from branchdesk.models import Staff
from branchdesk.store import Store

#: paths anyone may call; anchored, because Litestar matches these regexes anywhere
PUBLIC = ["^/health$", "^/auth/login$", "^/schema"]


class BearerAuth(AbstractAuthenticationMiddleware):
    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        header = _authorization(connection.scope["headers"])
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("sign in first: send 'Authorization: Bearer <token>'")
        staff = connection.app.state.signed_in.resolve(token.strip())
        if staff is None:
            raise Unauthorized("your session has expired or is not valid; sign in again")
        return AuthenticationResult(user=staff, auth=token.strip())


auth_middleware = DefineMiddleware(BearerAuth, exclude=PUBLIC)


def _authorization(raw_headers: Iterable[tuple[bytes, bytes]]) -> str:
    """The Authorization header, read straight from the ASGI scope: ``connection.headers``
    builds a multi-dict of every header first (about 2% of a simple read's CPU)."""
    for name, value in raw_headers:
        if name.lower() == b"authorization":  # ASGI servers send lower case; be sure
            return value.decode("latin-1")
    return ""


class SignedIn:
    """Who each bearer token belongs to, remembered between requests.

    Resolving a token from scratch (two documents unpacked and converted, a time-zone
    aware clock) was a tenth of the CPU of a simple read. A remembered answer is used
    only while the session's and the staff member's stored rows are the very objects it
    was read from (sign-out, disabling, a new password or role all replace or delete
    one of them) and the session has not expired; otherwise the token is resolved
    again. Keyed by the token's SHA-256, like the sessions table."""

    #: forget everything past this many tokens (a branch has tens of staff signed in)
    LIMIT = 4096

    def __init__(self, store: Store) -> None:
        self.store = store
        self._known: dict[str, tuple[object, object, float, Staff]] = {}

    def resolve(self, token: str) -> Staff | None:
        key = token_hash(token)
        sessions, staff_table = self.store.table("sessions"), self.store.table("staff")
        known = self._known.get(key)
        if known is not None:
            session_row, staff_row, expires_at, staff = known
            if (
                time.time() < expires_at
                and sessions.version_token(key) is session_row
                and staff_table.version_token(staff.id) is staff_row
            ):
                return staff
            del self._known[key]
        session_row = sessions.version_token(key)
        staff = Sessions(self.store).resolve(token)
        if staff is None or session_row is None:
            return None
        expires_at = sessions.value(key, "expires_at")
        if len(self._known) >= self.LIMIT:
            self._known.clear()
        self._known[key] = (
            session_row,
            staff_table.version_token(staff.id),
            _timestamp(expires_at),
            staff,
        )
        return staff


def _timestamp(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


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
