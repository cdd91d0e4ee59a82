from __future__ import annotations

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath

from branchdesk.errors import NotFound
from branchdesk.models import Advisor
from branchdesk.store import Store

from ..auth import requires
from ..responses import signed_in


class AdvisorController(Controller):
    path = "/advisors"
    tags = ["advisors"]
    guards = [requires("advisors.read")]

    @get("/", operation_id="listAdvisors", responses=signed_in(), sync_to_thread=False)
    def list_advisors(self, store: NamedDependency[Store]) -> list[Advisor]:
        """Every advisor, with skills, level, capacity, status and backup."""
        docs = sorted(store.table("advisors")._read_table().values(), key=lambda d: d["id"])
        return [msgspec.convert(d, Advisor) for d in docs]

    @get(
        "/{advisor_id:str}",
        operation_id="getAdvisor",
        responses=signed_in(404),
        sync_to_thread=False,
    )
    def get_advisor(self, store: NamedDependency[Store], advisor_id: FromPath[str]) -> Advisor:
        doc = store.table("advisors").doc(advisor_id)
        if doc is None:
            raise NotFound("advisor", advisor_id)
        return msgspec.convert(doc, Advisor)
