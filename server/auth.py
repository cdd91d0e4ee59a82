"""Bearer-token sign-in and roles: one ASGI middleware finds who is calling and checks
that their role holds the permissions the route asks for.

A route asks with ``opt=requires("clients.read")`` (on the controller, the handler or
both: every permission named on any layer must be held). Not Litestar guards: Litestar
copies the route handler for each guard on every request, which was a twentieth of a
simple read's CPU; here the permissions of each handler are looked up once."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from datetime import datetime

from litestar.handlers import BaseRouteHandler
from litestar.types import ASGIApp, Receive, Scope, Send

from branchdesk.access import DESCRIPTIONS, allowed
from branchdesk.auth import Sessions, token_hash
from branchdesk.errors import Forbidden, Unauthorized
from branchdesk.models import Staff
from branchdesk.store import Store

#: paths anyone may call; anchored, so that only these paths match
PUBLIC = re.compile("^/health$|^/auth/login$|^/schema")
#: the opt keys a route's permissions are kept under (a key per permission, so that a
#: controller's and a handler's both stay when Litestar merges the layers' opt)
NEEDS = "requires "


def requires(permission: str) -> dict[str, str]:
    """The ``opt`` of a route only the roles holding ``permission`` may call."""
    if permission not in DESCRIPTIONS:
        raise KeyError(permission)
    return {NEEDS + permission: permission}


def needs_of(handler: BaseRouteHandler, path_template: str) -> tuple[str, ...] | None:
    """The permissions a route asks for; None for a public route."""
    if PUBLIC.search(path_template):
        return None
    return tuple(v for k, v in handler.opt.items() if k.startswith(NEEDS))


class SignInAndRoles:
    """401 without a valid bearer token, 403 for a role that lacks a permission; sets
    ``scope["user"]`` (the staff member) and ``scope["auth"]`` (the token)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._needs: dict[BaseRouteHandler, tuple[str, ...] | None] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Litestar answers OPTIONS itself, unauthenticated, with the allowed methods only.
        if scope["type"] == "http" and scope["method"] != "OPTIONS":
            handler = scope["route_handler"]
            try:
                needs = self._needs[handler]
            except KeyError:
                needs = self._needs[handler] = needs_of(handler, scope["path_template"])
            if needs is not None:
                token, staff = _signed_in(scope)
                for permission in needs:
                    if not allowed(staff.role, permission):
                        raise Forbidden(f"a {staff.role} may not {DESCRIPTIONS[permission]}")
                scope["user"], scope["auth"] = staff, token
        await self.app(scope, receive, send)


def _signed_in(scope: Scope) -> tuple[str, Staff]:
    scheme, _, token = _authorization(scope["headers"]).partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("sign in first: send 'Authorization: Bearer <token>'")
    staff = scope["app"].state.signed_in.resolve(token)
    if staff is None:
        raise Unauthorized("your session has expired or is not valid; sign in again")
    return token, staff


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
