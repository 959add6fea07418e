"""Workspaces and files offered for restore: good backups and every kind of bad one."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

from unionperf.domain.budget import BudgetLine, Project
from unionperf.domain.credit_code import check_character
from unionperf.domain.unit import UnitProfile
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing

UNIT = UnitProfile("华东精密机械有限公司工会委员会", "91350100M000100Y43")
_OTHER_BODY = "91350100M000200Y4"
OTHER_UNIT = UnitProfile("闽江食品有限公司工会委员会", _OTHER_BODY + check_character(_OTHER_BODY))


def make_workspace(path: Path, unit: UnitProfile | None = UNIT, budget: int = 100) -> Path:
    """A closed workspace: the unit, 2023 with one project, 2024 with two and a budget line."""
    with Workspace.create(path, unit) as workspace:
        for year, names in ((2023, ["职工书屋"]), (2024, ["职工书屋", "职工运动会"])):
            editing.add_year(workspace, year)
            for number, name in enumerate(names, start=1):
                project = Project(f"p{year}-{number}", f"P{number:03d}", f"{year}年{name}", "501")
                editing.save_project(workspace, year, project)
        editing.save_budget_line(workspace, 2024, BudgetLine("501", budget=Decimal(budget)))
    return path


def set_budget(path: Path, budget: int) -> None:
    """Change the budget line of 2024 (a later state than the backups)."""
    with Workspace.open(path) as workspace:
        editing.save_budget_line(workspace, 2024, BudgetLine("501", budget=Decimal(budget)))


def budget_of(path: Path) -> Decimal:
    """The 2024 budget of line 501, read through the services (as a reader: no lock, no backup)."""
    with Workspace.open(path, writer=False) as workspace:
        return next(
            line.budget for line in workspace.load_year(2024).budget if line.category_code == "501"
        )


def back_up(path: Path, reason: str = "manual") -> Path:
    """A backup of the workspace now; its path."""
    with Workspace.open(path) as workspace:
        return workspace.back_up(reason).path


def fingerprint(root: Path) -> tuple[str, tuple[str, ...]]:
    """The database's content (a digest of its SQL dump) and the backups folder's file names."""
    database = root / "unionperf.sqlite"
    connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dump = "\n".join(connection.iterdump())
    finally:
        connection.close()
    names = tuple(sorted(path.name for path in (root / "backups").iterdir()))
    return hashlib.sha256(dump.encode()).hexdigest(), names


def edited_copy(backup: Path, target: Path, *statements: str) -> Path:
    """A copy of ``backup`` changed with SQL (as a tool outside the program would)."""
    shutil.copyfile(backup, target)
    connection = sqlite3.connect(target)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    return target


def unrelated_database(target: Path) -> Path:
    """Some other program's SQLite database."""
    connection = sqlite3.connect(target)
    connection.execute("CREATE TABLE people (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO people VALUES ('张三', '13800000000')")
    connection.commit()
    connection.close()
    return target


def truncated_copy(backup: Path, target: Path) -> Path:
    """The first half of a backup (a copy that stopped half-way)."""
    data = backup.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def damaged_copy(backup: Path, target: Path) -> Path:
    """A backup of full length whose pages after the first are overwritten with noise."""
    data = bytearray(backup.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page, len(data), 7):
        data[offset] = (offset * 31 + 7) % 256
    target.write_bytes(bytes(data))
    return target
