"""``make screenshots`` for the upper level: every page of its window on the demo season.

The demo upper workspace (``unionperf demo --upper``: 38 units, a season of 2024 under way) is
made in the folder given, the window is shown at 1366×768, and each page is grabbed as the
finance officer would see it in use: the register with the register dialog filled in, a batch
received again (already received, and a damaged copy quarantined), the board of the
self-evaluation, the review of a returned unit with an opinion written, 汇总's tables, charts
and ranking, the parameters with the bundled library, a new indicator's form, the settings
form and the deadlines.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QWidget

from unionperf.domain.board import BoardStatus
from unionperf.domain.credit_code import check_character
from unionperf.domain.item_paths import ItemKind
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.upper_demo import ROSTER_ONLY, YEAR, create_upper_demo
from unionperf.services.upper.params_edit import use_bundled_library
from unionperf.ui.jobs import job_pool
from unionperf.ui.upper.aggregate.page import AggregatePage
from unionperf.ui.upper.params.page import ParamsPage
from unionperf.ui.upper.receive.page import ReceivePage
from unionperf.ui.upper.register.page import RegisterPage
from unionperf.ui.upper.review.page import ReviewPage
from unionperf.ui.upper.steps import UpperStep
from unionperf.ui.upper.window import UpperWindow

__all__ = ["grab_upper"]

SCREEN = (1366, 768)
STAGE = "self-evaluation"
Grab = Callable[[QWidget, Path], Path]


def grab_upper(out: Path, folder: Path, grab: Grab) -> list[Path]:
    """Make the demo upper workspace in ``folder`` and write its pages' PNGs into ``out``."""
    workspace = create_upper_demo(folder)
    written: list[Path] = []
    try:
        window = UpperWindow(workspace)
        window.resize(*SCREEN)
        window.show()
        window.choose(YEAR, STAGE)
        written += _register(window, out, grab)
        written += _receive(window, workspace, out, grab)
        window.choose(YEAR, STAGE)
        window.open_page(UpperStep.BOARD)
        written.append(grab(window, out / "upper-03-board.png"))
        written += _review(window, out, grab)
        written += _aggregate(window, out, grab)
        written += _params(window, workspace, out, grab)
        window.close()
    finally:
        workspace.close()
    return written


def _register(window: UpperWindow, out: Path, grab: Grab) -> list[Path]:
    page = window.open_page(UpperStep.REGISTER)
    assert isinstance(page, RegisterPage)
    written = [grab(window, out / "upper-01-register.png")]
    dialog = page.add_unit()
    dialog.code.setText(ROSTER_ONLY[0][0] + check_character(ROSTER_ONLY[0][0]))
    dialog.name.setText(ROSTER_ONLY[0][1])
    dialog.contact.setText("会计王 021-58880099")
    dialog.key_id.setText("1A2B 3C4D 5E6F 7A8B")
    written.append(grab(dialog, out / "upper-01-register-dialog.png"))
    dialog.reject()
    return written


def _receive(window: UpperWindow, workspace: Workspace, out: Path, grab: Grab) -> list[Path]:
    page = window.open_page(UpperStep.RECEIVE)
    assert isinstance(page, ReceivePage)
    usb = workspace.paths.root.parent / "U盘"
    received = workspace.paths.root / "received"
    for unit in sorted(received.iterdir())[:6]:
        shutil.copytree(unit, usb / unit.name)
    damaged = next((usb / sorted(p.name for p in usb.iterdir())[0]).glob("*.upkg"))
    blob = bytearray(damaged.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    (usb / f"损坏_{damaged.name}").write_bytes(bytes(blob))
    page.receive_paths([usb])
    _wait_for_jobs()
    return [grab(window, out / "upper-02-receive.png")]


def _review(window: UpperWindow, out: Path, grab: Grab) -> list[Path]:
    page = window.open_page(UpperStep.REVIEW)
    assert isinstance(page, ReviewPage)
    returned = next(
        (line for line in page.lines if line.status is BoardStatus.RESUBMITTED), page.lines[0]
    )
    page.show_unit(returned.code)
    item = next(
        item
        for item in page.tree_model.items()
        if item.kind is ItemKind.INDICATOR and item.owner != "unit" and item.score is not None
    )
    page.select_path(item.path)
    page.opinion.setPlainText("请补充该指标的佐证材料（活动签到表、照片）。")
    page.add_opinion()
    page.send_back.setChecked(True)
    page.summary.setPlainText("预算执行率偏低，请说明原因并补充佐证材料后重新报送。")
    written = [grab(window, out / "upper-04-review.png")]
    assessed = next(
        (item for item in page.tree_model.items() if item.kind is ItemKind.ASSESSMENT), None
    )
    if assessed is not None:
        page.select_path(assessed.path)
        written.append(grab(window, out / "upper-04-review-assessment.png"))
    page.tabs.setCurrentWidget(page.targets_tab)
    page.targets_tab.owner.setCurrentIndex(1)
    written.append(grab(window, out / "upper-04-review-targets.png"))
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    page.history_view.selectRow(0)
    written.append(grab(window, out / "upper-04-review-history.png"))
    page.tabs.setCurrentIndex(0)
    return written


def _aggregate(window: UpperWindow, out: Path, grab: Grab) -> list[Path]:
    page = window.open_page(UpperStep.AGGREGATE)
    assert isinstance(page, AggregatePage)
    written = [grab(window, out / "upper-05-aggregate.png")]
    for index, name in ((1, "projects"), (2, "charts"), (3, "ranking"), (4, "multi-year")):
        page.tabs.setCurrentIndex(index)
        written.append(grab(window, out / f"upper-05-aggregate-{name}.png"))
    page.tabs.setCurrentIndex(0)
    cleared = [line for line in page.result.multi_year if line.clear_out] if page.result else []
    review = window.open_page(UpperStep.REVIEW)
    if cleared and isinstance(review, ReviewPage) and review.show_unit(cleared[0].unit_code):
        review.select_path(f"项目/{cleared[0].project_name}")
        written.append(grab(window, out / "upper-04-review-clear-out.png"))
    return written


def _params(window: UpperWindow, workspace: Workspace, out: Path, grab: Grab) -> list[Path]:
    use_bundled_library(workspace)
    page = window.open_page(UpperStep.PARAMS)
    assert isinstance(page, ParamsPage)
    page.load()
    written = [grab(window, out / "upper-06-params.png")]
    page.library_tab.view.selectRow(0)
    dialog = page.library_tab.add()
    if dialog is not None:
        dialog.name.setText("职工志愿服务时长")
        dialog.target.setText("200")
        dialog.unit.setText("小时")
        written.append(grab(dialog, out / "upper-06-params-entry.png"))
        dialog.reject()
    page.tabs.setCurrentIndex(1)
    written.append(grab(window, out / "upper-06-params-settings.png"))
    page.tabs.setCurrentWidget(page.deadlines_tab)
    written.append(grab(window, out / "upper-06-params-deadlines.png"))
    page.tabs.setCurrentIndex(0)
    return written


def _wait_for_jobs() -> None:
    """Let the job pool finish and its results reach the window."""
    pool: QThreadPool = job_pool()
    pool.waitForDone()
    for _ in range(5):
        QCoreApplication.processEvents()
