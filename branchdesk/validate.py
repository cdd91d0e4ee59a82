"""Turning untrusted input (HTTP bodies, CLI options, file rows) into Structs, reporting
every invalid field at once rather than only the first one msgspec stops at."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

import msgspec

from .errors import FieldError, Invalid

T = TypeVar("T", bound=msgspec.Struct)

_AT_PATH = re.compile(r" - at `\$(.*)`$")


def _clean(message: str) -> str:
    """msgspec says "Expected `int` - at `$.x[2]`"; keep the words, drop the JSON path."""
    return _AT_PATH.sub("", message)


def _field_of(message: str) -> str | None:
    match = _AT_PATH.search(message)
    if not match:
        return None
    path = match.group(1).lstrip(".")
    return re.split(r"[.\[]", path, maxsplit=1)[0] or None


def parse(type_: type[T], data: Any, *, strict: bool = True) -> T:
    """Build ``type_`` from ``data`` (a mapping or JSON bytes) or raise :class:`Invalid`
    naming every bad field. ``strict=False`` accepts strings for numbers and dates, as
    typed on a command line or read from a spreadsheet."""
    if isinstance(data, bytes | bytearray | str):
        try:
            data = msgspec.json.decode(data)
        except msgspec.DecodeError as exc:
            raise Invalid(f"not valid JSON: {exc}", field="body") from exc
    if not isinstance(data, Mapping):
        raise Invalid("expected a JSON object", field="body")
    try:
        return msgspec.convert(data, type_, strict=strict)
    except msgspec.ValidationError as exc:
        raise Invalid(field_errors(type_, data, str(exc), strict=strict)) from exc


def field_errors(
    type_: type[msgspec.Struct], data: Mapping, first: str, *, strict: bool = True
) -> list[FieldError]:
    """Check each field on its own so every problem is reported, not only the first."""
    fields = {f.encode_name: f for f in msgspec.structs.fields(type_)}
    errors: list[FieldError] = []
    forbid_unknown = type_.__struct_config__.forbid_unknown_fields
    for key in data:
        if key not in fields and forbid_unknown:
            errors.append(FieldError(str(key), "unknown field"))
    for name, info in fields.items():
        if name not in data:
            if info.required:
                errors.append(FieldError(name, "required"))
            continue
        try:
            msgspec.convert(data[name], info.type, strict=strict)
        except msgspec.ValidationError as exc:
            errors.append(FieldError(name, _clean(str(exc))))
        except TypeError:  # a type msgspec cannot check alone; the whole-struct error says
            pass
    # Checks a Struct runs on raw values (see ``ContactChecks.field_checks``).
    hook = getattr(type_, "field_checks", None)
    if hook is not None:
        seen = {e.field for e in errors}
        errors += [FieldError(f, why) for f, why in hook(data) if f not in seen]
    # Cross-field checks (``__post_init__``) speak as "field: why"; drop each field they
    # blame and try again, so several of them can be reported together.
    bad = {e.field for e in errors}
    remaining = {k: v for k, v in data.items() if k in fields and k not in bad}
    for _ in range(len(fields)):
        try:
            msgspec.convert(remaining, type_, strict=strict)
            break
        except msgspec.ValidationError as exc:
            message = str(exc)
            name, sep, why = message.partition(": ")
            if sep and name in remaining:
                errors.append(FieldError(name, _clean(why)))
                remaining.pop(name)
                continue
            if not errors:
                errors.append(FieldError(_field_of(message) or "", _clean(message)))
            break
    if not errors:
        errors.append(FieldError(_field_of(first) or "", _clean(first)))
    return errors
