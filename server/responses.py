"""The problem responses each operation documents, so the OpenAPI document tells the
truth about every status a client can meet (and schemathesis can hold us to it)."""

from __future__ import annotations

from typing import Any

from litestar.openapi import ResponseSpec
from msgspec import Struct


class FieldProblem(Struct):
    field: str
    message: str


class Problem(Struct, kw_only=True):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldProblem] | None = None
    current_version: int | None = None


_WHY = {
    400: "Invalid input: every bad field is listed in `errors`",
    401: "Not signed in, or the session expired",
    403: "Your role may not do this",
    404: "No such record",
    409: "Changed by someone else since you read it (see `current_version`)",
    413: "Request body too large",
    429: "Too many attempts; see Retry-After",
}


def problems(*codes: int) -> dict[int, ResponseSpec]:
    """Response specs for the given statuses (401 is implied for signed-in routes)."""
    return {
        code: ResponseSpec(
            data_container=Problem, description=_WHY[code], media_type="application/problem+json"
        )
        for code in codes
    }


def signed_in(*codes: int) -> dict[int, Any]:
    return problems(400, 401, 403, *codes)
