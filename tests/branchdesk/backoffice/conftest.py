"""Running the CLI in-process on a real data folder, and reading what it stored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from branchdesk.cli import main
from branchdesk.schema import open_store
from fixtures.samples import FOLDER as SAMPLES


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def cli_json(*args: str) -> tuple[int, dict]:
    code, out, _ = cli(*args, "--json")
    return code, json.loads(out)


def docs(folder: Path, table: str) -> dict[str, dict]:
    """Every document of a table, read from disk as a fresh process would."""
    store = open_store(folder, readonly=True)
    try:
        return {k: dict(v) for k, v in store.table(table)._read_table().items()}
    finally:
        store.close()


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A private copy of the sample files (rejects files are written beside them)."""
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    return folder
