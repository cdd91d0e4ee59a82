"""New clients from an import are placed by the same rules, and nobody else moves."""

from __future__ import annotations

import msgspec

from branchdesk import assignment
from branchdesk.book import ClientBook
from branchdesk.models import AccountType, Client

ACTOR = "import:test"


def add(store, account_id: str, **fields) -> None:
    ClientBook(store).save(
        Client(account_id=account_id, name=f"新客户{account_id[-2:]}", **fields),
        actor=ACTOR,
        expected_version=0,
    )


def test_new_clients_fill_the_emptiest_books_and_nobody_else_moves(demo_store) -> None:
    before = {k: d.get("advisor_id") for k, d in demo_store.table("clients")._read_table().items()}
    loads = {x.advisor_id: x for x in assignment.current_loads(demo_store)}
    emptiest = min(
        (x for x in loads.values() if x.target), key=lambda x: x.before / x.target
    ).advisor_id
    new = [f"39000000{i:04d}" for i in range(30)]
    for account in new:
        add(demo_store, account, preferences=["stocks"])
    result = assignment.assign_new(demo_store, new, actor=ACTOR)
    assert set(result["assigned"]) == set(new) and result["unplaceable"] == []
    assert emptiest in set(result["assigned"].values())
    after = {k: d.get("advisor_id") for k, d in demo_store.table("clients")._read_table().items()}
    assert {k for k in before if after[k] != before[k]} == set()
    assert all(after[k] == v for k, v in result["assigned"].items())
    plan = assignment.get_plan(demo_store, result["plan_id"])
    assert plan.kind == "new_clients" and plan.status == "applied"
    assert all(m.reason.code == "unassigned" for m in plan.moves)


def test_an_advisor_named_by_the_file_is_kept_when_they_may_serve_the_client(demo_store) -> None:
    add(demo_store, "390000009001", advisor_id="A01", preferences=["stocks"])
    add(demo_store, "390000009002", advisor_id="A05", preferences=["stocks"])  # departed
    add(demo_store, "390000009003", advisor_id="A04", account_type=AccountType.INSTITUTION)
    result = assignment.assign_new(
        demo_store, ["390000009001", "390000009002", "390000009003", "390000009999"], actor=ACTOR
    )
    assert result["kept"] == ["390000009001"]
    assert set(result["assigned"]) == {"390000009002", "390000009003"}
    assert result["missing"] == ["390000009999"]
    # an institution goes to a senior or certified advisor (A04 赵敏 is junior)
    inst_to = result["assigned"]["390000009003"]
    assert assignment.get_advisor(demo_store, inst_to).level in ("senior", "certified")


def test_a_client_nobody_may_serve_is_reported_with_the_reason(demo_store) -> None:
    for a in assignment.list_advisors(demo_store):
        if "options" in a.skills:
            skills = {k: v for k, v in a.skills.items() if k != "options"}
            assignment.update_advisor(
                demo_store, a.id, {"skills": skills}, actor=ACTOR, expected_version=a.version
            )
    add(demo_store, "390000009010", preferences=["options"])
    result = assignment.assign_new(demo_store, ["390000009010"], actor=ACTOR)
    assert result["assigned"] == {}
    (item,) = result["unplaceable"]
    assert item["account_id"] == "390000009010" and item["needs"] == ["options>=1"]
    assert item["reason"] == "no active advisor has options level 1+"


def _import_rows(store) -> list:
    """New clients of every kind (no advisor, an able one, a departed one, institutions,
    each preference) and changes to stored clients (assets, preferences, advisor)."""
    from branchdesk.models.backoffice import ImportRow

    prefs = ["stocks", "funds", "bonds", "margin", "options", "wealth"]
    advisors = ["A01", "A02", "A05", "A07", "A09", None]
    rows = []
    for i in range(240):
        fields = {
            "account_id": f"3900001{i:05d}",
            "name": f"新客户{i}",
            "preferences": [prefs[i % 6], prefs[i * 7 % 6]],
            "total_assets": float(i * 7919 % 3_000_000),
        }
        if advisors[i % 6]:
            fields["advisor_id"] = advisors[i % 6]
        if i % 17 == 0:
            fields["account_type"] = "institution"
        rows.append(ImportRow(line=i + 2, fields=fields))
    for j, account in enumerate(list(store.table("clients")._read_table())[:60]):
        fields = {"account_id": account, "total_assets": float(j * 104729 % 8_000_000)}
        if j % 2:
            fields["preferences"] = [prefs[j % 6]]
        if j % 5 == 0:
            fields["advisor_id"] = advisors[j % 5]
        rows.append(ImportRow(line=len(rows) + 2, fields=fields))
    return rows


def test_placing_before_the_write_places_as_writing_then_assigning_did(
    demo_folder, tmp_path
) -> None:
    # An import decides its new clients' advisors before it writes them (place_new);
    # it used to write them and then place them (assign_new). Same book, same rules:
    # the same placement, the same plan, and the same advisor for every client.
    import shutil

    from branchdesk.backoffice.apply import apply_plan
    from branchdesk.backoffice.plan import plan_now
    from branchdesk.schema import open_store

    other = tmp_path / "other"
    shutil.copytree(demo_folder, other, ignore=shutil.ignore_patterns("lock"))
    before, after = open_store(demo_folder), open_store(other)
    try:
        rows = _import_rows(before)
        plan = plan_now(before, "clients", rows, ACTOR)
        assert len(plan.created) == 240 and plan.updated > 0 and not plan.errors
        apply_plan(before, plan, actor=ACTOR, import_id="I1", file_name="a.csv")

        plan = plan_now(after, "clients", rows, ACTOR)
        created = list(plan.created)
        with after.transaction():
            after.table("clients").put_many(plan.puts["clients"])
            old_way = assignment.assign_new(after, created, actor=ACTOR)
        assert old_way["assigned"] and old_way["kept"]

        def advisors(store) -> dict:
            return {k: d.get("advisor_id") for k, d in store.table("clients")._read_table().items()}

        assert advisors(before) == advisors(after)
        (placed,) = [p for p in before.table("plans").all() if p["kind"] == "new_clients"]
        expected = assignment.get_plan(after, old_way["plan_id"])
        assert placed["basis"] == expected.basis and placed["status"] == "applied"
        same = ("account_id", "name", "from_id", "to_id", "cost", "reason", "since_before")
        moves = [{k: m.get(k) for k in same} for m in placed["moves"]]
        assert moves == [{k: m.get(k) for k in same} for m in msgspec.to_builtins(expected.moves)]
        assert placed["unplaceable"] == msgspec.to_builtins(expected.unplaceable)
    finally:
        before.close(compact=False)
        after.close(compact=False)
