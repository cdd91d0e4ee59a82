"""New clients from an import are placed by the same rules, and nobody else moves."""

from __future__ import annotations

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
