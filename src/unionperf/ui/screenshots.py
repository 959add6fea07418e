"""``make screenshots``: the window on the demo workspace, one PNG per step and per chart.

Run as ``python -m unionperf.ui.screenshots OUT_DIR`` (offscreen is fine). The demo is created in
a temporary folder, the window is shown at 1366×768 — the small screen product.md §1 names —
in Simplified Chinese with the bundled font, and each step page is grabbed after it opened.
Then the same on a brand-new workspace with one empty year (``fresh-*.png``: what a new user
sees first), and the views issue 12 found cut off or missing: the self-evaluation's funds and
charts tabs, the indicator library and a step's guidance window. Then the unit applying the
upper level's parameter package (``unit-params-*.png``, ``ui/params_screenshots.py``). Last,
every page of the upper level's window on the demo upper workspace (``upper-*.png``,
``ui/upper/screenshots.py``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from unionperf.domain.assessment import ExAnteAssessment
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.cycle import Step
from unionperf.services.common.indicator_library import default_library
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing
from unionperf.services.cycle.assessment import major_projects
from unionperf.services.cycle.demo import create_demo
from unionperf.services.views import year_review
from unionperf.ui.app import install_translators, load_font
from unionperf.ui.main_window import MainWindow
from unionperf.ui.params_screenshots import grab_params
from unionperf.ui.steps.budget.page import BudgetStep
from unionperf.ui.steps.evaluation.page import EvaluationStep
from unionperf.ui.steps.monitoring.page import ARRIVAL_TAB, MonitoringStep
from unionperf.ui.steps.targets.assessment import AssessmentDialog
from unionperf.ui.steps.targets.library_dialog import LibraryDialog
from unionperf.ui.steps.targets.page import TargetsStep
from unionperf.ui.upper.screenshots import grab_upper
from unionperf.ui.widgets.charts import CategoryChart, ExecutionChart, GradeChart, ScoreChart
from unionperf.ui.widgets.multi_year import cycle_dialog

__all__ = ["SCREEN", "main", "take_screenshots"]

SCREEN = (1366, 768)
YEAR = 2024
HOME_UID = "p2023-03"
"""The demo's three-year project (2023—2025), in its second year in 2024."""


def take_screenshots(out: Path, workspace_folder: Path) -> list[Path]:
    """Write the PNGs into ``out`` and return their paths."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    load_font(app)
    translators = install_translators(app)
    out.mkdir(parents=True, exist_ok=True)
    workspace = create_demo(workspace_folder)
    written: list[Path] = []
    try:
        window = MainWindow(workspace)
        window.resize(*SCREEN)
        window.show()
        window.refresh_years(YEAR)
        for number, step in enumerate(Step, start=1):
            window.open_step(step)
            written.append(_grab(window, out / f"{number:02d}-{step.value}.png"))
        data = window.session.data
        assert data is not None
        scores = year_review.scores_of(data)
        owner = data.projects[0].uid if data.projects else UNIT_OWNER
        charts: list[tuple[str, QWidget, Callable[[], None]]] = []
        execution = ExecutionChart()
        charts.append(("chart-execution", execution, lambda: execution.show_owner(data, owner)))
        score = ScoreChart()
        charts.append(("chart-scores", score, lambda: score.show_scores(data, scores)))
        grade = GradeChart()
        charts.append(("chart-grades", grade, lambda: grade.show_grades(data, scores)))
        category = CategoryChart()
        previous = window.session.previous_year()
        charts.append(("chart-categories", category, lambda: category.show_years(data, previous)))
        for name, view, draw in charts:
            draw()
            view.resize(*SCREEN)
            view.show()
            written.append(_grab(view, out / f"{name}.png"))
            view.close()
        written += _grab_details(window, out)
        restore = window.show_restore()  # 文件 › 从备份恢复…
        written.append(_grab(restore, out / "restore-dialog.png"))
        restore.close()
        window.close()
    finally:
        workspace.close()
    try:
        written += _grab_fresh(out, workspace_folder.with_name(workspace_folder.name + "-fresh"))
        written += grab_params(
            out, workspace_folder.with_name(workspace_folder.name + "-params"), _grab
        )
        upper = workspace_folder.with_name(workspace_folder.name + "-upper")
        written += grab_upper(out, upper, _grab)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    return written


def _grab_details(window: MainWindow, out: Path) -> list[Path]:
    """Details: revenue arrival at 30 June, the self-evaluation's funds and grades, and more.

    Also the indicator library and a step's guidance window.
    """
    written: list[Path] = []
    budget = window.open_step(Step.BUDGET)
    if isinstance(budget, BudgetStep):
        budget.tabs.setCurrentWidget(budget.projects)
        written.append(_grab(window, out / "02-budget-projects.png"))
    monitoring = window.open_step(Step.MONITORING)
    if isinstance(monitoring, MonitoringStep):
        june = monitoring.points.findData(f"m{YEAR}-06-30")
        monitoring.points.setCurrentIndex(max(june, 0))
        monitoring.tabs.setCurrentIndex(ARRIVAL_TAB)
        written.append(_grab(window, out / "04-monitoring-arrival.png"))
    page = window.open_step(Step.EVALUATION)
    if isinstance(page, EvaluationStep):
        page.tabs.setCurrentWidget(page.funds_page)
        written.append(_grab(window, out / "05-evaluation-funds.png"))
        page.tabs.setCurrentWidget(page.charts_page)
        page.charts_page.grade_button.click()
        written.append(_grab(window, out / "05-evaluation-grades.png"))
        written += _grab_period(window, page, out)
    data = window.session.data
    if data is not None:
        entries = default_library().entries_for(
            data.framework, "产出指标", "数量指标", unit=False, expense="501"
        )
        library = LibraryDialog(entries, "产出指标 › 数量指标", set(), window)
        library.show()
        written.append(_grab(library, out / "03-targets-library.png"))
        library.close()
    written += _grab_assessment(window, out)
    window.open_step(Step.TARGETS)
    window.guidance.open_guidance()
    dialog = window.guidance.dialog
    if dialog is not None:
        written.append(_grab(dialog, out / "03-targets-guidance.png"))
        dialog.close()
    return written


def _grab_assessment(window: MainWindow, out: Path) -> list[Path]:
    """The targets step on the demo's major project with its 事前绩效评估, and the dialog."""
    targets, data = window.open_step(Step.TARGETS), window.session.data
    major = [item for item in major_projects(data) if item.required] if data else []
    if not isinstance(targets, TargetsStep) or not major or data is None:
        return []
    project = major[0].project
    targets.select_owner(project.uid)
    written = [_grab(window, out / "03-targets-assessment.png")]
    held = data.assessment_of(project.uid) or ExAnteAssessment(project.uid)
    dialog = AssessmentDialog(project, held, window)
    dialog.show()
    written.append(_grab(dialog, out / "03-targets-assessment-dialog.png"))
    dialog.close()
    return written


def _grab_period(window: MainWindow, page: EvaluationStep, out: Path) -> list[Path]:
    """The demo's 2023—2025 project in its second year: self-evaluation tab, targets, dialog."""
    page._select_owner_row(page.owners.find(HOME_UID))
    page.tabs.setCurrentWidget(page.cycle_panel)
    written = [_grab(window, out / "05-evaluation-period.png")]
    targets = window.open_step(Step.TARGETS)
    if isinstance(targets, TargetsStep):
        targets._select_owner_row(HOME_UID)
        written.append(_grab(window, out / "03-targets-period.png"))
        dialog = cycle_dialog(window.session, HOME_UID, window)
        if dialog is not None:
            dialog.show()
            written.append(_grab(dialog, out / "03-targets-period-dialog.png"))
            dialog.close()
    return written


def _grab_fresh(out: Path, folder: Path) -> list[Path]:
    """Every step of a brand-new workspace with one empty year (the year the demo ends in + 2)."""
    workspace = Workspace.create(folder)
    written: list[Path] = []
    try:
        editing.add_year(workspace, YEAR + 2)
        window = MainWindow(workspace)
        window.resize(*SCREEN)
        window.show()
        window.refresh_years(YEAR + 2)
        for number, step in enumerate(Step, start=1):
            window.open_step(step)
            written.append(_grab(window, out / f"fresh-{number:02d}-{step.value}.png"))
        window.close()
    finally:
        workspace.close()
    return written


def _grab(widget: QWidget, path: Path) -> Path:
    for _ in range(3):
        QCoreApplication.processEvents()
    widget.grab().save(str(path))
    return path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write the screenshots and list them."""
    parser = argparse.ArgumentParser(description="Screenshots of every step and chart")
    parser.add_argument("out", type=Path, nargs="?", default=Path("build/screenshots"))
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for path in take_screenshots(arguments.out, Path(folder) / "demo"):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
