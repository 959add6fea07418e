"""Fixtures for the upper level's window: workspaces made once per session, copied per test.

A workspace's key takes seconds to make, so each kind is made once and copied for every test
(with ``--postgresql`` each copy gets a clone of the original's database):
- ``district``: a district union (with its credit code) that registered three test units
  (``tests/services/upper_units.py``) and received nothing yet;
- ``demo_upper``: ``unionperf demo --upper`` — 38 units, a season of 2024 under way.

``upper_window`` opens the upper level's window on ``district``; ``told`` collects what the
pages tell the user (errors and notices) instead of modal message boxes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.services.upper_units import SubUnit, sub_unit
from tests.workspace_copies import copy_workspace
from unionperf.domain.credit_code import check_character
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.upper_demo import create_upper_demo
from unionperf.services.upper.register import register
from unionperf.ui import messages
from unionperf.ui.upper.window import UpperWindow

__all__ = [
    "JOB_TIMEOUT_MS",
    "UPPER_CODE",
    "UPPER_PASSPHRASE",
    "demo_upper",
    "demo_upper_template",
    "district",
    "district_template",
    "open_copy",
    "sub_units",
    "told",
    "upper_window",
]

UPPER_PASSPHRASE = "upper-window-pass"
UPPER_CODE = "81310115MC2K7U9" + "00"
UPPER_CODE = UPPER_CODE[:17] + check_character(UPPER_CODE[:17])
JOB_TIMEOUT_MS = 60_000
"""How long a test waits for a job (signing, receiving): generous, it is no timing check."""


@pytest.fixture(scope="session")
def sub_units() -> list[SubUnit]:
    """The three test units the ``district`` workspace registered."""
    return [sub_unit(number) for number in (1, 2, 3)]


@pytest.fixture(scope="session")
def district_template(tmp_path_factory: pytest.TempPathFactory, sub_units: list[SubUnit]) -> Path:
    """A closed upper-level workspace with three units registered (made once)."""
    folder = tmp_path_factory.mktemp("upper-template") / "upper"
    keys = folder.parent / "keys"
    profile = UnitProfile("上海市某区总工会", UPPER_CODE, level=UnitLevel.UPPER)
    workspace = Workspace.create(folder, profile, UPPER_PASSPHRASE)
    try:
        for unit in sub_units:
            register(workspace, unit.pub_file(keys), unit.code, unit.name, key_id=unit.key_id)
    finally:
        workspace.close()
    return folder


@pytest.fixture(scope="session")
def demo_upper_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo upper workspace, closed (made once: every package is really signed)."""
    folder = tmp_path_factory.mktemp("demo-upper-template") / "demo"
    create_upper_demo(folder).close()
    return folder


def open_copy(template: Path, target: Path) -> Workspace:
    """Open a copy of a closed workspace folder (on PostgreSQL: with a copy of its database)."""
    return Workspace.open(copy_workspace(template, target))


@pytest.fixture
def district(district_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A copy of the district's workspace with three registered units, open."""
    workspace = open_copy(district_template, tmp_path / "upper")
    yield workspace
    workspace.close()


@pytest.fixture
def demo_upper(demo_upper_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A copy of the demo upper workspace, open."""
    workspace = open_copy(demo_upper_template, tmp_path / "demo-upper")
    yield workspace
    workspace.close()


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What the pages told the user: errors (with their details) and notices."""
    seen: dict[str, list[str]] = {"errors": [], "details": [], "info": []}

    def error(_parent: object, title: str, failure: object) -> None:
        seen["errors"].append(f"{title}: {failure}")
        details = getattr(failure, "details", None)
        seen["details"] += list(details()) if callable(details) else []

    monkeypatch.setattr(messages, "show_error", error)
    monkeypatch.setattr(
        messages, "show_info", lambda _parent, title, text: seen["info"].append(f"{title}: {text}")
    )
    return seen


@pytest.fixture
def upper_window(qtbot, district: Workspace, told: dict[str, list[str]]) -> UpperWindow:
    """The upper level's window on ``district`` at 1366×768."""
    _ = told
    made = UpperWindow(district)
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    return made
