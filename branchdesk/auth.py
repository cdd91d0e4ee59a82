"""Staff accounts, passwords and sign-in sessions.

Passwords are hashed with scrypt (memory-hard, in the standard library). Tokens are
random, shown once, and stored only as their SHA-256, so a copy of the data folder
signs nobody in. Five wrong passwords lock an account for 15 minutes."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import msgspec

from . import audit
from .errors import Conflict, Invalid, NotFound, Unauthorized
from .models import Role, Staff, new_id, now
from .store import Store
from .validate import parse

SESSION_HOURS = 12
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    b64 = base64.b64encode
    n, r, p = _SCRYPT["n"], _SCRYPT["r"], _SCRYPT["p"]
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(
        password.encode(),
        salt=base64.b64decode(salt),
        dklen=32,
        n=int(n),
        r=int(r),
        p=int(p),
    )
    return hmac.compare_digest(got, base64.b64decode(digest))


def generate_password() -> str:
    """A password that is easy to read out over a counter: no 0/O or 1/l confusion."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class StaffDirectory:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = store.table("staff")

    def list(self) -> list[Staff]:
        docs = sorted(self.table._read_table().values(), key=lambda d: d["username"])
        return [msgspec.convert(d, Staff) for d in docs]

    def find(self, username: str) -> Staff | None:
        ids = self.table.index("username").get(username)
        return msgspec.convert(self.table.doc(next(iter(ids))), Staff) if ids else None

    def get(self, username: str) -> Staff:
        staff = self.find(username)
        if staff is None:
            raise NotFound("staff", username)
        return staff

    def add(
        self,
        username: str,
        *,
        role: Role | str,
        actor: str,
        display_name: str | None = None,
        password: str | None = None,
        advisor_id: str | None = None,
    ) -> tuple[Staff, str | None]:
        """Create an account; returns it and the generated password when none was given."""
        if self.find(username) is not None:
            raise Conflict(f"a staff account named {username!r} exists already")
        generated = None
        if password is None:
            password = generated = generate_password()
        _check_password(password)
        staff = parse(
            Staff,
            {
                "id": new_id(),
                "username": username,
                "display_name": display_name or username,
                "role": str(role),
                "advisor_id": advisor_id,
                "created_at": now().isoformat(),
                "version": 1,
            },
        )
        staff = msgspec.structs.replace(staff, password_hash=hash_password(password))
        doc = msgspec.to_builtins(staff)
        with self.store.transaction():
            self.table.insert(doc)
            audit.record(
                self.store,
                actor=actor,
                action="staff.create",
                entity="staff",
                entity_id=username,
                after=doc,
            )
        return staff, generated

    def set_disabled(self, username: str, disabled: bool, *, actor: str) -> Staff:
        staff = self.get(username)
        changed = self._replace(
            staff, actor, "staff.disable" if disabled else "staff.enable", disabled=disabled
        )
        if disabled:
            Sessions(self.store).revoke_all(staff.id)
        return changed

    def set_password(self, username: str, password: str, *, actor: str) -> Staff:
        _check_password(password)
        staff = self.get(username)
        return self._replace(
            staff,
            actor,
            "staff.password",
            password_hash=hash_password(password),
            failed_logins=0,
            locked_until=None,
        )

    def _replace(self, staff: Staff, actor: str | None, action: str, **changes: object) -> Staff:
        before = msgspec.to_builtins(staff)
        updated = msgspec.structs.replace(staff, **changes, version=staff.version + 1)
        after = msgspec.to_builtins(updated)
        with self.store.transaction():
            self.table.put(after)
            if actor is not None:
                audit.record(
                    self.store,
                    actor=actor,
                    action=action,
                    entity="staff",
                    entity_id=staff.username,
                    before=before,
                    after=after,
                )
        return updated

    def authenticate(self, username: str, password: str, *, at: datetime | None = None) -> Staff:
        """The account if the password is right; otherwise :class:`Unauthorized`, with the
        same words for an unknown name and a wrong password (no account probing)."""
        at = at or now()
        staff = self.find(username)
        if staff is None:
            verify_password(password, _dummy_hash())  # same time as a real check
            raise Unauthorized("wrong username or password")
        if staff.locked_until and staff.locked_until > at:
            minutes = max(1, round((staff.locked_until - at).total_seconds() / 60))
            raise Unauthorized(
                f"account locked after {MAX_FAILED_LOGINS} wrong passwords; "
                f"try again in {minutes} min or ask an admin"
            )
        if not verify_password(password, staff.password_hash):
            failed = staff.failed_logins + 1
            locked = at + timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED_LOGINS else None
            self._replace(
                staff,
                "system" if locked else None,
                "staff.locked",
                failed_logins=0 if locked else failed,
                locked_until=locked,
            )
            raise Unauthorized("wrong username or password")
        if staff.disabled:
            raise Unauthorized("this account is disabled; ask an admin")
        if staff.failed_logins or staff.locked_until:
            staff = self._replace(staff, None, "", failed_logins=0, locked_until=None)
        return staff


class Session(msgspec.Struct, kw_only=True):
    id: str  # SHA-256 of the token
    staff_id: str
    username: str
    role: Role
    created_at: datetime
    expires_at: datetime


class Sessions:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = store.table("sessions")

    def issue(self, staff: Staff, *, at: datetime | None = None) -> tuple[str, Session]:
        """A new bearer token for ``staff``; the token itself is never stored."""
        at = at or now()
        token = secrets.token_urlsafe(32)
        session = Session(
            id=token_hash(token),
            staff_id=staff.id,
            username=staff.username,
            role=staff.role,
            created_at=at,
            expires_at=at + timedelta(hours=SESSION_HOURS),
        )
        with self.store.transaction():
            expired = [
                doc_id
                for doc_id, d in self.table._read_table().items()
                if d["expires_at"] <= at.isoformat()
            ]
            self.table.remove(doc_ids=expired)
            self.table.insert(msgspec.to_builtins(session))
        return token, session

    def resolve(self, token: str, *, at: datetime | None = None) -> Staff | None:
        """The staff member a live token belongs to, or None."""
        doc = self.table.doc(token_hash(token))
        if doc is None:
            return None
        session = msgspec.convert(doc, Session)
        if session.expires_at <= (at or now()):
            return None
        staff_doc = self._staff_doc(session.staff_id)
        if staff_doc is None or staff_doc.get("disabled"):
            return None
        return msgspec.convert(staff_doc, Staff)

    def _staff_doc(self, staff_id: str) -> dict | None:
        return self.store.table("staff").doc(staff_id)

    def revoke(self, token: str) -> bool:
        return self.table.delete(token_hash(token))

    def revoke_all(self, staff_id: str) -> None:
        ids = [i for i, d in self.table._read_table().items() if d["staff_id"] == staff_id]
        self.table.remove(doc_ids=ids)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"at least {MIN_PASSWORD} characters", field="password")


@functools.cache
def _dummy_hash() -> str:
    return hash_password("not a real password")
