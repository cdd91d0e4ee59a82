"""Every error as RFC 9457 problem details with a stable ``type``; never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from branchdesk.errors import (
    BranchDeskError,
    Conflict,
    DataFolderBusy,
    FieldError,
    Forbidden,
    Invalid,
    NotFound,
    ReadOnlyStore,
    StoreError,
    Unauthorized,
)
from branchdesk.validate import field_errors

log = logging.getLogger("branchdesk.server")

MEDIA_TYPE = "application/problem+json"

_STATUS: dict[type[BranchDeskError], int] = {
    Invalid: 400,
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    DataFolderBusy: 503,
    ReadOnlyStore: 503,
    StoreError: 500,
}

_HTTP_KINDS = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    429: "too-many-requests",
    500: "internal-error",
    503: "unavailable",
}

_TITLES = {
    "invalid": "Invalid input",
    "unauthorized": "Sign-in required",
    "forbidden": "Not allowed for your role",
    "not-found": "Not found",
    "method-not-allowed": "Method not allowed",
    "conflict": "Changed by someone else",
    "too-large": "Request too large",
    "unsupported-media-type": "Unsupported media type",
    "too-many-requests": "Too many requests",
    "internal-error": "Internal error",
    "unavailable": "Service unavailable",
    # -- service desk --
    "unsuitable": "Not suitable for this client",  # suitability (适当性) refusals, 400
}


def problem_type(kind: str) -> str:
    return f"urn:branchdesk:problem:{kind}"


def problem(
    request: Request, status: int, kind: str, detail: str, headers: dict | None = None, **extra: Any
) -> Response:
    body = {
        "type": problem_type(kind),
        "title": _TITLES.get(kind, kind),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return Response(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _errors(errors: list[FieldError]) -> list[dict[str, str]]:
    return [{"field": e.field, "message": e.message} for e in errors]


def domain_error(request: Request, exc: BranchDeskError) -> Response:
    status = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), 500)
    extra: dict[str, Any] = {}
    if isinstance(exc, Invalid):
        extra["errors"] = _errors(exc.errors)
    if isinstance(exc, Conflict) and exc.current_version is not None:
        extra["current_version"] = exc.current_version
    if status == 500:
        log.error("store error on %s: %s", request.url.path, exc)
    return problem(request, status, exc.kind, str(exc), **extra)


def validation_error(request: Request, exc: ValidationException) -> Response:
    """Litestar stops at the first bad field; check the body again to name them all."""
    errors = _revalidate(request)
    if not errors:
        errors = [
            FieldError(str(e.get("key", "")), str(e.get("message", "")))
            for e in (exc.extra if isinstance(exc.extra, list) else [])
            if isinstance(e, dict)
        ]
    detail = "; ".join(str(e) for e in errors) or str(exc.detail)
    return problem(request, 400, "invalid", detail, errors=_errors(errors))


def _revalidate(request: Request) -> list[FieldError]:
    field = getattr(request.route_handler, "parsed_data_field", None)
    body = getattr(request, "_body", None)  # Litestar keeps the body it read in the scope
    if field is None or not isinstance(body, bytes | bytearray):
        return []
    import msgspec

    try:
        data = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        return [FieldError("body", f"not valid JSON: {exc}")]
    struct = field.annotation
    if not (isinstance(struct, type) and issubclass(struct, msgspec.Struct)):
        return []
    if not isinstance(data, dict):
        return [FieldError("body", "expected a JSON object")]
    try:
        msgspec.convert(data, struct)
    except msgspec.ValidationError as exc:
        return field_errors(struct, data, str(exc))
    return []


def http_error(request: Request, exc: HTTPException) -> Response:
    status = exc.status_code
    kind = _HTTP_KINDS.get(status, "error")
    headers = dict(exc.headers or {})
    if status == 401:
        headers.setdefault("WWW-Authenticate", "Bearer")
    return problem(request, status, kind, str(exc.detail), headers=headers or None)


def unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem(
        request,
        HTTP_500_INTERNAL_SERVER_ERROR,
        "internal-error",
        "Something went wrong on the server; it was logged. Nothing was half-changed.",
    )


EXCEPTION_HANDLERS: dict = {
    BranchDeskError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    Exception: unexpected_error,
}
