"""Request bodies derived from the records, so no field is declared twice by hand.

``input_struct(Client, "ClientCreate", exclude=…)`` keeps the chosen fields with their
types and defaults; ``patch_struct`` makes every field optional (``UNSET`` = leave as is)
and adds the ``version`` the change is based on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec
from msgspec import NODEFAULT, UNSET, UnsetType


def _spec(info: msgspec.structs.FieldInfo) -> tuple:
    if info.required:
        return (info.name, info.type)
    if info.default is not NODEFAULT:
        return (info.name, info.type, info.default)
    return (info.name, info.type, msgspec.field(default_factory=info.default_factory))


def input_struct(
    base: type[msgspec.Struct],
    name: str,
    *,
    exclude: Iterable[str] = (),
    module: str,
    checks: tuple[type[msgspec.Struct], ...] = (),
) -> Any:
    """``checks``: field-less Struct bases whose ``__post_init__`` validates the body."""
    skip = set(exclude)
    fields = [_spec(f) for f in msgspec.structs.fields(base) if f.name not in skip]
    return msgspec.defstruct(
        name, fields, bases=checks, kw_only=True, forbid_unknown_fields=True, module=module
    )


def patch_struct(
    base: type[msgspec.Struct],
    name: str,
    *,
    exclude: Iterable[str] = (),
    module: str,
    checks: tuple[type[msgspec.Struct], ...] = (),
) -> Any:
    skip = set(exclude) | {"version"}
    fields: list[tuple] = [("version", int)]
    fields += [
        (f.name, f.type | UnsetType, UNSET)
        for f in msgspec.structs.fields(base)
        if f.name not in skip
    ]
    return msgspec.defstruct(
        name, fields, bases=checks, kw_only=True, forbid_unknown_fields=True, module=module
    )


def changes_of(patch: msgspec.Struct) -> dict[str, Any]:
    """The fields a patch sets, as plain data, without its ``version``."""
    return {
        k: v
        for k, v in msgspec.to_builtins(patch).items()
        if k != "version" and getattr(patch, k) is not UNSET
    }
