"""``branchdesk init`` and ``branchdesk demo``: create a data folder."""

from __future__ import annotations

import click

from ..models import today
from ..schema import data_folder, open_store
from .common import console, data_option, emit_json, json_option


@click.command()
@data_option
def init(data: str | None) -> None:
    """Create an empty data folder.

    \b
    Example:
      branchdesk init --data /srv/branchdesk
    """
    store = open_store(data_folder(data), create=True, purpose="branchdesk init")
    folder = store.folder
    store.close()
    console.print(f"Data folder ready: {folder}")
    console.print("Next: add a manager with `branchdesk staff add NAME --role manager`.")


@click.command()
@data_option
@click.option("--clients", type=click.IntRange(2, 2_000_000), default=2000, show_default=True)
@click.option(
    "--advisors",
    type=click.IntRange(1, 500),
    default=None,
    help="Default: 12, or one per 1,250 clients.",
)
@click.option(
    "--tasks", type=click.IntRange(0), default=None, help="Past tasks (default 3 per client)."
)
@click.option("--months", type=click.IntRange(1, 60), default=12, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The branch's 'today' (default: today).",
)
@click.option("--force", is_flag=True, help="Replace whatever the folder holds.")
@json_option
def demo(
    data: str | None,
    clients: int,
    advisors: int | None,
    tasks: int | None,
    months: int,
    seed: int,
    as_of: object,
    force: bool,
    as_json: bool,
) -> None:
    """Build a demo branch: 2,000 clients, 12 advisors, a year of activity, staff logins.

    It includes the seed notes' two cases: 老李 (dormant, just moved ¥1.5M out) and
    王女士 (¥3.0M → ¥1.8M, unhappy with the research service). Every demo account signs
    in with the password ``branchdesk`` (manager, frontdesk, admin, a01 … a12).

    \b
    Examples:
      branchdesk demo --data demo-data
      branchdesk demo --data bench-data --clients 50000 --tasks 200000
    """
    from fixtures.branch import BranchSpec
    from fixtures.demo import create_demo, wipe

    folder = data_folder(data)
    if force:
        try:
            wipe(folder)
        except Exception as exc:  # nothing to wipe is fine; a busy folder is not
            if "no BranchDesk data" not in str(exc):
                raise
    spec = BranchSpec(
        clients=clients,
        advisors=advisors or max(12, round(clients / 1250)),
        months=months,
        tasks=tasks,
        seed=seed,
        as_of=as_of.date() if as_of else today(),  # type: ignore[attr-defined]
    )
    bars: dict[str, click.progressbar] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if as_json:
            return
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = click.progressbar(length=total, label=f"{stage:<8}", file=None)
            bar.__enter__()
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    summary = create_demo(folder, spec, progress=progress)
    if as_json:
        emit_json({"data": folder, **summary, "as_of": spec.as_of.isoformat()})
        return
    console.print(
        f"Demo branch in {folder}: {summary['clients']:,} clients, {summary['advisors']} "
        f"advisors, {summary['tasks']:,} tasks, as of {spec.as_of}."
    )
    console.print("Sign in as manager / frontdesk / a01 with the password: branchdesk")
