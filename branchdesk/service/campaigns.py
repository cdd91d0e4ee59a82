"""Dormant-activation campaigns (休眠客户激活): who, why, how, when — and the tasks.

A campaign picks clients with a filter (dormant for N days, assets, drawdown, tier,
advisor), has a purpose (relationship care by default: activation is relationship work,
not product calls — 盘活, not 盘死), a channel mix and a period. Running it creates one
task per picked, consenting client for their advisor, spread over the period's working
days with at most ``daily_limit`` of the campaign's tasks per advisor a day, the largest
clients first. A second run adds only clients not yet targeted (occasion keys)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import msgspec

from .. import audit
from ..errors import Conflict, Invalid, NotFound
from ..models import (
    Campaign,
    CampaignStatus,
    Channel,
    ChannelCosts,
    ClientStatus,
    new_id,
    now,
)
from ..models.service_api import CampaignRun
from ..rules import get_rules
from ..store import Store
from ..validate import parse
from .bulk import insert_tasks, task_doc, without_gc
from .calendar import WorkCalendar
from .spread import DaySpreader, Team

Progress = Callable[[int, int], None]


def campaign_key(campaign_id: str, account_id: str) -> str:
    return f"campaign:{campaign_id}:{account_id}"


class Campaigns:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = store.table("campaigns")

    def get(self, campaign_id: str) -> Campaign:
        doc = self.table.doc(campaign_id)
        if doc is None:
            raise NotFound("campaign", campaign_id)
        return msgspec.convert(doc, Campaign)

    def list(self) -> list[Campaign]:
        docs = sorted(self.table._read_table().values(), key=lambda d: d["id"], reverse=True)
        return [msgspec.convert(d, Campaign) for d in docs]

    def create(self, fields: Mapping[str, Any], *, actor: str) -> Campaign:
        """A draft campaign. The channel mix must add up to 1."""
        data = {
            **fields,
            "id": new_id(),
            "status": CampaignStatus.DRAFT.value,
            "created_by": actor,
            "created_at": now().isoformat(),
            "version": 1,
        }
        campaign = parse(Campaign, data)
        mix = campaign.channels
        if not mix or abs(sum(mix.values()) - 1.0) > 0.001:
            raise Invalid(
                "the channel shares must add up to 1 (e.g. phone 0.7, wechat 0.3)", field="channels"
            )
        doc = msgspec.to_builtins(campaign)
        with self.store.transaction():
            self.table.insert(doc)
            audit.record(
                self.store,
                actor=actor,
                action="campaign.create",
                entity="campaigns",
                entity_id=campaign.id,
                after=doc,
            )
        return campaign

    def close(self, campaign_id: str, *, actor: str, expected_version: int | None) -> Campaign:
        """End a campaign; its tasks still planned stay with the advisors to finish."""
        campaign = self._checked(campaign_id, expected_version)
        if campaign.status is CampaignStatus.CLOSED:
            raise Conflict(f"campaign {campaign_id} is already closed", campaign.version)
        return self._save(
            campaign, {"status": CampaignStatus.CLOSED.value}, actor, "campaign.close"
        )

    # -- running ------------------------------------------------------------------------
    def matches(self, campaign: Campaign, on: date) -> list[dict]:
        """The clients the filter picks (consent not yet considered), largest first.

        The filter reads a few columns of every candidate (no full documents: at 50,000
        clients that is most of the time); only the picked clients are read whole."""
        f = campaign.filter
        table = self.store.table("clients")
        sets = []
        if f.advisor_ids:
            sets.append(set().union(*(table.index("advisor").get(a) for a in f.advisor_ids)))
        if f.tiers:
            sets.append(set().union(*(table.index("tier").get(t.value) for t in f.tiers)))
        ids = sorted(set.intersection(*sets)) if sets else list(table._read_table())
        idle_before = None
        if f.dormant_days is not None:
            idle_before = date.fromordinal(on.toordinal() - f.dormant_days).isoformat()
        lost = ClientStatus.LOST.value
        picked: list[tuple[float, str]] = []
        columns = table.columns(
            ids, "status", "last_trade_date", "open_date", "total_assets", "peak_assets_12m"
        )
        for account_id, status, traded, opened, assets, peak in zip(ids, *columns, strict=True):
            if status == lost:
                continue
            if idle_before is not None:
                since = traded or opened
                if since is not None and since > idle_before:
                    continue
            assets = assets or 0.0
            if f.min_assets is not None and assets < f.min_assets:
                continue
            if f.max_assets is not None and assets > f.max_assets:
                continue
            drawn = 1 - assets / peak if peak else 0.0
            if f.min_drawdown is not None and (not peak or drawn < f.min_drawdown):
                continue
            picked.append((-assets, account_id))
        picked.sort()
        docs = table._read_table()
        return [docs[account_id] for _, account_id in picked]

    @without_gc
    def run(
        self,
        campaign_id: str,
        *,
        actor: str,
        on: date,
        expected_version: int | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> CampaignRun:
        """Create the campaign's tasks (see the module doc); one transaction."""
        campaign = self._checked(campaign_id, expected_version)
        if campaign.status is CampaignStatus.CLOSED:
            raise Conflict(f"campaign {campaign_id} is closed", campaign.version)
        if campaign.end < on:
            raise Invalid(f"the campaign ended on {campaign.end}", field="end")
        cal, team = WorkCalendar(self.store), Team(self.store)
        days = cal.workdays(max(campaign.start, on), campaign.end)
        tasks = self.store.table("tasks")
        by_key = tasks.index("occasion")
        mine = [tasks.doc(i) for i in tasks.index("campaign").get(campaign_id)]
        existing = Counter(
            (d["assignee"], d["due_date"]) for d in mine if d["status"] != "cancelled"
        )
        spreader = DaySpreader(
            team, days, campaign.daily_limit, lambda a, d: existing[(a, d.isoformat())]
        )
        costs = get_rules(self.store, ChannelCosts).costs
        matched = self.matches(campaign, on)
        mixer = _Mixer(campaign.channels)
        stamp = now().isoformat()
        docs: list[dict] = []
        already = no_consent = over = no_advisor = 0
        by_channel: Counter[str] = Counter()
        by_advisor: Counter[str] = Counter()
        for n, client in enumerate(matched, start=1):
            if progress and n % 500 == 0:
                progress(n, len(matched))
            account_id = client["account_id"]
            key = campaign_key(campaign_id, account_id)
            if by_key.get(key):
                already += 1
                continue
            if not client.get("contact_consent", True):
                no_consent += 1
                continue
            worker = team.worker(client.get("advisor_id"), days)
            if worker is None:
                no_advisor += 1
                continue
            day = spreader.take(worker)
            if day is None:
                over += 1
                continue
            channel = mixer.next(worker)
            by_channel[channel.value] += 1
            by_advisor[worker] += 1
            docs.append(
                task_doc(
                    account_id=account_id,
                    channel=channel,
                    purpose=campaign.purpose,
                    due=day,
                    assignee=worker,
                    actor=actor,
                    stamp=stamp,
                    cost=costs[channel],
                    campaign_id=campaign_id,
                    occasion=key,
                    notes=f"campaign {campaign.name}",
                )
            )
        if progress:
            progress(len(matched), len(matched))
        if not dry_run:
            campaign = self._commit(campaign, docs, actor)
        return CampaignRun(
            campaign=campaign,
            matched=len(matched),
            created=len(docs),
            already=already,
            no_consent=no_consent,
            over_capacity=over,
            no_advisor=no_advisor,
            by_channel=dict(by_channel),
            by_advisor=dict(sorted(by_advisor.items())),
            dry_run=dry_run,
            warnings=cal.warnings,
        )

    def _commit(self, campaign: Campaign, docs: list[dict], actor: str) -> Campaign:
        with self.store.transaction():
            insert_tasks(
                self.store,
                docs,
                actor=actor,
                action="campaign.tasks",
                entity_id=campaign.id,
                detail=f"{len(docs)} tasks created",
            )
            if campaign.status is CampaignStatus.DRAFT:
                return self._save(
                    campaign, {"status": CampaignStatus.RUNNING.value}, actor, "campaign.run"
                )
        return campaign

    # -- plumbing -----------------------------------------------------------------------
    def _checked(self, campaign_id: str, expected_version: int | None) -> Campaign:
        campaign = self.get(campaign_id)
        if expected_version is not None and expected_version != campaign.version:
            raise Conflict(
                f"campaign {campaign_id} is at version {campaign.version}, not "
                f"{expected_version}; reload it and try again",
                current_version=campaign.version,
            )
        return campaign

    def _save(self, campaign: Campaign, changes: dict, actor: str, action: str) -> Campaign:
        before = self.table.doc(campaign.id)
        after = {**before, **changes, "version": campaign.version + 1}
        with self.store.transaction():
            self.table.put(after)
            audit.record(
                self.store,
                actor=actor,
                action=action,
                entity="campaigns",
                entity_id=campaign.id,
                before=before,
                after=after,
            )
        return msgspec.convert(after, Campaign)


class _Mixer:
    """Deals channels to each advisor's clients in the campaign's proportions, evenly
    interleaved (phone 0.5 / wechat 0.5 alternates), so every advisor gets the mix."""

    def __init__(self, shares: Mapping[Channel, float]) -> None:
        self.shares = {Channel(c): s for c, s in shares.items() if s > 0}
        self.dealt: dict[str, Counter[Channel]] = {}

    def next(self, advisor: str) -> Channel:
        counts = self.dealt.setdefault(advisor, Counter())
        n = sum(counts.values()) + 1
        channel = max(self.shares, key=lambda c: (self.shares[c] * n - counts[c], self.shares[c]))
        counts[channel] += 1
        return channel
