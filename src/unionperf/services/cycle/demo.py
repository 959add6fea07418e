"""Create the demo workspace: a realistic grassroots union, or a large one for benchmarks."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from unionperf.demo.data import demo_large_year, demo_unit, demo_years
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace, holds_workspace
from unionperf.services.common.writer_lock import DEFAULT_PROGRAM, WorkspaceInUseError, WriterLock
from unionperf.services.cycle import editing

log = logging.getLogger(__name__)

SIZES = ("normal", "large")
BUILDING_SUFFIX = ".正在创建"
"""A demo is built in ``.<name>.正在创建-XXXX`` beside its folder and renamed into place."""


def create_demo(
    path: Path,
    size: str = "normal",
    passphrase: str = "demo",
    *,
    program: str = DEFAULT_PROGRAM,
    fill: Callable[[Workspace], None] | None = None,
) -> Workspace:
    """Make a new workspace at ``path`` filled with demo data and return it open for writing.

    ``normal``: 2024 complete (6+ projects, four monitoring points, self-evaluation) and a smaller
    2023. ``large``: 200 projects × 20 indicators × 12 monitoring points in 2024. The signing key
    is locked with ``passphrase``. ``fill`` puts other demo data into the new workspace instead
    (the demo upper level, ``services.inbox.upper_demo``).

    The demo is built in a hidden folder beside ``path`` and renamed into place when complete, so
    a killed or failed run leaves no half workspace at ``path``; what such a run left behind is
    removed by the next one.

    Raises:
        ServiceError: ``path`` holds a workspace or other files, or cannot be written.
    """
    _check_target(path)
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(parent, path.name)
        building = Path(tempfile.mkdtemp(prefix=f".{path.name}{BUILDING_SUFFIX}-", dir=parent))
    except OSError as error:
        raise ServiceError(f"无法创建演示工作区 {path}：{error.strerror or error}") from error
    try:
        workspace = Workspace.create(
            building / "workspace", passphrase=passphrase, program=program, throwaway=True
        )
        try:
            if fill is not None:
                fill(workspace)
            else:
                fill_demo(workspace, size)
        finally:
            workspace.close()
        _move_into_place(building / "workspace", path)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return Workspace.open(path, program=program)


def fill_demo(workspace: Workspace, size: str = "normal") -> None:
    """Put the demo union into an open workspace (the window's 载入演示数据 button).

    Saves the demo unit profile and replaces each demo year, each year in its own transaction
    with a backup taken before it (``Workspace.replace_year``).
    """
    workspace.save_unit(demo_unit())
    for data in [demo_large_year()] if size == "large" else demo_years():
        editing.replace_year(workspace, data)


def _check_target(path: Path) -> None:
    if holds_workspace(path):
        raise ServiceError(f"工作区已存在：{path}")
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise ServiceError(f"文件夹 {path} 不是空的：请为演示工作区选择一个新的或空的文件夹")


def _move_into_place(built: Path, path: Path) -> None:
    try:
        if path.is_dir():
            path.rmdir()  # empty (checked before): the rename then takes its place
        os.replace(built, path)
    except OSError as error:
        raise ServiceError(f"无法创建演示工作区 {path}：{error.strerror or error}") from error


def _remove_abandoned(parent: Path, name: str) -> None:
    """Remove demo folders a killed run left beside ``name`` (none is being built any more)."""
    for folder in parent.glob(f".{name}{BUILDING_SUFFIX}-*"):
        inner = folder / "workspace"
        try:
            if inner.is_dir():
                with WriterLock(inner, "UnionPerf"):
                    pass  # a run still building holds this lock
        except (WorkspaceInUseError, ServiceError):
            continue
        log.info("abandoned demo folder removed: %s", folder)
        shutil.rmtree(folder, ignore_errors=True)
