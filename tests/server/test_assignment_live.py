"""Rebalancing over real HTTP: the real ``branchdesk serve``, the typed client, and the CLI
going through the server because it holds the data folder."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from branchdesk.errors import Conflict
from branchdesk.models.assignment import BalanceBy
from branchdesk.remote import SyncApiClient
from tests.live_server import BRANCHDESK, live_server

pytestmark = pytest.mark.slow


def test_the_typed_client_previews_applies_and_undoes(demo_folder: Path) -> None:
    with live_server(demo_folder) as (url, _):
        api = SyncApiClient.connect(url)
        api.login("manager", "branchdesk")
        loads = {x.advisor_id: x for x in api.advisor_loads()}
        assert loads["A05"].away and loads["A01"].target
        plan = api.preview_plan(balance=BalanceBy.COUNT, tolerance=0.05)
        assert plan.moves and plan.totals.eligible_after == 1.0
        assert api.get_plan(plan.id).basis == plan.basis
        assert api.list_plans(limit=1)[0].id == plan.id
        applied = api.apply_plan(plan.id)
        assert applied.status == "applied" and applied.moves[0].task_id
        with pytest.raises(Conflict):
            api.apply_plan(plan.id)
        undone = api.undo_plan(plan.id)
        assert undone.status == "undone" and undone.not_restored == []

        zhang = api.get_advisor("A03")
        leave = api.start_leave(
            "A03", date(2026, 11, 25), date(2026, 12, 10), version=zhang.version, apply=True
        )
        assert leave.kind == "leave" and leave.status == "applied"
        assert api.leave_returns().plans == []  # the leave has not ended
        back = api.end_leave("A03")
        assert [p.kind for p in back.plans] == ["return"]
        li = api.get_advisor("A06")
        assert api.update_advisor("A06", {"capacity": 0.9}, version=li.version).capacity == 0.9
        api.close()


def test_the_cli_goes_through_the_running_server(demo_folder: Path) -> None:
    with live_server(demo_folder):
        env = {
            **os.environ,
            "BRANCHDESK_USER": "manager",
            "BRANCHDESK_PASSWORD": "branchdesk",
            "BRANCHDESK_TODAY": "2026-11-25",
        }
        run = subprocess.run(
            [*BRANCHDESK, "rebalance", "--preview", "--json", "--data", str(demo_folder)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        plan = json.loads(run.stdout)
        assert plan["created_by"] == "manager"  # made by the server, as the signed-in manager
        assert plan["moves"][0]["reason_text"]
