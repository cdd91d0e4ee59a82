"""Churn alerts: the triage queue, one alert, the lifecycle steps and an on-demand scan."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from branchdesk.churn.scan import scan
from branchdesk.churn.triage import AlertDesk
from branchdesk.models import AlertRule, AlertStatus, Staff, Tier
from branchdesk.models.churn import (
    AlertAck,
    AlertPage,
    AlertResolve,
    AlertTaskRequest,
    AlertTaskResult,
    AlertView,
    ScanResult,
)
from branchdesk.store import Store

from ..auth import requires
from ..params import Limit, Offset
from ..responses import signed_in

Sort = Annotated[
    str,
    QueryParameter(
        pattern=r"^-?(severity|assets|raised)$",
        description="severity, assets (at risk) or raised; a leading - sorts descending",
    ),
]


class AlertController(Controller):
    path = "/alerts"
    tags = ["alerts"]
    opt = requires("alerts.read")

    @get("/", operation_id="listAlerts", responses=signed_in(), sync_to_thread=False)
    def list_alerts(
        self,
        store: NamedDependency[Store],
        status: FromQuery[list[AlertStatus] | None] = None,
        rule: FromQuery[AlertRule | None] = None,
        tier: FromQuery[Tier | None] = None,
        advisor_id: FromQuery[str | None] = None,
        account_id: FromQuery[str | None] = None,
        sort: Sort = "-severity",
        offset: Offset = 0,
        limit: Limit = 50,
    ) -> AlertPage:
        """The triage queue (every status but resolved unless ``status`` says otherwise),
        most severe first, filtered by rule, the client's tier, advisor or client."""
        return AlertDesk(store).list(
            status=status,
            rule=rule,
            tier=tier,
            advisor_id=advisor_id,
            account_id=account_id,
            sort=sort,
            offset=offset,
            limit=limit,
        )

    @get("/{alert_id:str}", operation_id="getAlert", responses=signed_in(404), sync_to_thread=False)
    def get_alert(self, store: NamedDependency[Store], alert_id: FromPath[str]) -> AlertView:
        """One alert with its evidence and every step taken on it."""
        return AlertDesk(store).view(alert_id)

    @post(
        "/scan",
        operation_id="scanChurn",
        opt=requires("alerts.scan"),
        responses=signed_in(),
        status_code=200,
        sync_to_thread=False,
    )
    def scan_now(self, store: NamedDependency[Store], me: NamedDependency[Staff]) -> ScanResult:
        """Run the churn rules over the whole book now (the server also does it daily at
        the churn rules' ``scan_time``). Unchanged data gives unchanged alerts."""
        # On the loop on purpose: see branchdesk.churn.scan.scan for the measurement.
        return scan(store, actor=me.username)

    @post(
        "/{alert_id:str}/acknowledge",
        operation_id="acknowledgeAlert",
        opt=requires("alerts.triage"),
        responses=signed_in(404, 409),
        status_code=200,
        sync_to_thread=False,
    )
    def acknowledge(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        alert_id: FromPath[str],
        data: JSONBody[AlertAck],
    ) -> AlertView:
        """Open → acknowledged; send the ``version`` you read (409 if it moved on)."""
        desk = AlertDesk(store)
        desk.acknowledge(alert_id, actor=me.username, version=data.version, note=data.note)
        return desk.view(alert_id)

    @post(
        "/{alert_id:str}/task",
        operation_id="startAlertTask",
        opt=requires("alerts.triage"),
        responses=signed_in(404, 409),
        sync_to_thread=False,
    )
    def task(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        alert_id: FromPath[str],
        data: JSONBody[AlertTaskRequest],
    ) -> AlertTaskResult:
        """Create the follow-up task and move the alert to in progress, linked to it."""
        desk = AlertDesk(store)
        _, task = desk.start_task(
            alert_id,
            actor=me.username,
            version=data.version,
            channel=data.channel,
            purpose=data.purpose,
            due_date=data.due_date,
            assignee=data.assignee,
            note=data.note,
        )
        return AlertTaskResult(alert=desk.view(alert_id), task=task)

    @post(
        "/{alert_id:str}/resolve",
        operation_id="resolveAlert",
        opt=requires("alerts.triage"),
        responses=signed_in(404, 409),
        status_code=200,
        sync_to_thread=False,
    )
    def resolve(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        alert_id: FromPath[str],
        data: JSONBody[AlertResolve],
    ) -> AlertView:
        """Close it as retained, lost (``reason`` required; "other" needs
        ``reason_text``) or false alarm."""
        desk = AlertDesk(store)
        desk.resolve(
            alert_id,
            actor=me.username,
            version=data.version,
            resolution=data.resolution,
            reason=data.reason,
            reason_text=data.reason_text,
            note=data.note,
        )
        return desk.view(alert_id)
