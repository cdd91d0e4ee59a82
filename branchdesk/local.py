"""The branch's operations called in-process on an open store, for the CLI when no server
runs. Method for method the same as :class:`branchdesk.remote.SyncApiClient` (see
:class:`branchdesk.remote.Endpoints`), so a command does not care which one it holds.
The local caller owns the data folder and acts with full rights, as ``cli:<user>``."""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from typing import Any

import msgspec

from . import assignment, audit
from .activity import Activity
from .auth import StaffDirectory
from .backoffice.exports import TABLES as EXPORT_TABLES
from .backoffice.exports import export_table
from .backoffice.staging import Imports, commit_here
from .backup import archive, snapshot_bytes
from .book import ClientBook, ClientPage
from .client_history import advisor_changes
from .dashboard import dashboard
from .errors import NotFound
from .models import ActivitySnapshot, Advisor, Client, ClientStatus, Role, Staff, Task, Tier, churn
from .models.api import (
    AdvisorChange,
    AuditPage,
    Dashboard,
    RuleSetView,
    StaffCreated,
    StaffView,
)
from .models.assignment import (
    AdvisorLoad,
    BalanceBy,
    NewClientsResult,
    Plan,
    PlanSummary,
    PreviewRequest,
    ReturnsResult,
)
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

# -- service desk --
# isort: split
import os
from datetime import timedelta

from .errors import Invalid
from .models import Campaign, Outcome, today
from .models.service_api import (
    CadencePlan,
    CadenceRequest,
    CalendarYearIn,
    CalendarYearInfo,
    CallbackPlan,
    CallbackReport,
    CampaignCreate,
    CampaignReport,
    CampaignResults,
    CampaignRun,
    ChannelReport,
    CoverageReport,
    GreetingBatch,
    GreetingRequest,
    OverdueReport,
    QuickLog,
    TaskCounts,
    TaskPage,
    ThankYouIn,
    ThankYouRun,
)
from .service import queries, reports
from .service.cadence import plan_cadence
from .service.calendar import save_year, years_info
from .service.callback_report import callback_report
from .service.callbacks import plan_callbacks
from .service.campaigns import Campaigns
from .service.greetings import run_greetings
from .service.thankyou import add_thank_you, scan_thank_yous


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

    # -- terminal UI: dashboard and assignment history ------------------------------------
    def dashboard(self) -> Dashboard:
        # The local caller owns the folder and acts with full rights, like a manager.
        me = Staff(id="cli", username="cli", display_name=self.actor, role=Role.MANAGER)
        return dashboard(self.store, me)

    def client_history(self, account_id: str) -> list[AdvisorChange]:
        self.book.get(account_id)
        return advisor_changes(self.store, account_id)

    # -- churn early warning ------------------------------------------------------------
    def record_activity(self, snapshots: list[Any]) -> churn.ActivityRecorded:
        snaps = [
            s if isinstance(s, ActivitySnapshot) else parse(ActivitySnapshot, s) for s in snapshots
        ]
        changed = Activity(self.store).record(snaps, actor=self.actor)
        return churn.ActivityRecorded(snapshots=len(snaps), clients_changed=changed)

    def scan(self) -> churn.ScanResult:
        from .churn.scan import scan

        return scan(self.store, actor=self.actor)

    def list_alerts(self, **filters: Any) -> churn.AlertPage:
        from .churn.triage import AlertDesk

        return AlertDesk(self.store).list(**filters)

    def get_alert(self, alert_id: str) -> churn.AlertView:
        from .churn.triage import AlertDesk

        return AlertDesk(self.store).view(alert_id)

    def acknowledge_alert(self, alert_id: str, *, version: int, note: str = "") -> churn.AlertView:
        from .churn.triage import AlertDesk

        desk = AlertDesk(self.store)
        desk.acknowledge(alert_id, actor=self.actor, version=version, note=note)
        return desk.view(alert_id)

    def alert_task(self, alert_id: str, *, version: int, **fields: Any) -> churn.AlertTaskResult:
        from .churn.triage import AlertDesk

        desk = AlertDesk(self.store)
        given = {k: v for k, v in fields.items() if v is not None}
        _, task = desk.start_task(alert_id, actor=self.actor, version=version, **given)
        return churn.AlertTaskResult(alert=desk.view(alert_id), task=task)

    def resolve_alert(self, alert_id: str, *, version: int, **fields: Any) -> churn.AlertView:
        from .churn.triage import AlertDesk

        desk = AlertDesk(self.store)
        desk.resolve(alert_id, actor=self.actor, version=version, **fields)
        return desk.view(alert_id)

    def churn_funnel(self, **period: Any) -> churn.ChurnFunnel:
        from .churn import reports

        return reports.funnel(self.store, **period)

    def churn_reasons(self, **period: Any) -> churn.ChurnReasons:
        from .churn import reports

        return reports.reasons(self.store, **period)

    def client_flow(self, *, months: int = 12, until: Any = None) -> churn.ClientFlow:
        from .churn import reports

        return reports.flow(self.store, months, until=until)

    # -- fair assignment ------------------------------------------------------------------
    def advisor_loads(self) -> list[AdvisorLoad]:
        return assignment.current_loads(self.store)

    def create_advisor(self, fields: dict[str, Any]) -> Advisor:
        return assignment.create_advisor(self.store, fields, actor=self.actor)

    def update_advisor(self, advisor_id: str, changes: dict[str, Any], *, version: int) -> Advisor:
        return assignment.update_advisor(
            self.store, advisor_id, changes, actor=self.actor, expected_version=version
        )

    def start_leave(
        self,
        advisor_id: str,
        leave_from: date,
        leave_to: date,
        *,
        version: int,
        apply: bool = False,
    ) -> Plan:
        job = assignment.start_leave(
            self.store, advisor_id, leave_from, leave_to, actor=self.actor, expected_version=version
        )
        return self._planned(job, apply)

    def depart_advisor(self, advisor_id: str, *, version: int, apply: bool = False) -> Plan:
        job = assignment.start_departure(
            self.store, advisor_id, actor=self.actor, expected_version=version
        )
        return self._planned(job, apply)

    def end_leave(self, advisor_id: str) -> ReturnsResult:
        plans = assignment.back_to_work(self.store, advisor_id, actor=self.actor)
        return ReturnsResult(plans=[PlanSummary.of(p) for p in plans])

    def preview_plan(
        self,
        *,
        advisor_id: str | None = None,
        balance: BalanceBy | None = None,
        tolerance: float | None = None,
    ) -> Plan:
        request = PreviewRequest(advisor_id=advisor_id, balance=balance, tolerance=tolerance)
        return assignment.preview(self.store, request, actor=self.actor)

    def list_plans(self, *, limit: int = 50) -> list[PlanSummary]:
        return assignment.list_plans(self.store, limit=limit)

    def get_plan(self, plan_id: str) -> Plan:
        return assignment.get_plan(self.store, plan_id)

    def apply_plan(self, plan_id: str) -> Plan:
        return assignment.apply_plan(self.store, plan_id, actor=self.actor)

    def undo_plan(self, plan_id: str) -> Plan:
        return assignment.undo_plan(self.store, plan_id, actor=self.actor)

    def leave_returns(self) -> ReturnsResult:
        plans = assignment.end_leaves(self.store, actor=self.actor)
        return ReturnsResult(plans=[PlanSummary.of(p) for p in plans])

    def assign_new_clients(self, account_ids: list[str]) -> NewClientsResult:
        result = assignment.assign_new(self.store, account_ids, actor=self.actor)
        return msgspec.convert(result, NewClientsResult)

    def _planned(self, job: assignment.PlanJob, apply: bool) -> Plan:
        plan = assignment.save_preview(self.store, job.run(), actor=self.actor)
        return assignment.apply_plan(self.store, plan.id, actor=self.actor) if apply else plan

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

    # -- service desk -------------------------------------------------------------------
    def _staff(self, user: str | None) -> Staff:
        """Whose "my tasks": no server signs anyone in here, so the name is given."""
        name = user or os.environ.get("BRANCHDESK_USER")
        if not name:
            raise Invalid("no server runs, so say whose tasks: --user NAME", field="user")
        staff = StaffDirectory(self.store).find(name)
        if staff is None:
            raise NotFound("staff member", name)
        return staff

    def list_tasks(self, **filters: Any) -> TaskPage:
        return queries.list_tasks(self.store, **filters)

    def my_tasks(
        self,
        *,
        scope: str = "today",
        on: date | None = None,
        user: str | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> TaskPage:
        staff = self._staff(user)
        return queries.my_task_page(
            self.store, staff, on or today(), scope=scope, offset=offset, limit=limit
        )

    def my_task_counts(self, *, on: date | None = None, user: str | None = None) -> TaskCounts:
        due, late = queries.counts_for(self.store, self._staff(user), on or today())
        return TaskCounts(due_today=due, overdue=late)

    def log_task(self, entry: QuickLog) -> Task:
        return TaskBook(self.store).log(entry, actor=self.actor)

    def complete_task(
        self,
        task_id: str,
        *,
        version: int,
        outcome: Outcome | None,
        notes: str | None = None,
        satisfaction: int | None = None,
        cost: float | None = None,
    ) -> Task:
        return TaskBook(self.store).complete(
            task_id,
            outcome=outcome,
            actor=self.actor,
            expected_version=version,
            notes=notes,
            satisfaction=satisfaction,
            cost=cost,
        )

    def reschedule_task(
        self, task_id: str, *, version: int, due_date: date, notes: str | None = None
    ) -> Task:
        return TaskBook(self.store).reschedule(
            task_id, due_date, actor=self.actor, expected_version=version, notes=notes
        )

    def cancel_task(self, task_id: str, *, version: int, reason: str = "") -> Task:
        return TaskBook(self.store).cancel(
            task_id, actor=self.actor, expected_version=version, reason=reason
        )

    def edit_task(self, task_id: str, changes: dict[str, Any], *, version: int) -> Task:
        return TaskBook(self.store).edit(
            task_id, changes, actor=self.actor, expected_version=version
        )

    def greetings(self, request: GreetingRequest) -> GreetingBatch:
        return run_greetings(self.store, request, actor=self.actor)

    def scan_thank_yous(
        self, *, since: date, until: date | None = None, dry_run: bool = False
    ) -> ThankYouRun:
        return scan_thank_yous(
            self.store, since=since, until=until or today(), actor=self.actor, dry_run=dry_run
        )

    def add_thank_you(self, entry: ThankYouIn) -> ThankYouRun:
        return add_thank_you(self.store, entry, actor=self.actor)

    def plan_cadence(self, request: CadenceRequest) -> CadencePlan:
        return plan_cadence(
            self.store,
            on=today(),
            actor=self.actor,
            horizon_days=request.horizon_days,
            daily_limit=request.daily_limit,
            dry_run=request.dry_run,
        )

    def calendar_years(
        self, *, first: int | None = None, last: int | None = None
    ) -> list[CalendarYearInfo]:
        start = first or today().year - 1
        return years_info(self.store, range(start, max(start, last or start + 2) + 1))

    def load_calendar_year(self, year: int, schedule: CalendarYearIn) -> CalendarYearInfo:
        return save_year(self.store, year, schedule, actor=self.actor)

    def plan_callbacks(self, year: int, *, dry_run: bool = False) -> CallbackPlan:
        return plan_callbacks(self.store, year, actor=self.actor, dry_run=dry_run)

    def callback_report(self, year: int) -> CallbackReport:
        return callback_report(self.store, year)

    def list_campaigns(self) -> list[Campaign]:
        return Campaigns(self.store).list()

    def create_campaign(self, fields: dict[str, Any]) -> Campaign:
        body = parse(CampaignCreate, fields)  # the same checks as the API's body
        return Campaigns(self.store).create(msgspec.to_builtins(body), actor=self.actor)

    def get_campaign(self, campaign_id: str) -> Campaign:
        return Campaigns(self.store).get(campaign_id)

    def run_campaign(
        self, campaign_id: str, *, version: int, dry_run: bool = False, progress: Any = None
    ) -> CampaignRun:
        return Campaigns(self.store).run(
            campaign_id,
            actor=self.actor,
            on=today(),
            expected_version=version,
            dry_run=dry_run,
            progress=progress,
        )

    def close_campaign(self, campaign_id: str, *, version: int) -> Campaign:
        return Campaigns(self.store).close(campaign_id, actor=self.actor, expected_version=version)

    def campaign_results(self, campaign_id: str) -> CampaignResults:
        return reports.campaign_results(self.store, Campaigns(self.store).get(campaign_id))

    def coverage_report(self, *, on: date | None = None) -> CoverageReport:
        return reports.coverage(self.store, on or today())

    def overdue_report(
        self, *, assignee: str | None = None, on: date | None = None, limit: int = 100
    ) -> OverdueReport:
        return reports.overdue(self.store, on or today(), assignee=assignee, limit=limit)

    def channel_report(
        self, *, since: date | None = None, until: date | None = None
    ) -> ChannelReport:
        end = until or today()
        return reports.channels(self.store, since or end - timedelta(days=365), end)

    def campaign_report(self) -> CampaignReport:
        return reports.campaigns_report(self.store, today())
