"""Dormant-activation campaigns: create, run (tasks for each client's advisor), close,
and their results."""

from __future__ import annotations

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from branchdesk.models import Campaign, Staff, today
from branchdesk.models.service_api import (
    CampaignCreate,
    CampaignResults,
    CampaignRun,
    CampaignRunRequest,
    CampaignVersion,
)
from branchdesk.service.campaigns import Campaigns
from branchdesk.service.reports import campaign_results
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in


class CampaignController(Controller):
    path = "/campaigns"
    tags = ["campaigns"]
    opt = requires("campaigns.read")

    @get("/", operation_id="listCampaigns", responses=signed_in(), sync_to_thread=False)
    def list_campaigns(self, store: NamedDependency[Store]) -> list[Campaign]:
        """Every campaign, newest first."""
        return Campaigns(store).list()

    @post(
        "/",
        operation_id="createCampaign",
        opt=requires("campaigns.write"),
        responses=signed_in(),
        sync_to_thread=False,
    )
    def create(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        data: JSONBody[CampaignCreate],
    ) -> Campaign:
        """A draft campaign: filter, purpose (relationship care unless told), channel mix
        (shares adding up to 1), period and the per-advisor daily limit."""
        return Campaigns(store).create(msgspec.to_builtins(data), actor=me.username)

    @get(
        "/{campaign_id:str}",
        operation_id="getCampaign",
        responses=signed_in(404),
        sync_to_thread=False,
    )
    def get_campaign(self, store: NamedDependency[Store], campaign_id: FromPath[str]) -> Campaign:
        return Campaigns(store).get(campaign_id)

    @post(
        "/{campaign_id:str}/run",
        operation_id="runCampaign",
        opt=requires("campaigns.write"),
        responses=signed_in(404, 409),
        sync_to_thread=False,
    )
    def run(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        campaign_id: FromPath[str],
        data: JSONBody[CampaignRunRequest],
    ) -> CampaignRun:
        """Create the tasks, one transaction: a campaign over 10,000 dormant clients runs
        in well under a second (docs/BENCHMARKS.md), so it stays on the event loop."""
        return Campaigns(store).run(
            campaign_id,
            actor=me.username,
            on=today(),
            expected_version=data.version,
            dry_run=data.dry_run,
        )

    @post(
        "/{campaign_id:str}/close",
        operation_id="closeCampaign",
        opt=requires("campaigns.write"),
        responses=signed_in(404, 409),
        sync_to_thread=False,
    )
    def close(
        self,
        store: NamedDependency[Store],
        me: NamedDependency[Staff],
        campaign_id: FromPath[str],
        data: JSONBody[CampaignVersion],
    ) -> Campaign:
        return Campaigns(store).close(campaign_id, actor=me.username, expected_version=data.version)

    @get(
        "/{campaign_id:str}/results",
        operation_id="campaignResults",
        responses=signed_in(404),
        sync_to_thread=False,
    )
    def results(self, store: NamedDependency[Store], campaign_id: FromPath[str]) -> CampaignResults:
        """Targeted, reached, re-activated (traded on or after the start), cost and cost
        per re-activation."""
        return campaign_results(store, Campaigns(store).get(campaign_id))
