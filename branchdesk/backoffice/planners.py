"""One planner per kind of file: rows → the documents to store, row by row.

Rows upsert by their key (account id, advisor id, task id). A cell left empty keeps
what the book holds, so a file with fewer columns never wipes fields it does not carry;
a row that would store exactly what is stored counts as unchanged, which is what makes
importing the same file twice change nothing."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import msgspec

from ..activity import History
from ..book import prepared
from ..errors import Invalid
from ..models import ActivitySnapshot, Advisor, Client, Task, now
from ..models.backoffice import ImportRow
from ..validate import parse
from .plan import Plan, Planner, Reading, first_lines

_DONE: dict[str, Any] = {}


def _rejected(plan: Plan, row: ImportRow, exc: Invalid, is_new: bool) -> None:
    for e in exc.errors:
        reason = e.message
        if is_new and reason == "required" and e.field in plan.kind.new_needs:
            key = row.fields.get(plan.kind.key)
            reason = f"required for a new record (no {plan.kind.key} {key!r} in the book yet)"
        plan.reject(row.line, e.field, reason)


def _invalid(type_: type, data: dict) -> Invalid:
    try:
        parse(type_, data)
    except Invalid as exc:
        return exc
    raise AssertionError("parse accepted what convert refused")  # pragma: no cover


def _duplicate(plan: Plan, row: ImportRow, first: int, what: str) -> bool:
    if first == row.line:
        return False
    plan.reject(row.line, plan.kind.key, f"{what} is also on line {first}; keep one row")
    return True


def plan_clients(plan: Plan, rows: Sequence[ImportRow], reading: Reading, actor: str) -> None:
    # Runs once per row of files of 100,000 rows: names are looked up once, up here.
    stored_get = reading.docs["clients"].get
    advisors, rules, on = reading.advisors, reading.tier_rules, reading.on
    first = first_lines(rows, lambda r: r.fields.get("account_id"))
    stamp = now().isoformat()
    docs = plan.puts.setdefault("clients", [])
    for row in rows:
        fields = row.fields
        key = str(fields["account_id"])
        if first[fields["account_id"]] != row.line:
            _duplicate(plan, row, first[fields["account_id"]], f"account {key}")
            continue
        current = stored_get(key)
        advisor = fields.get("advisor_id")
        if advisor is not None and advisor not in advisors:
            plan.reject(row.line, "advisor_id", f"no advisor {advisor!r} in the branch")
            continue
        if (
            current
            and advisor is not None
            and current.get("advisor_id") != advisor
            and (advisor in reading.away or reading.moved_from.get(key) == advisor)
        ):
            # The back office still names the advisor the branch moved this client away
            # from (a rebalance, a departure or leave, or the placement of an earlier
            # import's new clients), or one who is away. Keep the branch's decision:
            # moving them back would undo it on every import of the daily file.
            fields = {k: v for k, v in fields.items() if k not in ("advisor_id", "advisor_since")}
        data: dict[str, Any] = {**current, **fields} if current else dict(fields)
        if "total_assets" in fields and "peak_assets_12m" not in fields:
            peak = current.get("peak_assets_12m", 0.0) if current else 0.0
            data["peak_assets_12m"] = max(peak, fields["total_assets"])
        try:
            client = msgspec.convert(data, Client)  # the hot path; parse() names every
        except msgspec.ValidationError:  # bad field, for the rows that have one
            _rejected(plan, row, _invalid(Client, data), current is None)
            continue
        doc = prepared(client, current, rules=rules, on=on, stamp=stamp)
        if plan.consume:  # a 100,000-row file: its rows and documents need not all
            row.fields = _DONE  # be held at once
        if doc is None:
            plan.unchanged += 1
            continue
        docs.append(doc)
        if current is None:
            plan.created.append(key)
        else:
            plan.updated += 1
    if not docs:
        del plan.puts["clients"]


def _count(plan: Plan, table: str, key: str, doc: dict | None, current: dict | None) -> None:
    if doc is None:
        plan.unchanged += 1
        return
    plan.put(table, doc)
    if current is None:
        plan.created.append(key)
    else:
        plan.updated += 1


def plan_activity(plan: Plan, rows: Sequence[ImportRow], reading: Reading, actor: str) -> None:
    """Snapshots per (account, period); each client's history is merged once and its
    latest figures, tier and status follow, as :meth:`Activity.record` does."""
    clients, histories = reading.docs["clients"], reading.docs["activity"]
    first = first_lines(rows, lambda r: (r.fields.get("account_id"), r.fields.get("period")))
    by_client: dict[str, list[tuple[ImportRow, ActivitySnapshot]]] = defaultdict(list)
    for row in rows:
        key = (row.fields.get("account_id"), row.fields.get("period"))
        if _duplicate(plan, row, first[key], f"account {key[0]} for {key[1]}"):
            continue
        if clients.get(str(key[0])) is None:
            plan.reject(
                row.line, "account_id", "no client with this account id; import clients first"
            )
            continue
        try:
            snap = parse(ActivitySnapshot, row.fields)
        except Invalid as exc:
            _rejected(plan, row, exc, False)
            continue
        by_client[snap.account_id].append((row, snap))
    for account_id, items in by_client.items():
        doc = histories.get(account_id)
        history = History.from_doc(doc) if doc else History(account_id)
        held = {s.period: s for s in history.snapshots()}
        for _, snap in items:
            old = held.get(snap.period)
            if old is None:
                plan.created.append(f"{account_id}@{snap.period}")
            elif _same_snapshot(old, snap):
                plan.unchanged += 1
            else:
                plan.updated += 1
        history.merge(s for _, s in items)
        new_doc = history.to_doc()
        if new_doc != doc:
            plan.put("activity", new_doc)
        current = clients.get(account_id)
        latest = history.snapshot(len(history) - 1)
        client = msgspec.structs.replace(
            msgspec.convert(current, Client),
            total_assets=latest.total_assets,
            peak_assets_12m=history.peak_assets(),
            last_trade_date=history.last_trade_date(),
        )
        client_doc = prepared(client, current, rules=reading.tier_rules, on=reading.on)
        if client_doc is not None:
            plan.put("clients", client_doc)


def _same_snapshot(old: ActivitySnapshot, new: ActivitySnapshot) -> bool:
    # The history keeps money in whole cents: compare as it would be stored.
    probe = History(new.account_id)
    probe._append(new)
    return probe.snapshot(0) == old


def plan_advisors(plan: Plan, rows: Sequence[ImportRow], reading: Reading, actor: str) -> None:
    stored = reading.docs["advisors"]
    first = first_lines(rows, lambda r: r.fields.get("id"))
    known = reading.advisors | set(first)
    for row in rows:
        key = str(row.fields["id"])
        if _duplicate(plan, row, first[row.fields["id"]], f"advisor {key}"):
            continue
        backup = row.fields.get("backup_id")
        if backup is not None and backup not in known:
            plan.reject(row.line, "backup_id", f"no advisor {backup!r} in the branch or the file")
            continue
        current = stored.get(key)
        data = {**current, **row.fields} if current else dict(row.fields)
        try:
            advisor = parse(Advisor, data)
        except Invalid as exc:
            _rejected(plan, row, exc, current is None)
            continue
        _count(plan, "advisors", key, _versioned(advisor, current, ("updated_at",)), current)


def _versioned(record: msgspec.Struct, current: dict | None, stamps: Sequence[str]) -> dict | None:
    """The document to store with its version moved on, or None when nothing changed."""
    doc = msgspec.to_builtins(record)
    if current is not None:
        doc["version"] = current.get("version", 0)
        for name in stamps:
            doc[name] = current.get(name)
        if doc == current:
            return None
    doc["version"] = (current.get("version", 0) if current else 0) + 1
    for name in stamps:
        if name == "updated_at" or doc.get(name) is None:
            doc[name] = now().isoformat()
    return doc


def task_id(fields: dict[str, Any]) -> str:
    """The task's id from the file, or one made from what identifies the contact (client,
    day, channel, purpose, occasion, notes), so the same row always finds its task."""
    if fields.get("id"):
        return str(fields["id"])
    parts = ("account_id", "due_date", "channel", "purpose", "occasion", "notes")
    digest = hashlib.sha256("\x1f".join(str(fields.get(p, "")) for p in parts).encode())
    return "imp" + digest.hexdigest()[:17]


def plan_tasks(plan: Plan, rows: Sequence[ImportRow], reading: Reading, actor: str) -> None:
    stored, clients = reading.docs["tasks"], reading.docs["clients"]
    first = first_lines(rows, lambda r: task_id(r.fields))
    for row in rows:
        key = task_id(row.fields)
        if _duplicate(plan, row, first[key], f"task {key}"):
            continue
        client = clients.get(str(row.fields["account_id"]))
        if client is None:
            plan.reject(row.line, "account_id", "no client with this account id")
            continue
        current = stored.get(key)
        if current is not None and current["account_id"] != row.fields["account_id"]:
            plan.reject(row.line, "id", f"task {key} belongs to account {current['account_id']}")
            continue
        base = current or {
            "id": key,
            "created_by": actor,
            "created_at": now().isoformat(),
            "assignee": client.get("advisor_id"),
        }
        data = {**base, **row.fields, "id": key}
        if current is None and "cost" not in row.fields and row.fields.get("channel"):
            data["cost"] = reading.costs.get(row.fields["channel"], 0.0)
        try:
            task = parse(Task, data)
        except Invalid as exc:
            _rejected(plan, row, exc, current is None)
            continue
        _count(plan, "tasks", key, _versioned(task, current, ()), current)


PLANNERS: dict[str, Planner] = {
    "clients": plan_clients,
    "activity": plan_activity,
    "advisors": plan_advisors,
    "tasks": plan_tasks,
}
