"""The typed HTTP client of the branch server, async (the terminal UI) and sync (the CLI).

Each endpoint is written once, as a :class:`Call` built by :class:`Endpoints`; the two
clients only differ in how they send it. Responses decode straight into the models, and
problem details come back as the same domain errors the core raises, so callers handle
a remote 409 exactly like a local one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

import httpx
import msgspec

from .book import ClientPage
from .errors import (
    BranchDeskError,
    Conflict,
    FieldError,
    Forbidden,
    Invalid,
    NotFound,
    RemoteError,
    ServerUnavailable,
    Unauthorized,
)
from .models import (
    ActivitySnapshot,
    Advisor,
    AlertRule,
    AlertStatus,
    ChurnReason,
    Client,
    ClientStatus,
    Resolution,
    Role,
    Task,
    Tier,
    churn,
)
from .models.api import (
    AdvisorChange,
    AuditPage,
    Dashboard,
    Health,
    LoginResponse,
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

# -- service desk --
# isort: split
from .models import Campaign, Outcome, Purpose, TaskStatus
from .models.service_api import (
    CadencePlan,
    CadenceRequest,
    CalendarYearIn,
    CalendarYearInfo,
    CallbackPlan,
    CallbackReport,
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

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=3.0)


@dataclass(frozen=True)
class Call(Generic[T]):
    method: str
    path: str
    type: Any = None  # what the body decodes to; None for no body
    params: dict[str, str] | None = None
    json: Any = None


def _params(**values: Any) -> dict[str, str]:
    out = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, Enum):
            out[key] = str(value.value)
        elif isinstance(value, date | datetime):
            out[key] = value.isoformat()
        else:
            out[key] = str(value)
    return out


def _body(value: Any) -> Any:
    return msgspec.to_builtins(value) if isinstance(value, msgspec.Struct) else value


def _plain(value: Any) -> Any:
    return msgspec.to_builtins(value)


class Endpoints:
    """Every call the server answers, as data. Capabilities add theirs here."""

    @staticmethod
    def health() -> Call[Health]:
        return Call("GET", "/health", Health)

    @staticmethod
    def me() -> Call[StaffView]:
        return Call("GET", "/auth/me", StaffView)

    # -- clients ------------------------------------------------------------------------
    @staticmethod
    def list_clients(
        *,
        advisor_id: str | None = None,
        tier: Tier | None = None,
        status: ClientStatus | None = None,
        sort: str = "-assets",
        offset: int = 0,
        limit: int = 50,
    ) -> Call[ClientPage]:
        params = _params(
            advisor_id=advisor_id, tier=tier, status=status, sort=sort, offset=offset, limit=limit
        )
        return Call("GET", "/clients", ClientPage, params)

    @staticmethod
    def search_clients(query: str, *, limit: int = 20) -> Call[list[Client]]:
        return Call("GET", "/clients/search", list[Client], _params(q=query, limit=limit))

    @staticmethod
    def get_client(account_id: str, *, full: bool = True) -> Call[Client]:
        return Call("GET", f"/clients/{account_id}", Client, _params(full=full))

    @staticmethod
    def client_activity(account_id: str) -> Call[list[ActivitySnapshot]]:
        return Call("GET", f"/clients/{account_id}/activity", list[ActivitySnapshot])

    @staticmethod
    def create_client(client: Any) -> Call[Client]:
        return Call("POST", "/clients", Client, json=_body(client))

    @staticmethod
    def update_client(account_id: str, changes: dict[str, Any], *, version: int) -> Call[Client]:
        return Call("PATCH", f"/clients/{account_id}", Client, json={**changes, "version": version})

    # -- advisors -----------------------------------------------------------------------
    @staticmethod
    def list_advisors() -> Call[list[Advisor]]:
        return Call("GET", "/advisors", list[Advisor])

    @staticmethod
    def get_advisor(advisor_id: str) -> Call[Advisor]:
        return Call("GET", f"/advisors/{advisor_id}", Advisor)

    # -- staff --------------------------------------------------------------------------
    @staticmethod
    def list_staff() -> Call[list[StaffView]]:
        return Call("GET", "/staff", list[StaffView])

    @staticmethod
    def add_staff(
        username: str,
        *,
        role: Role,
        display_name: str | None = None,
        password: str | None = None,
        advisor_id: str | None = None,
    ) -> Call[StaffCreated]:
        body = {
            "username": username,
            "role": str(role),
            "display_name": display_name,
            "password": password,
            "advisor_id": advisor_id,
        }
        return Call("POST", "/staff", StaffCreated, json=body)

    @staticmethod
    def disable_staff(username: str) -> Call[StaffView]:
        return Call("POST", f"/staff/{username}/disable", StaffView)

    @staticmethod
    def enable_staff(username: str) -> Call[StaffView]:
        return Call("POST", f"/staff/{username}/enable", StaffView)

    @staticmethod
    def set_staff_password(username: str, password: str) -> Call[StaffView]:
        return Call("POST", f"/staff/{username}/password", StaffView, json={"password": password})

    # -- audit and rules ----------------------------------------------------------------
    @staticmethod
    def audit(
        *,
        actor: str | None = None,
        action: str | None = None,
        entity: str | None = None,
        entity_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> Call[AuditPage]:
        params = _params(
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            since=since,
            until=until,
            offset=offset,
            limit=limit,
        )
        return Call("GET", "/audit", AuditPage, params)

    # -- tasks --------------------------------------------------------------------------
    @staticmethod
    def create_task(fields: dict[str, Any]) -> Call[Task]:
        return Call("POST", "/tasks", Task, json=fields)

    @staticmethod
    def get_task(task_id: str) -> Call[Task]:
        return Call("GET", f"/tasks/{task_id}", Task)

    @staticmethod
    def client_tasks(account_id: str) -> Call[list[Task]]:
        return Call("GET", f"/clients/{account_id}/tasks", list[Task])

    @staticmethod
    def rules() -> Call[list[RuleSetView]]:
        return Call("GET", "/rules", list[RuleSetView])

    @staticmethod
    def rule_set(name: str) -> Call[RuleSetView]:
        return Call("GET", f"/rules/{name}", RuleSetView)

    @staticmethod
    def change_rules(name: str, values: dict[str, Any], *, version: int) -> Call[RuleSetView]:
        return Call(
            "PATCH", f"/rules/{name}", RuleSetView, json={"values": values, "version": version}
        )

    # -- terminal UI: dashboard and assignment history ------------------------------------
    @staticmethod
    def dashboard() -> Call[Dashboard]:
        return Call("GET", "/dashboard", Dashboard)

    @staticmethod
    def client_history(account_id: str) -> Call[list[AdvisorChange]]:
        return Call("GET", f"/clients/{account_id}/history", list[AdvisorChange])

    # -- churn early warning ------------------------------------------------------------
    @staticmethod
    def record_activity(snapshots: list[Any]) -> Call[churn.ActivityRecorded]:
        body = {"snapshots": [_body(s) for s in snapshots]}
        return Call("POST", "/clients/activity", churn.ActivityRecorded, json=body)

    @staticmethod
    def scan() -> Call[churn.ScanResult]:
        return Call("POST", "/alerts/scan", churn.ScanResult)

    @staticmethod
    def list_alerts(
        *,
        status: list[AlertStatus] | None = None,
        rule: AlertRule | None = None,
        tier: Tier | None = None,
        advisor_id: str | None = None,
        account_id: str | None = None,
        sort: str = "-severity",
        offset: int = 0,
        limit: int = 50,
    ) -> Call[churn.AlertPage]:
        params: Any = _params(
            rule=rule,
            tier=tier,
            advisor_id=advisor_id,
            account_id=account_id,
            sort=sort,
            offset=offset,
            limit=limit,
        )
        if status:
            params = [*params.items(), *(("status", str(s)) for s in status)]
        return Call("GET", "/alerts", churn.AlertPage, params)

    @staticmethod
    def get_alert(alert_id: str) -> Call[churn.AlertView]:
        return Call("GET", f"/alerts/{alert_id}", churn.AlertView)

    @staticmethod
    def acknowledge_alert(alert_id: str, *, version: int, note: str = "") -> Call[churn.AlertView]:
        body = {"version": version, "note": note}
        return Call("POST", f"/alerts/{alert_id}/acknowledge", churn.AlertView, json=body)

    @staticmethod
    def alert_task(alert_id: str, *, version: int, **fields: Any) -> Call[churn.AlertTaskResult]:
        body = {"version": version, **{k: _plain(v) for k, v in fields.items() if v is not None}}
        return Call("POST", f"/alerts/{alert_id}/task", churn.AlertTaskResult, json=body)

    @staticmethod
    def resolve_alert(
        alert_id: str,
        *,
        version: int,
        resolution: Resolution,
        reason: ChurnReason | None = None,
        reason_text: str = "",
        note: str = "",
    ) -> Call[churn.AlertView]:
        body = {
            "version": version,
            "resolution": str(resolution),
            "reason": str(reason) if reason else None,
            "reason_text": reason_text,
            "note": note,
        }
        return Call("POST", f"/alerts/{alert_id}/resolve", churn.AlertView, json=body)

    @staticmethod
    def churn_funnel(
        *, since: date | None = None, until: date | None = None
    ) -> Call[churn.ChurnFunnel]:
        return Call("GET", "/reports/churn", churn.ChurnFunnel, _params(since=since, until=until))

    @staticmethod
    def churn_reasons(
        *, since: date | None = None, until: date | None = None
    ) -> Call[churn.ChurnReasons]:
        params = _params(since=since, until=until)
        return Call("GET", "/reports/reasons", churn.ChurnReasons, params)

    @staticmethod
    def client_flow(*, months: int = 12, until: date | None = None) -> Call[churn.ClientFlow]:
        params = _params(months=months, until=until)
        return Call("GET", "/reports/flow", churn.ClientFlow, params)

    # -- fair assignment ------------------------------------------------------------------
    @staticmethod
    def advisor_loads() -> Call[list[AdvisorLoad]]:
        return Call("GET", "/advisors/loads", list[AdvisorLoad])

    @staticmethod
    def create_advisor(fields: dict[str, Any]) -> Call[Advisor]:
        return Call("POST", "/advisors", Advisor, json=fields)

    @staticmethod
    def update_advisor(advisor_id: str, changes: dict[str, Any], *, version: int) -> Call[Advisor]:
        body = {**changes, "version": version}
        return Call("PATCH", f"/advisors/{advisor_id}", Advisor, json=body)

    @staticmethod
    def start_leave(
        advisor_id: str, leave_from: date, leave_to: date, *, version: int, apply: bool = False
    ) -> Call[Plan]:
        body = {
            "leave_from": leave_from.isoformat(),
            "leave_to": leave_to.isoformat(),
            "version": version,
            "apply": apply,
        }
        return Call("POST", f"/advisors/{advisor_id}/leave", Plan, json=body)

    @staticmethod
    def depart_advisor(advisor_id: str, *, version: int, apply: bool = False) -> Call[Plan]:
        body = {"version": version, "apply": apply}
        return Call("POST", f"/advisors/{advisor_id}/depart", Plan, json=body)

    @staticmethod
    def end_leave(advisor_id: str) -> Call[ReturnsResult]:
        return Call("POST", f"/advisors/{advisor_id}/back", ReturnsResult)

    @staticmethod
    def preview_plan(
        *,
        advisor_id: str | None = None,
        balance: BalanceBy | None = None,
        tolerance: float | None = None,
    ) -> Call[Plan]:
        body = {"advisor_id": advisor_id, "balance": balance, "tolerance": tolerance}
        body = {k: v for k, v in body.items() if v is not None}
        return Call("POST", "/assignments/preview", Plan, json=body)

    @staticmethod
    def list_plans(*, limit: int = 50) -> Call[list[PlanSummary]]:
        return Call("GET", "/assignments", list[PlanSummary], _params(limit=limit))

    @staticmethod
    def get_plan(plan_id: str) -> Call[Plan]:
        return Call("GET", f"/assignments/{plan_id}", Plan)

    @staticmethod
    def apply_plan(plan_id: str) -> Call[Plan]:
        return Call("POST", f"/assignments/{plan_id}/apply", Plan)

    @staticmethod
    def undo_plan(plan_id: str) -> Call[Plan]:
        return Call("POST", f"/assignments/{plan_id}/undo", Plan)

    @staticmethod
    def leave_returns() -> Call[ReturnsResult]:
        return Call("POST", "/assignments/returns", ReturnsResult)

    @staticmethod
    def assign_new_clients(account_ids: list[str]) -> Call[NewClientsResult]:
        body = {"account_ids": account_ids}
        return Call("POST", "/assignments/new-clients", NewClientsResult, json=body)

    # -- back-office files: imports, exports, backups -----------------------------------
    @staticmethod
    def start_import(kind: ImportKind, *, file_name: str = "") -> Call[ImportSession]:
        body = {"kind": str(kind), "file_name": file_name}
        return Call("POST", "/imports", ImportSession, json=body)

    @staticmethod
    def add_import_rows(import_id: str, rows: list[ImportRow]) -> Call[ImportProgress]:
        body = {"rows": msgspec.to_builtins(rows)}
        return Call("POST", f"/imports/{import_id}/rows", ImportProgress, json=body)

    @staticmethod
    def commit_import(
        import_id: str, *, dry_run: bool = False, skip_bad: bool = False
    ) -> Call[ImportReport]:
        body = {"dry_run": dry_run, "skip_bad": skip_bad}
        return Call("POST", f"/imports/{import_id}/commit", ImportReport, json=body)

    @staticmethod
    def cancel_import(import_id: str) -> Call[None]:
        return Call("DELETE", f"/imports/{import_id}")

    @staticmethod
    def export_records(kind: ExportKind) -> Call[ExportTable]:
        return Call("GET", f"/exports/{kind}", ExportTable)

    @staticmethod
    def make_backup() -> Call[bytes]:
        return Call("POST", "/backups", bytes)  # the archive itself, not JSON

    # -- service desk -------------------------------------------------------------------
    @staticmethod
    def list_tasks(
        *,
        assignee: str | None = None,
        account_id: str | None = None,
        status: TaskStatus | None = None,
        purpose: Purpose | None = None,
        campaign_id: str | None = None,
        due_from: date | None = None,
        due_to: date | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Call[TaskPage]:
        params = _params(
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
        return Call("GET", "/tasks", TaskPage, params)

    @staticmethod
    def my_tasks(
        *,
        scope: str = "today",
        on: date | None = None,
        user: str | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> Call[TaskPage]:
        params = _params(when=scope, on=on, user=user, offset=offset, limit=limit)
        return Call("GET", "/tasks/mine", TaskPage, params)

    @staticmethod
    def my_task_counts(*, on: date | None = None, user: str | None = None) -> Call[TaskCounts]:
        return Call("GET", "/tasks/mine/counts", TaskCounts, _params(on=on, user=user))

    @staticmethod
    def log_task(entry: QuickLog) -> Call[Task]:
        return Call("POST", "/tasks/log", Task, json=_body(entry))

    @staticmethod
    def complete_task(
        task_id: str,
        *,
        version: int,
        outcome: Outcome | None,
        notes: str | None = None,
        satisfaction: int | None = None,
        cost: float | None = None,
    ) -> Call[Task]:
        body = {"version": version, "outcome": outcome, "notes": notes}
        body.update(satisfaction=satisfaction, cost=cost)
        clean = {k: v for k, v in body.items() if v is not None}
        return Call("POST", f"/tasks/{task_id}/complete", Task, json=clean)

    @staticmethod
    def reschedule_task(
        task_id: str, *, version: int, due_date: date, notes: str | None = None
    ) -> Call[Task]:
        body = {"version": version, "due_date": due_date.isoformat(), "notes": notes}
        return Call("POST", f"/tasks/{task_id}/reschedule", Task, json=body)

    @staticmethod
    def cancel_task(task_id: str, *, version: int, reason: str = "") -> Call[Task]:
        body = {"version": version, "reason": reason}
        return Call("POST", f"/tasks/{task_id}/cancel", Task, json=body)

    @staticmethod
    def edit_task(task_id: str, changes: dict[str, Any], *, version: int) -> Call[Task]:
        return Call("PATCH", f"/tasks/{task_id}", Task, json={**changes, "version": version})

    @staticmethod
    def greetings(request: GreetingRequest) -> Call[GreetingBatch]:
        return Call("POST", "/care/greetings", GreetingBatch, json=_body(request))

    @staticmethod
    def scan_thank_yous(
        *, since: date, until: date | None = None, dry_run: bool = False
    ) -> Call[ThankYouRun]:
        body = {"since": since.isoformat(), "until": until.isoformat() if until else None}
        return Call("POST", "/care/thank-you/scan", ThankYouRun, json={**body, "dry_run": dry_run})

    @staticmethod
    def add_thank_you(entry: ThankYouIn) -> Call[ThankYouRun]:
        return Call("POST", "/care/thank-you", ThankYouRun, json=_body(entry))

    @staticmethod
    def plan_cadence(request: CadenceRequest) -> Call[CadencePlan]:
        return Call("POST", "/care/cadence", CadencePlan, json=_body(request))

    @staticmethod
    def calendar_years(
        *, first: int | None = None, last: int | None = None
    ) -> Call[list[CalendarYearInfo]]:
        return Call("GET", "/calendar", list[CalendarYearInfo], _params(first=first, last=last))

    @staticmethod
    def load_calendar_year(year: int, schedule: CalendarYearIn) -> Call[CalendarYearInfo]:
        return Call("PUT", f"/calendar/{year}", CalendarYearInfo, json=_body(schedule))

    @staticmethod
    def plan_callbacks(year: int, *, dry_run: bool = False) -> Call[CallbackPlan]:
        body = {"year": year, "dry_run": dry_run}
        return Call("POST", "/callbacks/plan", CallbackPlan, json=body)

    @staticmethod
    def callback_report(year: int) -> Call[CallbackReport]:
        return Call("GET", "/callbacks/report", CallbackReport, _params(year=year))

    @staticmethod
    def list_campaigns() -> Call[list[Campaign]]:
        return Call("GET", "/campaigns", list[Campaign])

    @staticmethod
    def create_campaign(fields: dict[str, Any]) -> Call[Campaign]:
        return Call("POST", "/campaigns", Campaign, json=fields)

    @staticmethod
    def get_campaign(campaign_id: str) -> Call[Campaign]:
        return Call("GET", f"/campaigns/{campaign_id}", Campaign)

    @staticmethod
    def run_campaign(
        campaign_id: str, *, version: int, dry_run: bool = False, progress: Any = None
    ) -> Call[CampaignRun]:
        """``progress`` is for the in-process API; over HTTP the run is one request."""
        body = {"version": version, "dry_run": dry_run}
        return Call("POST", f"/campaigns/{campaign_id}/run", CampaignRun, json=body)

    @staticmethod
    def close_campaign(campaign_id: str, *, version: int) -> Call[Campaign]:
        return Call("POST", f"/campaigns/{campaign_id}/close", Campaign, json={"version": version})

    @staticmethod
    def campaign_results(campaign_id: str) -> Call[CampaignResults]:
        return Call("GET", f"/campaigns/{campaign_id}/results", CampaignResults)

    @staticmethod
    def coverage_report(*, on: date | None = None) -> Call[CoverageReport]:
        return Call("GET", "/reports/coverage", CoverageReport, _params(on=on))

    @staticmethod
    def overdue_report(
        *, assignee: str | None = None, on: date | None = None, limit: int = 100
    ) -> Call[OverdueReport]:
        params = _params(assignee=assignee, on=on, limit=limit)
        return Call("GET", "/reports/overdue", OverdueReport, params)

    @staticmethod
    def channel_report(
        *, since: date | None = None, until: date | None = None
    ) -> Call[ChannelReport]:
        return Call("GET", "/reports/channels", ChannelReport, _params(since=since, until=until))

    @staticmethod
    def campaign_report() -> Call[CampaignReport]:
        return Call("GET", "/reports/campaigns", CampaignReport)


def error_from(response: httpx.Response) -> BranchDeskError:
    """The domain error a problem-details response stands for."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    detail = str(body.get("detail") or response.reason_phrase or "error")
    kind = str(body.get("type", "")).rsplit(":", 1)[-1]
    status = response.status_code
    if status == 400 or kind == "invalid":
        errors = [
            FieldError(e.get("field", ""), e.get("message", "")) for e in body.get("errors", [])
        ]
        return Invalid(errors or detail)
    if status == 401:
        return Unauthorized(detail)
    if status == 403:
        return Forbidden(detail)
    if status == 404:
        return NotFound(detail)
    if status == 409:
        return Conflict(detail, current_version=body.get("current_version"))
    return RemoteError(f"{detail} (HTTP {status})", status)


def _decode(call: Call[T], response: httpx.Response) -> T:
    if response.status_code >= 400:
        raise error_from(response)
    if call.type is None or response.status_code == 204:
        return None  # type: ignore[return-value]
    if call.type is bytes:
        return response.content  # type: ignore[return-value]
    return msgspec.json.decode(response.content, type=call.type)


def _unavailable(base_url: str, exc: Exception) -> ServerUnavailable:
    return ServerUnavailable(f"cannot reach the BranchDesk server at {base_url} ({exc})")


class ApiClient:
    """Async client (for the terminal UI). ``http`` may be any ``httpx.AsyncClient``,
    Litestar's ``AsyncTestClient`` included, so tests run the whole stack in-process."""

    def __init__(self, http: httpx.AsyncClient, token: str | None = None) -> None:
        self.http = http
        self.token = token

    @classmethod
    def connect(cls, base_url: str, token: str | None = None) -> ApiClient:
        return cls(httpx.AsyncClient(base_url=base_url, timeout=DEFAULT_TIMEOUT), token)

    @property
    def base_url(self) -> str:
        return str(self.http.base_url)

    async def send(self, call: Call[T]) -> T:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else None
        try:
            response = await self.http.request(
                call.method, call.path, params=call.params, json=call.json, headers=headers
            )
        except httpx.TransportError as exc:
            raise _unavailable(self.base_url, exc) from exc
        return _decode(call, response)

    async def login(self, username: str, password: str) -> LoginResponse:
        call = Call(
            "POST", "/auth/login", LoginResponse, json={"username": username, "password": password}
        )
        result = await self.send(call)
        self.token = result.token
        return result

    async def logout(self) -> None:
        if self.token:
            await self.send(Call("POST", "/auth/logout"))
            self.token = None

    async def aclose(self) -> None:
        await self.http.aclose()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        build = getattr(Endpoints, name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return await self.send(build(*args, **kwargs))

        call.__name__ = name
        return call


class SyncApiClient:
    """Blocking client (for the CLI), same calls as :class:`ApiClient`."""

    def __init__(self, http: httpx.Client, token: str | None = None) -> None:
        self.http = http
        self.token = token

    @classmethod
    def connect(cls, base_url: str, token: str | None = None) -> SyncApiClient:
        return cls(httpx.Client(base_url=base_url, timeout=DEFAULT_TIMEOUT), token)

    @property
    def base_url(self) -> str:
        return str(self.http.base_url)

    def send(self, call: Call[T]) -> T:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else None
        try:
            response = self.http.request(
                call.method, call.path, params=call.params, json=call.json, headers=headers
            )
        except httpx.TransportError as exc:
            raise _unavailable(self.base_url, exc) from exc
        return _decode(call, response)

    def login(self, username: str, password: str) -> LoginResponse:
        call = Call(
            "POST", "/auth/login", LoginResponse, json={"username": username, "password": password}
        )
        result = self.send(call)
        self.token = result.token
        return result

    def logout(self) -> None:
        if self.token:
            self.send(Call("POST", "/auth/logout"))
            self.token = None

    def close(self) -> None:
        self.http.close()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        build = getattr(Endpoints, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.send(build(*args, **kwargs))

        call.__name__ = name
        return call
