"""``branchdesk backup`` and ``branchdesk restore``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ..backup import read_archive
from ..backup import restore as restore_archive
from ..schema import data_folder
from ..store.files import write_atomic
from .common import connect, console, data_option, emit_json, json_option
from .imports import patient


@click.command()
@data_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Archive to write (default: branchdesk-backup-DATE-TIME.tar.gz here).",
)
@json_option
def backup(data: str | None, out: Path | None, as_json: bool) -> None:
    """Make a consistent archive of the data folder, even while the server runs.

    With a server running on the folder it is asked for the archive (an admin's
    sign-in); otherwise the folder is read directly, without stopping anyone.

    \b
    Example:
      branchdesk backup --data demo-data --out /mnt/usb/branch-2026-11-25.tar.gz
    """
    with connect(data) as api:
        patient(api)
        archive = api.make_backup()
    path = out or Path(f"branchdesk-backup-{datetime.now():%Y%m%d-%H%M%S}.tar.gz")
    write_atomic(path.absolute(), [archive])
    manifest, _ = read_archive(archive)  # what the archive says, checked as restore will
    if as_json:
        emit_json({"file": str(path), "bytes": len(archive), "counts": manifest.counts})
        return
    console.print(f"Wrote {path} ({len(archive) / 1e6:.1f} MB): {manifest.describe()}.")


@click.command()
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_option
@click.option(
    "--force",
    is_flag=True,
    help="Replace a folder that holds data (its files are moved aside, not deleted).",
)
@json_option
def restore(archive: Path, data: str | None, force: bool, as_json: bool) -> None:
    """Check a backup archive and restore it into a data folder.

    Refuses a folder a server is using, and one that holds data unless --force.

    \b
    Example:
      branchdesk restore branch-2026-11-25.tar.gz --data restored-data
    """
    folder = Path(data_folder(data))
    manifest, aside = restore_archive(archive.read_bytes(), folder, force=force)
    if as_json:
        emit_json(
            {
                "data": str(folder),
                "counts": manifest.counts,
                "moved_aside": str(aside) if aside else None,
            }
        )
        return
    console.print(f"Restored {manifest.describe()} into {folder}.")
    if aside:
        console.print(f"The files it replaced are in {aside}.")
