"""``branchdesk rules``: read and change the rule sets (tiers, churn, care, costs)."""

from __future__ import annotations

import click
import msgspec
from rich.text import Text

from ..errors import Invalid
from .common import Group, connect, console, data_option, emit_json, json_option, table


@click.group(cls=Group)
def rules() -> None:
    """The branch's rule sets: every default number is a setting a manager can change."""


@rules.command("show")
@data_option
@click.argument("name", required=False)
@json_option
def show(data: str | None, name: str | None, as_json: bool) -> None:
    """Show one rule set (or all of them) with its version.

    \b
    Examples:
      branchdesk rules show churn
      branchdesk rules show --json
    """
    with connect(data) as api:
        found = [api.rule_set(name)] if name else api.rules()
    if as_json:
        emit_json(found[0] if name else found)
        return
    for view in found:
        rows = [(k, msgspec.json.encode(v).decode()) for k, v in view.values.items()]
        table(["setting", "value"], rows, title=f"{view.name} (version {view.version})")


def _value(key: str, text: str) -> object:
    """``7`` → 7, ``0.4`` → 0.4, ``[\"dormant\"]`` → a list; anything else stays text."""
    try:
        return msgspec.json.decode(text)
    except msgspec.DecodeError:
        if text.startswith(("[", "{")):
            raise Invalid(f"not valid JSON: {text}", field=key) from None
        return text


@rules.command("set")
@data_option
@click.argument("name")
@click.argument("settings", nargs=-1, required=True, metavar="KEY=VALUE...")
@click.option(
    "--version",
    "version",
    type=int,
    default=None,
    help="The version you read (default: the current one); a stale one fails.",
)
@json_option
def set_rules(
    data: str | None, name: str, settings: tuple[str, ...], version: int | None, as_json: bool
) -> None:
    """Change settings of a rule set (managers; audited). Unknown keys and impossible
    values are refused with the setting named, and nothing is changed.

    \b
    Examples:
      branchdesk rules set churn dormant_days=120 outflow_ratio=0.4
      branchdesk rules set churn scan_time=06:45
      branchdesk rules set churn 'enabled=["dormant","outflow","drawdown"]'
    """
    changes = {}
    for item in settings:
        key, sep, text = item.partition("=")
        if not sep or not key:
            raise Invalid(f"expected KEY=VALUE, got {item!r}", field="settings")
        changes[key.strip()] = _value(key.strip(), text.strip())
    with connect(data, write=True) as api:
        current = version if version is not None else api.rule_set(name).version
        view = api.change_rules(name, changes, version=current)
    if as_json:
        emit_json(view)
        return
    console.print(Text(f"{view.name} is now at version {view.version}."))
    for key in changes:
        console.print(Text.assemble((f"{key}: ", "bold"), str(view.values.get(key))))
