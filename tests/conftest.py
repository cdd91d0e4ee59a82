"""Shared fixtures: real data folders on disk, built once per session and copied."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from branchdesk.schema import open_store
from branchdesk.store import Store
from fixtures.branch import BranchSpec
from fixtures.demo import create_demo

AS_OF = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _pin_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo branch is built "as of" AS_OF; the branch's clock agrees with it."""
    monkeypatch.setenv("BRANCHDESK_TODAY", AS_OF.isoformat())


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template") / "data"
    create_demo(folder, BranchSpec(as_of=AS_OF))
    return folder


@pytest.fixture
def demo_folder(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo branch's data folder."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder, ignore=shutil.ignore_patterns("lock"))
    return folder


@pytest.fixture
def demo_store(demo_folder: Path):
    store = open_store(demo_folder)
    yield store
    store.close(compact=False)


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "data", create=True)
    yield store
    store.close(compact=False)
