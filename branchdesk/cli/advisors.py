"""``branchdesk advisors``: profiles (skills, level, capacity, backup), loads, leave and
departure."""

from __future__ import annotations

from datetime import date
from typing import Any

import click
from rich.text import Text

from .. import i18n
from ..errors import FieldError, Invalid
from ..models import Advisor, Skill
from .common import Group, connect, console, data_option, emit_json, json_option, lang_option, table
from .plan_view import plan_json, print_loads, print_plan, print_summaries

#: fields `advisors set` may change, and how a typed value becomes JSON
_OPTIONAL = ("backup_id", "leave_from", "leave_to", "phone", "hired_on")
_KEYS = ("name", "level", "capacity", "status", "certificates", "skills", *_OPTIONAL)


@click.group(cls=Group)
def advisors() -> None:
    """Advisors: skills, level, capacity, backup, leave, departure and loads."""


def _skills(advisor: Advisor, lang: str) -> str:
    return ", ".join(f"{i18n.label(s, lang)} {n}" for s, n in sorted(advisor.skills.items()))


@advisors.command("list")
@data_option
@json_option
@lang_option
def list_advisors(data: str | None, as_json: bool, lang: str | None) -> None:
    """List advisors with their level, status, capacity, backup, skills and book size.

    \b
    Example:
      branchdesk advisors list --lang zh
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        people = api.list_advisors()
        loads = {x.advisor_id: x for x in api.advisor_loads()}
    if as_json:
        emit_json(people)
        return
    t = i18n.t
    rows = []
    for a in people:
        load = loads.get(a.id)
        status = i18n.label(a.status, lang)
        if a.leave_from or a.leave_to:
            status += f" {a.leave_from or ''}–{a.leave_to or ''}"
        rows.append(
            [
                a.id,
                a.name,
                i18n.label(a.level, lang),
                status,
                f"{a.capacity:g}",
                a.backup_id or t("none", lang),
                f"{load.clients_before:,}" if load else "0",
                f"{load.target:,.0f}" if load and load.target is not None else "—",
                _skills(a, lang),
            ]
        )
    cols = ("advisor", "name", "advisor_level", "status", "capacity", "backup")
    table(
        [
            *(t(c, lang) for c in cols),
            t("clients_count", lang),
            t("target", lang),
            t("skills", lang),
        ],
        rows,
    )


@advisors.command("show")
@data_option
@click.argument("advisor_id")
@json_option
@lang_option
def show(data: str | None, advisor_id: str, as_json: bool, lang: str | None) -> None:
    """Show one advisor's profile.

    \b
    Example:
      branchdesk advisors show A06 --json
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        a = api.get_advisor(advisor_id)
    if as_json:
        emit_json(a)
        return
    t = i18n.t
    rows = [
        (t("advisor", lang), f"{a.id} {a.name}"),
        (t("advisor_level", lang), i18n.label(a.level, lang)),
        (t("status", lang), i18n.label(a.status, lang)),
        (t("leave", lang), f"{a.leave_from or ''} – {a.leave_to or ''}"),
        (t("capacity", lang), f"{a.capacity:g}"),
        (t("backup", lang), a.backup_id or t("none", lang)),
        (t("skills", lang), _skills(a, lang)),
        ("version", str(a.version)),
    ]
    for key, value in rows:
        console.print(Text.assemble((f"{key}: ", "bold"), value))


@advisors.command("loads")
@data_option
@json_option
@lang_option
def loads(data: str | None, as_json: bool, lang: str | None) -> None:
    """Each advisor's book against their capacity-proportional target and band.

    \b
    Example:
      branchdesk advisors loads
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        found = api.advisor_loads()
    emit_json(found) if as_json else print_loads(found, lang)


@advisors.command("add")
@data_option
@click.argument("advisor_id")
@click.argument("pairs", nargs=-1, metavar="KEY=VALUE…")
@json_option
def add(data: str | None, advisor_id: str, pairs: tuple[str, ...], as_json: bool) -> None:
    """Add an advisor; KEY=VALUE as for `advisors set` (name= is required).

    \b
    Example:
      branchdesk advisors add A13 name=郑毅 level=senior skills=stocks:4,funds:3 backup_id=A01
    """
    fields = _changes(pairs, {})
    with connect(data, write=True) as api:
        created = api.create_advisor({"id": advisor_id, **fields})
    emit_json(created) if as_json else console.print(f"Added {created.id} {created.name}.")


@advisors.command("set")
@data_option
@click.argument("advisor_id")
@click.argument("pairs", nargs=-1, required=True, metavar="KEY=VALUE…")
@json_option
def set_fields(data: str | None, advisor_id: str, pairs: tuple[str, ...], as_json: bool) -> None:
    """Change an advisor: name, level, capacity, status, backup_id, leave_from, leave_to,
    phone, hired_on, certificates (a,b), skills (stocks:4,funds:2 replaces them all) or
    one skill (skills.funds=4; 0 removes it). "none" clears an optional field.

    \b
    Examples:
      branchdesk advisors set A06 skills.funds=4 capacity=0.8
      branchdesk advisors set A07 level=senior backup_id=A08
    """
    with connect(data, write=True) as api:
        current = api.get_advisor(advisor_id)
        changes = _changes(pairs, dict(current.skills))
        updated = api.update_advisor(advisor_id, changes, version=current.version)
    if as_json:
        emit_json(updated)
        return
    console.print(f"{updated.id} {updated.name}: version {updated.version}.")


@advisors.command("leave")
@data_option
@click.argument("advisor_id")
@click.option("--from", "leave_from", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--to", "leave_to", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--apply", "apply", is_flag=True, help="Apply the temporary plan at once.")
@json_option
@lang_option
def leave(
    data: str | None,
    advisor_id: str,
    leave_from: Any,
    leave_to: Any,
    apply: bool,
    as_json: bool,
    lang: str | None,
) -> None:
    """Put an advisor on leave; their clients go to the backup until it ends, then back.

    \b
    Example:
      branchdesk advisors leave A03 --from 2026-12-01 --to 2026-12-20 --apply
    """
    lang = lang or i18n.default_lang()
    with connect(data, write=True) as api:
        current = api.get_advisor(advisor_id)
        plan = api.start_leave(
            advisor_id, leave_from.date(), leave_to.date(), version=current.version, apply=apply
        )
    _show_plan(plan, lang, as_json)


@advisors.command("depart")
@data_option
@click.argument("advisor_id")
@click.option("--apply", "apply", is_flag=True, help="Apply the plan at once.")
@json_option
@lang_option
def depart(data: str | None, advisor_id: str, apply: bool, as_json: bool, lang: str | None) -> None:
    """Mark an advisor as departed and plan where their clients go (backup preferred).

    \b
    Example:
      branchdesk advisors depart A05
    """
    lang = lang or i18n.default_lang()
    with connect(data, write=True) as api:
        current = api.get_advisor(advisor_id)
        plan = api.depart_advisor(advisor_id, version=current.version, apply=apply)
    _show_plan(plan, lang, as_json)


@advisors.command("back")
@data_option
@click.argument("advisor_id")
@json_option
@lang_option
def back(data: str | None, advisor_id: str, as_json: bool, lang: str | None) -> None:
    """End a leave early: the advisor is active again and their clients come back.

    \b
    Example:
      branchdesk advisors back A09
    """
    lang = lang or i18n.default_lang()
    with connect(data, write=True) as api:
        result = api.end_leave(advisor_id)
    emit_json(result) if as_json else print_summaries(result.plans, lang)


def _show_plan(plan: Any, lang: str, as_json: bool) -> None:
    if as_json:
        emit_json(plan_json(plan, lang))
        return
    print_plan(plan, lang)
    if plan.status.value == "preview" and plan.moves:
        console.print(i18n.t("apply_hint", lang, id=plan.id))


def _skill(name: str) -> str:
    try:
        return Skill(name.strip()).value
    except ValueError:
        raise ValueError(f"unknown skill; one of {', '.join(s.value for s in Skill)}") from None


def _changes(pairs: tuple[str, ...], skills: dict) -> dict[str, Any]:
    """KEY=VALUE words → typed changes; every bad pair is reported (exit 2)."""
    out: dict[str, Any] = {}
    errors: list[FieldError] = []
    new_skills = {str(k): v for k, v in skills.items()}
    touched_skills = False
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        try:
            if not sep:
                raise ValueError("write KEY=VALUE")
            if key.startswith("skills."):
                skill = _skill(key.split(".", 1)[1])
                level = int(value)
                if level:
                    new_skills[skill] = level
                else:
                    new_skills.pop(skill, None)
                touched_skills = True
            elif key == "skills":
                new_skills = {}
                for item in filter(None, value.split(",")):
                    name, _, level = item.partition(":")
                    new_skills[_skill(name)] = int(level)
                touched_skills = True
            elif key not in _KEYS:
                raise ValueError(f"unknown; one of {', '.join(_KEYS)}, skills.NAME")
            elif key in _OPTIONAL and value.lower() in ("", "none"):
                out[key] = None
            elif key == "capacity":
                out[key] = float(value)
            elif key == "certificates":
                out[key] = [c.strip() for c in value.split(",") if c.strip()]
            elif key in ("leave_from", "leave_to", "hired_on"):
                out[key] = date.fromisoformat(value).isoformat()
            else:
                out[key] = value
        except ValueError as exc:
            errors.append(FieldError(key or pair, str(exc)))
    if errors:
        raise Invalid(errors)
    if touched_skills:
        out["skills"] = new_skills
    return out
