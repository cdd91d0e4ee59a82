"""``branchdesk scan`` and ``branchdesk alerts …``: the churn early warning."""

from __future__ import annotations

from datetime import date

import click
from rich.text import Text

from .. import i18n
from ..churn.words import alert_words
from ..models import AlertRule, AlertStatus, Channel, ChurnReason, Purpose, Resolution, Tier
from ..models.churn import AlertView
from .common import Group, connect, console, data_option, emit_json, json_option, lang_option, table


@click.command()
@data_option
@json_option
@lang_option
def scan(data: str | None, as_json: bool, lang: str | None) -> None:
    """Run the churn rules over the whole book now and bring the alerts up to date.

    One open alert per client and rule; running it again on the same data changes
    nothing. The server also scans daily at the churn rules' scan_time.

    \b
    Example:
      branchdesk scan --data demo-data
    """
    lang = lang or i18n.default_lang()
    with connect(data, write=True) as api:
        result = api.scan()
    if as_json:
        emit_json(result)
        return
    from ..churn.scan import summary

    console.print(summary(result, lang))
    rows = [(i18n.label(AlertRule(r), lang), n) for r, n in result.by_rule.items()]
    table([i18n.t("churn.rule", lang), "#"], rows)


@click.group(cls=Group)
def alerts() -> None:
    """Triage churn alerts: list, show, acknowledge, follow up with a task, resolve."""


def _row(a: AlertView, lang: str) -> list:
    return [
        a.id,
        a.account_id,
        a.client_name,
        i18n.label(a.rule, lang),
        str(a.severity),
        i18n.money(a.assets_at_risk, lang),
        i18n.label(a.status, lang),
        a.advisor_id or i18n.t("none", lang),
        alert_words(a, lang),
    ]


def _columns(lang: str) -> list[str]:
    keys = ("churn.alert", "account_id", "name", "churn.rule", "churn.severity")
    keys2 = ("churn.assets_at_risk", "status", "advisor", "churn.evidence")
    return [i18n.t(k, lang) for k in (*keys, *keys2)]


@alerts.command("list")
@data_option
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([s.value for s in AlertStatus]),
    help="Repeat for several (default: every status but resolved).",
)
@click.option("--rule", type=click.Choice([r.value for r in AlertRule]))
@click.option("--tier", type=click.Choice([t.value for t in Tier]))
@click.option("--advisor", "advisor_id", metavar="ID", help="Only this advisor's clients.")
@click.option("--client", "account_id", metavar="ACCOUNT", help="Only this client.")
@click.option(
    "--sort",
    default="-severity",
    show_default=True,
    type=click.Choice(["-severity", "severity", "-assets", "assets", "-raised", "raised"]),
)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@json_option
@lang_option
def list_alerts(
    data: str | None,
    statuses: tuple[str, ...],
    rule: str | None,
    tier: str | None,
    advisor_id: str | None,
    account_id: str | None,
    sort: str,
    offset: int,
    limit: int,
    as_json: bool,
    lang: str | None,
) -> None:
    """The triage queue, most severe first, one page at a time.

    \b
    Examples:
      branchdesk alerts list --rule outflow --tier core
      branchdesk alerts list --status resolved --sort -assets --json
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        page = api.list_alerts(
            status=[AlertStatus(s) for s in statuses] or None,
            rule=AlertRule(rule) if rule else None,
            tier=Tier(tier) if tier else None,
            advisor_id=advisor_id,
            account_id=account_id,
            sort=sort,
            offset=offset,
            limit=limit,
        )
    if as_json:
        emit_json(page)
        return
    if not page.items:
        console.print(i18n.t("churn.no_alerts", lang))
        return
    table(_columns(lang), [_row(a, lang) for a in page.items])
    console.print(i18n.t("showing", lang, shown=len(page.items), total=page.total))


def _show(alert: AlertView, lang: str) -> None:
    t = i18n.t
    rows = [
        (t("churn.alert", lang), alert.id),
        (t("name", lang), f"{alert.client_name} ({alert.account_id})"),
        (t("churn.rule", lang), i18n.label(alert.rule, lang)),
        (t("churn.severity", lang), str(alert.severity)),
        (t("churn.assets_at_risk", lang), i18n.money(alert.assets_at_risk, lang)),
        (t("churn.evidence", lang), alert_words(alert, lang)),
        (t("status", lang), f"{i18n.label(alert.status, lang)} (version {alert.version})"),
        (t("advisor", lang), alert.advisor_id or t("none", lang)),
        (t("churn.raised_at", lang), alert.raised_at.isoformat()),
    ]
    if alert.task_id:
        rows.append((t("churn.task", lang), alert.task_id))
    if alert.resolution:
        reason = i18n.label(alert.reason, lang) if alert.reason else ""
        rows.append(
            (
                t("churn.resolution", lang),
                " ".join(
                    filter(None, [i18n.label(alert.resolution, lang), reason, alert.reason_text])
                ),
            )
        )
    for step in alert.history:
        rows.append(
            (
                t("churn.history", lang),
                f"{step.at.isoformat()} {step.by} → {i18n.label(step.status, lang)} {step.note}",
            )
        )
    for key, value in rows:
        console.print(Text.assemble((f"{key}: ", "bold"), value))


@alerts.command("show")
@data_option
@click.argument("alert_id")
@json_option
@lang_option
def show_alert(data: str | None, alert_id: str, as_json: bool, lang: str | None) -> None:
    """One alert: its evidence in words, its status and every step taken.

    \b
    Example:
      branchdesk alerts show 0196f3c2a1b7e4d5c6f
    """
    lang = lang or i18n.default_lang()
    with connect(data) as api:
        alert = api.get_alert(alert_id)
    if as_json:
        emit_json(alert)
    else:
        _show(alert, lang)


def _version(api, alert_id: str, version: int | None) -> int:
    return version if version is not None else api.get_alert(alert_id).version


_VERSION = click.option(
    "--version",
    "version",
    type=int,
    default=None,
    help="The version you read (default: the current one); a stale one fails.",
)
_NOTE = click.option("--note", default="", help="A few words for the history.")


@alerts.command("ack")
@data_option
@click.argument("alert_id")
@_VERSION
@_NOTE
@json_option
@lang_option
def ack(
    data: str | None,
    alert_id: str,
    version: int | None,
    note: str,
    as_json: bool,
    lang: str | None,
) -> None:
    """Acknowledge an open alert: you have seen it and own the next step.

    \b
    Example:
      branchdesk alerts ack 0196f3c2a1b7e4d5c6f --note "calling him today"
    """
    lang = lang or i18n.default_lang()
    with connect(data, write=True) as api:
        alert = api.acknowledge_alert(alert_id, version=_version(api, alert_id, version), note=note)
    emit_json(alert) if as_json else _show(alert, lang)


@alerts.command("task")
@data_option
@click.argument("alert_id")
@_VERSION
@click.option("--channel", type=click.Choice([c.value for c in Channel]), default="phone")
@click.option(
    "--purpose",
    type=click.Choice([p.value for p in Purpose]),
    default=None,
    help="Default: retention, or relationship care for dormant, contact-gap and orphaned.",
)
@click.option(
    "--due", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Default: next working day."
)
@click.option("--assignee", default=None, help="Default: the client's advisor (or their backup).")
@_NOTE
@json_option
@lang_option
def task(
    data: str | None,
    alert_id: str,
    version: int | None,
    channel: str,
    purpose: str | None,
    due: object,
    assignee: str | None,
    note: str,
    as_json: bool,
    lang: str | None,
) -> None:
    """Create the follow-up task and move the alert to in progress.

    \b
    Example:
      branchdesk alerts task 0196f3c2a1b7e4d5c6f --channel visit --due 2026-11-27
    """
    lang = lang or i18n.default_lang()
    due_date: date | None = due.date() if due else None  # type: ignore[attr-defined]
    with connect(data, write=True) as api:
        result = api.alert_task(
            alert_id,
            version=_version(api, alert_id, version),
            channel=Channel(channel),
            purpose=Purpose(purpose) if purpose else None,
            due_date=due_date,
            assignee=assignee,
            note=note,
        )
    if as_json:
        emit_json(result)
        return
    _show(result.alert, lang)
    console.print(
        f"{i18n.t('churn.task', lang)} {result.task.id}: {result.task.due_date} "
        f"{result.task.assignee or ''} {i18n.label(result.task.purpose, lang)}"
    )


@alerts.command("resolve")
@data_option
@click.argument("alert_id")
@click.option(
    "--as",
    "resolution",
    required=True,
    type=click.Choice([r.value for r in Resolution]),
    help="How it ended.",
)
@click.option(
    "--reason",
    type=click.Choice([r.value for r in ChurnReason]),
    default=None,
    help="Why the client left (required with --as lost).",
)
@click.option("--reason-text", default="", help='Words for the reason (required with "other").')
@_VERSION
@_NOTE
@json_option
@lang_option
def resolve(
    data: str | None,
    alert_id: str,
    resolution: str,
    reason: str | None,
    reason_text: str,
    version: int | None,
    note: str,
    as_json: bool,
    lang: str | None,
) -> None:
    """Resolve an alert as retained, lost (with a reason) or a false alarm.

    \b
    Examples:
      branchdesk alerts resolve 0196f3c2a1b7e4d5c6f --as retained
      branchdesk alerts resolve 0196f3c2a1b7e4d5c6f --as lost --reason competitor
    """
    lang = lang or i18n.default_lang()
    with connect(data, write=True) as api:
        alert = api.resolve_alert(
            alert_id,
            version=_version(api, alert_id, version),
            resolution=Resolution(resolution),
            reason=ChurnReason(reason) if reason else None,
            reason_text=reason_text,
            note=note,
        )
    emit_json(alert) if as_json else _show(alert, lang)
