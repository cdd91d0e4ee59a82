"""The branch's operations called in-process on an open store, for the CLI when no server
runs. Method for method the same as :class:`branchdesk.remote.SyncApiClient` (see
:class:`branchdesk.remote.Endpoints`), so a command does not care which one it holds.
The local caller owns the data folder and acts with full rights, as ``cli:<user>``."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import Any

import msgspec

from . import audit
from .activity import Activity
from .auth import StaffDirectory
from .backoffice.exports import TABLES as EXPORT_TABLES
from .backoffice.exports import export_table
from .backoffice.staging import Imports, commit_here
from .backup import archive, snapshot_bytes
from .book import ClientBook, ClientPage
from .errors import NotFound
from .models import ActivitySnapshot, Advisor, Client, ClientStatus, Role, Task, Tier
from .models.api import AuditPage, RuleSetView, StaffCreated, StaffView
from .models.backoffice import (
    ExportKind,
    ExportTable,
    ImportKind,
    ImportProgress,
    ImportReport,
    ImportRow,
    ImportSession,
)
from .rules import RULE_SETS, get_rules, rule_set_named, rule_view, set_rules
from .store import Store
from .tasks import TaskBook
from .validate import parse


class LocalApi:
    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor
        self.book = ClientBook(store)

    def close(self) -> None:
        self.store.close()

    # -- clients ------------------------------------------------------------------------
    def list_clients(
        self,
        *,
        advisor_id: str | None = None,
        tier: Tier | None = None,
        status: ClientStatus | None = None,
        sort: str = "-assets",
        offset: int = 0,
        limit: int = 50,
    ) -> ClientPage:
        return self.book.list(
            advisor_id=advisor_id, tier=tier, status=status, sort=sort, offset=offset, limit=limit
        )

    def search_clients(self, query: str, *, limit: int = 20) -> list[Client]:
        return self.book.search(query, limit=limit)

    def get_client(self, account_id: str, *, full: bool = True) -> Client:
        return self.book.get(account_id)

    def client_activity(self, account_id: str) -> list[ActivitySnapshot]:
        self.book.get(account_id)
        return Activity(self.store).history(account_id).snapshots()

    def create_client(self, client: Any) -> Client:
        data = msgspec.to_builtins(client) if isinstance(client, msgspec.Struct) else client
        return self.book.save(parse(Client, data), actor=self.actor, expected_version=0)[0]

    def update_client(self, account_id: str, changes: dict[str, Any], *, version: int) -> Client:
        return self.book.update(account_id, changes, actor=self.actor, expected_version=version)

    # -- advisors -----------------------------------------------------------------------
    def list_advisors(self) -> list[Advisor]:
        docs = sorted(self.store.table("advisors")._read_table().values(), key=lambda d: d["id"])
        return [msgspec.convert(d, Advisor) for d in docs]

    def get_advisor(self, advisor_id: str) -> Advisor:
        doc = self.store.table("advisors").doc(advisor_id)
        if doc is None:
            raise NotFound("advisor", advisor_id)
        return msgspec.convert(doc, Advisor)

    # -- staff --------------------------------------------------------------------------
    def list_staff(self) -> list[StaffView]:
        return [StaffView.of(s) for s in StaffDirectory(self.store).list()]

    def add_staff(
        self,
        username: str,
        *,
        role: Role,
        display_name: str | None = None,
        password: str | None = None,
        advisor_id: str | None = None,
    ) -> StaffCreated:
        staff, generated = StaffDirectory(self.store).add(
            username,
            role=role,
            display_name=display_name,
            password=password,
            advisor_id=advisor_id,
            actor=self.actor,
        )
        return StaffCreated(staff=StaffView.of(staff), password=generated)

    def disable_staff(self, username: str) -> StaffView:
        directory = StaffDirectory(self.store)
        return StaffView.of(directory.set_disabled(username, True, actor=self.actor))

    def enable_staff(self, username: str) -> StaffView:
        directory = StaffDirectory(self.store)
        return StaffView.of(directory.set_disabled(username, False, actor=self.actor))

    def set_staff_password(self, username: str, password: str) -> StaffView:
        directory = StaffDirectory(self.store)
        return StaffView.of(directory.set_password(username, password, actor=self.actor))

    # -- tasks --------------------------------------------------------------------------
    def create_task(self, fields: dict[str, Any]) -> Task:
        return TaskBook(self.store).create(fields, actor=self.actor)

    def get_task(self, task_id: str) -> Task:
        return TaskBook(self.store).get(task_id)

    def client_tasks(self, account_id: str) -> list[Task]:
        self.book.get(account_id)
        return TaskBook(self.store).for_client(account_id)

    # -- audit and rules ----------------------------------------------------------------
    def audit(
        self,
        *,
        actor: str | None = None,
        action: str | None = None,
        entity: str | None = None,
        entity_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> AuditPage:
        items, total = audit.query(
            self.store,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            since=since,
            until=until,
            offset=offset,
            limit=limit,
        )
        return AuditPage(items=items, total=total, offset=offset, limit=limit)

    def rules(self) -> list[RuleSetView]:
        return [rule_view(get_rules(self.store, cls)) for cls in RULE_SETS.values()]

    def rule_set(self, name: str) -> RuleSetView:
        return rule_view(get_rules(self.store, rule_set_named(name)))

    def change_rules(self, name: str, values: dict[str, Any], *, version: int) -> RuleSetView:
        cls = rule_set_named(name)
        return rule_view(
            set_rules(self.store, cls, values, actor=self.actor, expected_version=version)
        )

    # -- back-office files: imports, exports, backups -----------------------------------
    # The same three import steps as over HTTP (start, rows, commit), staged in this
    # process; the rows come from this command's own reader, so they are not checked twice.
    @cached_property
    def _imports(self) -> Imports:
        return Imports()

    def start_import(self, kind: ImportKind, *, file_name: str = "") -> ImportSession:
        return self._imports.start(kind, file_name, self.actor)

    def add_import_rows(self, import_id: str, rows: list[ImportRow]) -> ImportProgress:
        return self._imports.add(import_id, self.actor, rows)

    def commit_import(
        self, import_id: str, *, dry_run: bool = False, skip_bad: bool = False
    ) -> ImportReport:
        job = self._imports.take(import_id, self.actor)
        return commit_here(self.store, job, dry_run=dry_run, skip_bad=skip_bad, actor=self.actor)

    def cancel_import(self, import_id: str) -> None:
        self._imports.cancel(import_id, self.actor)

    def export_records(self, kind: ExportKind) -> ExportTable:
        docs = self.store.table(EXPORT_TABLES[kind])._read_table().values()
        return export_table(kind, docs, reader=None)

    def make_backup(self) -> bytes:
        return archive(snapshot_bytes(self.store), source=str(self.store.folder))
