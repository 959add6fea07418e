"""The walk itself: what the accountant does, step by step, with a screenshot of each screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWizard

from PySide6.QtWidgets import QWidget

from driver import Script, Walk, click, key, later, modal, modal_of, no_modal, type_text

CODE = "91350100M000100Y43"
UNIT = "福州市榕城科技有限公司工会委员会"
PASS = "Gonghui2026!榕城"


def main_window():
    from unionperf.ui.main_window import MainWindow  # noqa: PLC0415

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def wizard_part(walk: Walk) -> Script:
    from unionperf.ui.first_run import FirstRunWizard  # noqa: PLC0415

    def wizard_shown() -> bool:
        return isinstance(modal(), FirstRunWizard)

    yield wizard_shown
    wizard: FirstRunWizard = modal()  # type: ignore[assignment]
    yield 0.5
    walk.shot("wizard-1-welcome", wizard)
    click(wizard.button(QWizard.WizardButton.NextButton))
    yield 0.3
    page = wizard.unit_page
    walk.shot("wizard-2-unit-empty", wizard)
    type_text(page.name, UNIT)
    type_text(page.credit_code, "91350100m000100y44")  # a typo in the check character
    yield 0.2
    walk.shot("wizard-2-unit-bad-code", wizard)
    type_text(page.credit_code, CODE.lower())
    type_text(page.upper_union, "福州市总工会")
    type_text(page.accountant, "张会计")
    type_text(page.chair, "李主席")
    type_text(page.audit_chair, "王主任")
    type_text(page.contact, "0591-87654321")
    yield 0.2
    walk.shot("wizard-2-unit-filled", wizard)
    click(wizard.button(QWizard.WizardButton.NextButton))
    yield 0.3
    pp = wizard.passphrase_page
    walk.shot("wizard-3-passphrase-empty", wizard)
    type_text(pp.first, "123456")
    yield 0.2
    walk.shot("wizard-3-passphrase-weak", wizard)
    type_text(pp.first, PASS)
    type_text(pp.second, PASS + "x")
    yield 0.2
    walk.shot("wizard-3-passphrase-differ", wizard)
    type_text(pp.second, PASS)
    yield 0.2
    walk.shot("wizard-3-passphrase-ok", wizard)
    click(wizard.button(QWizard.WizardButton.CommitButton))
    yield lambda: wizard.currentId() == 3
    yield 0.5
    walk.shot("wizard-4-key", wizard)
    click(wizard.key_page.print_button)
    yield 1.5
    walk.shot("wizard-4-key-sheet", wizard)
    walk.log(f"key sheet: {wizard.key_page.sheet}")
    walk.state["key_sheet"] = wizard.key_page.sheet
    walk.state["workspace"] = wizard.created
    click(wizard.button(QWizard.WizardButton.FinishButton))
    yield lambda: main_window() is not None
    yield 1.0


def script(walk: Walk, parts: list[str]) -> Script:
    from pathlib import Path  # noqa: PLC0415

    walk.state = {}
    papers = Path.home() / "文档" / "活动资料"
    papers.mkdir(parents=True, exist_ok=True)
    photo = papers / "文体活动签到表.png"
    from PySide6.QtGui import QImage  # noqa: PLC0415

    image = QImage(200, 120, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    image.save(str(photo))
    walk.state["evidence_file"] = photo
    usb = Path.home() / "U盘"
    usb.mkdir(exist_ok=True)
    walk.state["usb"] = usb
    yield from wizard_part(walk)
    window = main_window()
    walk.state["window"] = window
    walk.log(f"   active before: {window.isActiveWindow()}")
    window.activateWindow()
    window.raise_()
    yield lambda: window.isActiveWindow()
    walk.log(f"   active after: {window.isActiveWindow()}")
    walk.shot("main-first", window)
    yield from unit_part(walk, window)
    yield from budget_part(walk, window)
    if "budget" in parts:
        later(window.close)
        return
    yield from targets_part(walk, window)
    yield from targets_signoff_part(walk, window)
    if "targets" in parts:
        later(window.close)
        return
    yield from monitoring_part(walk, window)
    if "monitoring" in parts:
        later(window.close)
        return
    yield from evaluation_part(walk, window)
    if "evaluation" in parts:
        later(window.close)
        return
    yield from submit_part(walk, window)
    if "submit" in parts:
        later(window.close)
        return
    yield from guidance_tour(walk, window)
    yield from new_year_part(walk, window)
    yield from excel_part(walk, window)
    yield from excel_import_part(walk, window)
    if "excel" in parts:
        later(window.close)
        return
    yield from restore_part(walk, window)
    later(window.close)
    yield 0.5
    return
    later(window.close)
    yield 0.5


def second_start(walk: Walk) -> Script:
    yield lambda: main_window() is not None
    yield 1.0
    window = main_window()
    walk.shot("second-start", window)
    later(window.close)


# -- table helpers ---------------------------------------------------------------------------------


def editor_in(view):
    from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit  # noqa: PLC0415

    found = [
        w
        for w in view.viewport().findChildren(QWidget)
        if w.isVisible() and isinstance(w, (QLineEdit, QComboBox, QDateEdit))
        and not isinstance(w.parent(), (QComboBox, QDateEdit))
    ]
    return found[0] if found else None


def edit_cell(walk: Walk, view, index, text, shot: str = "") -> Script:
    """Double-click-like editing of one cell: open its editor, type or pick, press Enter."""
    from PySide6.QtCore import QDate  # noqa: PLC0415
    from PySide6.QtWidgets import QComboBox, QDateEdit  # noqa: PLC0415

    view.scrollTo(index)
    view.setCurrentIndex(index)
    view.edit(index)
    yield 0.15
    editor = editor_in(view)
    if editor is None:
        walk.log(f"!! no editor for {index.row()},{index.column()} ({text!r})")
        return
    if isinstance(editor, QComboBox):
        found = editor.findText(text)
        if found < 0:
            walk.log(f"!! choice {text!r} not in {[editor.itemText(i) for i in range(editor.count())]}")
        editor.setCurrentIndex(max(found, 0))
    elif isinstance(editor, QDateEdit):
        y, m, d = (int(x) for x in text.split("-"))
        editor.setDate(QDate(y, m, d))
    else:
        type_text(editor, text)
    yield 0.1
    if shot:
        walk.shot(shot)
    key(editor, Qt.Key.Key_Return)
    yield 0.35


def row_where(model, column: int, text: str, parent=None) -> int:
    from PySide6.QtCore import QModelIndex  # noqa: PLC0415

    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        if str(model.index(row, column, parent).data() or "").strip() == text:
            return row
    raise LookupError(f"{text!r} not found")


def error_box_then_ok(walk: Walk, name: str) -> Script:
    """If a message box is up, photograph it and press its default button."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = modal()
    if isinstance(box, QMessageBox):
        walk.log(f"   message box: {box.windowTitle()!r}: {box.text()!r}")
        walk.shot(name, box)
        later(box.accept)
        yield 0.3


def go(window, number: int) -> Script:
    """Click a step in the navigator (1-based)."""
    nav = window.navigator
    rect = nav.visualItemRect(nav.item(number - 1))
    click(nav.viewport(), rect.center())
    yield 0.5


def unit_part(walk: Walk, window) -> Script:
    page = window.page(__import__("unionperf.domain.cycle", fromlist=["Step"]).Step.UNIT)
    view = page.view
    type_text(view.address, "福州市鼓楼区五四路100号")
    key(view.address, Qt.Key.Key_Tab)
    yield 0.3
    type_text(view.member_count, "86")
    key(view.member_count, Qt.Key.Key_Tab)
    yield 0.3
    type_text(view.staff_count, "90")
    key(view.staff_count, Qt.Key.Key_Tab)
    yield 0.5
    walk.shot("unit-profile", window)
    later(window.guidance.open_guidance)
    yield 0.5
    dialog = window.guidance.dialog
    walk.shot("unit-guidance", dialog)
    click(dialog.original_button)
    yield 0.4
    walk.shot("unit-guidance-regulation", dialog)
    later(dialog.close)
    yield 0.3


def budget_part(walk: Walk, window) -> Script:
    from unionperf.domain.cycle import Step  # noqa: PLC0415

    yield from go(window, 2)
    page = window.page(Step.BUDGET)
    walk.shot("budget-empty", window)
    table, model = page.budget_table, page.budget_model
    amounts = {
        "会费收入": "30000",
        "拨缴经费收入": "120000",
        "上级补助收入": "20000",
        "职工活动支出": "100000",
        "维权支出": "30000",
        "业务支出": "25000",
    }
    for name, value in amounts.items():
        row = row_where(model, 1, name)
        yield from edit_cell(walk, table, model.index(row, 3), value)
        yield from error_box_then_ok(walk, "budget-error")
    # letters typed into a number cell
    row = row_where(model, 1, "其他收入")
    table.setCurrentIndex(model.index(row, 3))
    table.edit(model.index(row, 3))
    yield 0.15
    editor = editor_in(table)
    type_text(editor, "5千")
    yield 0.3
    walk.shot("budget-letters-refused", window)
    key(editor, Qt.Key.Key_Escape)
    yield 0.3
    type_text(page.opening, "10000")
    key(page.opening, Qt.Key.Key_Tab)
    yield 0.5
    walk.shot("budget-by-category", window)
    # projects
    bar = page.tabs.tabBar()
    click(bar, bar.tabRect(1).center())
    yield 0.4
    walk.shot("budget-projects-empty", window)
    tab = page.projects
    click(tab.add_project_button)
    yield 0.6
    walk.shot("budget-project-added", window)
    # the user goes to unit-wide targets by clicking a problem, then comes back
    panel = window.problems
    model = panel.model
    row = next(r for r in range(model.rowCount()) if model.row(r).code.value == "T001")
    rect = panel.table.visualRect(model.index(row, 2))
    click(panel.table.viewport(), rect.center())
    yield 0.6
    walk.shot("problem-clicked-goes-to-targets", window)
    walk.log(f"   after the click: step {window.current_step()}")
    yield from go(window, 2)
    pm, pt = tab.project_model, tab.project_table
    from unionperf.ui.steps.budget.project_models import PROJECT_FIELDS  # noqa: PLC0415

    col = PROJECT_FIELDS.index
    row = pm.rowCount() - 1
    yield from edit_cell(walk, pt, pm.index(row, col("name")), "职工文体活动", "budget-project-typing-name")
    yield from edit_cell(walk, pt, pm.index(row, col("category_code")), "501 职工活动支出")
    # 项目负责人 left empty: a soft problem (需说明) explained at 报送
    yield from edit_cell(walk, pt, pm.index(row, col("initial")), "50000")
    yield from error_box_then_ok(walk, "budget-project-error")
    yield 0.5
    walk.shot("budget-project-filled", window)
    click(bar, bar.tabRect(2).center())
    yield 0.5
    walk.shot("budget-settings", window)
    click(bar, bar.tabRect(0).center())
    yield 0.3
    data = window.workspace.load_year(window.session.year)
    walk.log(f"   saved: opening={data.opening_balance} members={data.unit.member_count} "
             f"staff={data.unit.staff_count} address={data.unit.address!r} "
             f"projects={[(p.name, p.initial_budget, p.full_year_budget) for p in data.projects]}")


def tree_place(model, level1: str, level2: str):
    top = model.index(row_where(model, 0, level1, None), 0)
    for row in range(model.rowCount(top)):
        name = str(model.index(row, 0, top).data() or "")
        if name.startswith(level2):
            return model.index(row, 0, top)
    raise LookupError(level2)


def tree_rows(model) -> list[str]:
    from PySide6.QtCore import QModelIndex  # noqa: PLC0415

    out = []

    def walk_rows(parent, depth):
        for row in range(model.rowCount(parent)):
            cells = [str(model.index(row, c, parent).data() or "") for c in range(model.columnCount(parent))]
            out.append("  " * depth + " | ".join(cells))
            walk_rows(model.index(row, 0, parent), depth + 1)

    walk_rows(QModelIndex(), 0)
    return out


def pick_library(walk: Walk, page, level1, level2, rows: list[int], name: str) -> Script:
    from unionperf.ui.steps.targets.library_dialog import LibraryDialog  # noqa: PLC0415
    from PySide6.QtCore import QItemSelectionModel  # noqa: PLC0415

    place = tree_place(page.tree_model, level1, level2)
    page.tree.setCurrentIndex(place)
    yield 0.2
    click(page.library_button)
    yield modal_of(LibraryDialog)
    dialog = modal()
    yield 0.3
    selection = dialog.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            dialog.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    yield 0.2
    walk.shot(name, dialog)
    from PySide6.QtWidgets import QDialogButtonBox  # noqa: PLC0415

    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    yield no_modal
    yield 0.5


def set_indicator(walk: Walk, page, uid: str, column, text: str, shot: str = "") -> Script:
    index = page.tree_model.indicator_index(uid, column)
    yield from edit_cell(walk, page.tree, index, text, shot)
    yield from error_box_then_ok(walk, "targets-error")


def add_typed(walk: Walk, page, level1, level2, values: dict, shot: str = "") -> Script:
    from unionperf.ui.steps.targets.tree_nodes import TreeColumn  # noqa: PLC0415

    place = tree_place(page.tree_model, level1, level2)
    page.tree.setCurrentIndex(place)
    yield 0.2
    before = {i.uid for i in page.targets().indicators}
    click(page.add_button)
    yield 0.5
    [uid] = [i.uid for i in page.targets().indicators if i.uid not in before]
    editor = editor_in(page.tree)
    if editor is not None:  # the name cell opened for typing
        type_text(editor, values.pop("name"))
        yield 0.1
        if shot:
            walk.shot(shot)
        key(editor, Qt.Key.Key_Return)
        yield 0.4
    for column_name, text in values.items():
        yield from set_indicator(walk, page, uid, TreeColumn[column_name], text)
    return uid


def owner_indicators(page) -> list:
    return list(page.targets().indicators)


def targets_part(walk: Walk, window) -> Script:
    from unionperf.domain.cycle import Step  # noqa: PLC0415
    from unionperf.ui.steps.targets.tree_nodes import TreeColumn  # noqa: PLC0415

    yield from go(window, 3)
    page = window.page(Step.TARGETS)
    # unit as a whole (the problem clicked before showed the project: click 单位整体)
    row = page.owner_proxy.index_of("unit")
    click(page.owners.viewport(), page.owners.visualRect(row).center())
    yield 0.4
    walk.shot("targets-empty", window)
    page.annual_goal.setFocus()
    type_text(page.annual_goal, "围绕服务职工、建设职工之家，全年开展文体、教育、慰问活动，会员满意度不低于90%。", replace=False)
    key(page.annual_goal, Qt.Key.Key_Tab)
    yield 0.5
    yield from error_box_then_ok(walk, "targets-goal-error")
    yield from pick_library(walk, page, "产出指标", "数量指标", [0, 3], "targets-library-unit-quantity")
    walk.shot("targets-unit-after-library", window)
    yield from pick_library(walk, page, "效益指标", "社会效益指标", [5], "targets-library-unit-benefit")
    yield from pick_library(walk, page, "满意度指标", "服务对象满意度指标", [0], "targets-library-unit-satisfaction")
    points = {"产出指标": ["25", "25"], "效益指标": ["30"], "满意度指标": ["10"]}
    for indicator in owner_indicators(page):
        value = points[indicator.level1].pop(0)
        yield from set_indicator(walk, page, indicator.uid, TreeColumn.POINTS, value)
    yield 0.5
    walk.shot("targets-unit-done", window)
    walk.log("   unit tree:\n" + "\n".join(tree_rows(page.tree_model)))
    # the project
    data = window.session.data
    project = data.projects[0]
    page.select_owner(project.uid)
    yield 0.4
    walk.shot("targets-project-empty", window)
    page.annual_goal.setFocus()
    type_text(page.annual_goal, "全年举办职工文体活动不少于12场，职工参与率保持在60%～80%，参与职工满意度不低于90%。", replace=False)
    yield 0.2
    walk.shot("targets-project-goal-typed", window)
    walk.log(f"   focus: {QApplication.focusWidget()} text={page.annual_goal.toPlainText()!r}")
    key(page.annual_goal, Qt.Key.Key_Tab)
    yield 0.5
    walk.log(f"   focus after tab: {QApplication.focusWidget()}")
    saved = window.workspace.load_year(window.session.year).project(project.uid).targets.annual_goal
    walk.log(f"   project goal saved: {saved!r}")
    uid = yield from add_typed(
        walk, page, "产出指标", "数量指标",
        {"name": "举办职工文体活动场次", "TARGET": "12", "UNIT": "场", "POINTS": "25"},
        "targets-project-typing-name",
    )
    walk.shot("targets-project-typed-indicator", window)
    uid2 = yield from add_typed(
        walk, page, "产出指标", "质量指标",
        {"name": "职工参与率", "OPERATOR": "区间", "UNIT": "%", "POINTS": "25"},
    )
    index = page.tree_model.indicator_index(uid2, TreeColumn.TARGET)
    walk.log(f"   interval cell tooltip: {index.data(Qt.ItemDataRole.ToolTipRole)!r}")
    yield from set_indicator(walk, page, uid2, TreeColumn.TARGET, "80～60")
    yield 0.3
    walk.shot("targets-project-interval-wrong", window)
    walk.log(f"   after 80～60: target={window.session.data.project(project.uid).targets.indicators[-1].target}")
    yield from set_indicator(walk, page, uid2, TreeColumn.TARGET, "60～80", "targets-project-interval-typing")
    yield 0.3
    walk.shot("targets-project-interval", window)
    yield from pick_library(walk, page, "效益指标", "社会效益指标", [0], "targets-library-project-benefit")
    yield from pick_library(walk, page, "满意度指标", "服务对象满意度指标", [0], "targets-library-project-satisfaction")
    for indicator in owner_indicators(page):
        if indicator.level1 == "效益指标":
            yield from set_indicator(walk, page, indicator.uid, TreeColumn.POINTS, "30")
        elif indicator.level1 == "满意度指标":
            yield from set_indicator(walk, page, indicator.uid, TreeColumn.POINTS, "10")
    yield 0.5
    walk.shot("targets-project-done", window)
    walk.log("   project tree:\n" + "\n".join(tree_rows(page.tree_model)))
    walk.state["interval_uid"] = uid2
    walk.state["count_uid"] = uid


def sign_panel(walk: Walk, window, panel, name: str, order=("preparer", "audit_chair", "chair")) -> Script:
    from unionperf.domain.settings import SignoffRole  # noqa: PLC0415

    for role_value in order:
        role = SignoffRole(role_value)
        click(panel.rows[role].button)
        yield 0.6
        yield from error_box_then_ok(walk, f"{name}-{role_value}-message")
    yield 0.4
    walk.shot(name, window)
    walk.log(f"   signed: {[(r.value, row.state.text()) for r, row in panel.rows.items()]} lock={panel.lock_label.text()!r}")


def targets_signoff_part(walk: Walk, window) -> Script:
    from unionperf.domain.cycle import Step  # noqa: PLC0415

    page = window.page(Step.TARGETS)
    page.select_owner("unit")
    yield 0.3
    yield from sign_panel(walk, window, page.signoff, "targets-signed")


def monitoring_part(walk: Walk, window) -> Script:
    from PySide6.QtCore import QDate  # noqa: PLC0415
    from unionperf.domain.cycle import Step  # noqa: PLC0415
    from unionperf.ui.steps.monitoring.funds_models import OwnerColumn  # noqa: PLC0415
    from unionperf.ui.steps.monitoring.progress_models import IndicatorColumn  # noqa: PLC0415

    yield from go(window, 4)
    page = window.page(Step.MONITORING)
    walk.shot("monitoring-empty", window)
    page.new_cutoff.setFocus()
    page.new_cutoff.setDate(QDate(2026, 6, 30))
    yield 0.2
    click(page.add_point_button)
    yield 0.8
    yield from error_box_then_ok(walk, "monitoring-add-error")
    walk.shot("monitoring-point-added", window)
    model, table = page.owner_model, page.owner_table
    project = window.session.data.projects[0]
    row = model.row_of(project.uid)
    yield from edit_cell(walk, table, model.index(row, OwnerColumn.EXECUTED), "22000", "monitoring-typing-executed")
    yield from error_box_then_ok(walk, "monitoring-error")
    yield 0.5
    unit_row = model.row_of("unit")
    yield from edit_cell(walk, table, model.index(unit_row, OwnerColumn.EXECUTED), "70000")
    yield from error_box_then_ok(walk, "monitoring-error")
    walk.shot("monitoring-funds", window)
    # indicators tab for the project
    bar = page.tabs.tabBar()
    click(bar, bar.tabRect(1).center())
    yield 0.5
    walk.shot("monitoring-indicators-empty", window)
    pm, pt = page.progress_model, page.progress_table
    values = {"举办职工文体活动场次": "5", "职工参与率": "55", "会员参与覆盖率": "45", "参与职工满意度": "92",
              "发展新会员人数": "12", "会员（职工）满意度": "91"}
    reasons = {"职工参与率": ("人员保障", "上半年生产任务重，一线职工参加活动少", "有可能", "下半年错峰安排活动"),
               "会员参与覆盖率": ("其他", "大型活动集中在下半年", "确定能", "9月举办职工运动会")}

    def fill_indicators(shot_name):
        for r in range(pm.rowCount()):
            name = str(pm.index(r, IndicatorColumn.NAME).data() or "")
            if name in values:
                yield from edit_cell(walk, pt, pm.index(r, IndicatorColumn.ACTUAL), values[name])
                yield from error_box_then_ok(walk, "monitoring-indicator-error")
        yield 0.4
        walk.shot(shot_name, window)
        for r in range(pm.rowCount()):
            name = str(pm.index(r, IndicatorColumn.NAME).data() or "")
            light = str(pm.index(r, IndicatorColumn.LIGHT).data() or "")
            if light in ("红", "黄") and name in reasons:
                category, why, likely, measure = reasons[name]
                yield from edit_cell(walk, pt, pm.index(r, IndicatorColumn.REASON), category, f"monitoring-reason-choice")
                yield from edit_cell(walk, pt, pm.index(r, IndicatorColumn.REASON_TEXT), why)
                yield from edit_cell(walk, pt, pm.index(r, IndicatorColumn.LIKELIHOOD), likely)
                yield from edit_cell(walk, pt, pm.index(r, IndicatorColumn.MEASURE), measure)
                yield from error_box_then_ok(walk, "monitoring-reason-error")
            elif light in ("红", "黄"):
                walk.log(f"   light {light} for {name} with no reason planned")

    page.owner_picker.setCurrentIndex(model.row_of(project.uid))
    yield 0.5
    yield from fill_indicators("monitoring-indicators-project")
    yield 0.4
    walk.shot("monitoring-indicators-explained", window)
    page.owner_picker.setCurrentIndex(unit_row)
    yield 0.5
    yield from fill_indicators("monitoring-indicators-unit")
    yield 0.4
    walk.shot("monitoring-indicators-unit-explained", window)
    click(bar, bar.tabRect(2).center())
    yield 0.6
    walk.shot("monitoring-chart", window)
    click(bar, bar.tabRect(3).center())
    yield 0.6
    walk.shot("monitoring-signoff-tab", window)
    yield from sign_panel(walk, window, page.signoff, "monitoring-signed")
    walk.log(f"   tab text: {bar.tabText(3)!r}; navigator: {window.navigator.item(3).text()!r}")


def file_dialog_pick(walk: Walk, path, name: str) -> Script:
    """Answer Qt's own file dialog as a user does: type the file name, press 打开/选择."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit  # noqa: PLC0415

    yield modal_of(QFileDialog)
    dialog = modal()
    yield 0.5
    walk.shot(name, dialog)
    walk.log(f"   file dialog starts in {dialog.directory().absolutePath()!r}")
    dialog.setDirectory(str(path.parent) if not path.is_dir() else str(path.parent))
    yield 0.3
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    type_text(edit, path.name)
    yield 0.3
    walk.shot(name + "-typed", dialog)
    later(dialog.accept)
    yield lambda: not isinstance(modal(), QFileDialog)
    yield 0.4


def save_dialog_pick(walk: Walk, folder, name: str) -> Script:
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

    yield modal_of(QFileDialog)
    dialog = modal()
    yield 0.5
    walk.shot(name, dialog)
    walk.log(f"   save dialog starts in {dialog.directory().absolutePath()!r}; "
             f"suggested {dialog.selectedFiles()!r}")
    dialog.setDirectory(str(folder))
    yield 0.3
    later(dialog.accept)
    yield lambda: not isinstance(modal(), QFileDialog)
    yield 0.4


def evaluation_part(walk: Walk, window) -> Script:
    from unionperf.domain.cycle import Step  # noqa: PLC0415
    from unionperf.ui.steps.evaluation.indicator_models import INDICATOR_FIELDS  # noqa: PLC0415
    from unionperf.ui.steps.evaluation.funds_models import FUNDS_FIELDS  # noqa: PLC0415

    yield from go(window, 5)
    page = window.page(Step.EVALUATION)
    walk.shot("evaluation-first", window)
    project = window.session.data.projects[0]
    actual = INDICATOR_FIELDS.index("actual")
    deviation = INDICATOR_FIELDS.index("deviation")
    improvement = INDICATOR_FIELDS.index("improvement")

    def pick_owner(uid):
        row = page.owners.find(uid)
        index = page.owners.index(row, 0)
        rect = page.owner_view.visualRect(index)
        click(page.owner_view.viewport(), rect.center())

    def indicators(values, reasons, prefix):
        model, view = page.indicators, page.indicator_view
        for r in range(model.rowCount()):
            name = str(model.index(r, 2).data() or "")
            if name in values:
                yield from edit_cell(walk, view, model.index(r, actual), values[name])
                yield from error_box_then_ok(walk, prefix + "-error")
        yield 0.4
        walk.shot(prefix + "-actuals", window)
        for r in range(model.rowCount()):
            name = str(model.index(r, 2).data() or "")
            if name in reasons:
                view.setCurrentIndex(model.index(r, 7))
                yield 0.3
                walk.shot(prefix + "-working", window)
                walk.log(f"   working pane: {page.working.text()!r}" if hasattr(page.working, "text") else "")
                yield from edit_cell(walk, view, model.index(r, deviation), reasons[name][0])
                yield from edit_cell(walk, view, model.index(r, improvement), reasons[name][1])
        yield 0.4
        walk.shot(prefix + "-explained", window)

    def funds(values, prefix):
        tabs = page.tabs
        tabs.setCurrentWidget(page.funds_page)
        yield 0.4
        walk.shot(prefix + "-funds-empty", window)
        model, table = page.funds_model, page.funds_table
        col = FUNDS_FIELDS.index("executed")
        for r in range(model.rowCount()):
            label = str(model.index(r, 0).data() or "")
            for key, value in values.items():
                if key in label:
                    yield from edit_cell(walk, table, model.index(r, col), value)
                    yield from error_box_then_ok(walk, prefix + "-funds-error")
        yield 0.4
        walk.shot(prefix + "-funds", window)

    def texts(achieved, application, analysis, prefix):
        page.tabs.setCurrentWidget(page.funds_page)
        yield 0.2
        box = page.text_boxes["execution_analysis"]
        box.setFocus()
        type_text(box, analysis, replace=False)
        key(box, Qt.Key.Key_Tab)
        yield 0.4
        page.tabs.setCurrentWidget(page.texts_page)
        yield 0.3
        for field, text in (("achieved_text", achieved), ("result_application", application)):
            box = page.text_boxes[field]
            box.setFocus()
            type_text(box, text, replace=False)
            key(box, Qt.Key.Key_Tab)
            yield 0.4
        walk.shot(prefix + "-texts", window)
        page.tabs.setCurrentWidget(page.indicator_page)
        yield 0.3

    # the project
    pick_owner(project.uid)
    yield 0.5
    walk.shot("evaluation-project-empty", window)
    yield from indicators(
        {"举办职工文体活动场次": "14", "职工参与率": "72", "会员参与覆盖率": "76", "参与职工满意度": "93"},
        {"会员参与覆盖率": ("部分车间倒班，参加活动的会员少于计划", "明年按班次分场次举办活动")},
        "evaluation-project",
    )
    yield from funds({"本级": "48000"}, "evaluation-project")
    yield from texts("全年举办文体活动14场，职工参与率72%，满意度93%。",
                     "评价结果用于编制下年度文体活动预算，覆盖率偏低的问题列入整改。",
                     "执行48,000元，执行率96%，结余用于下年度。", "evaluation-project")
    # the unit as a whole
    pick_owner("unit")
    yield 0.5
    walk.shot("evaluation-unit-empty", window)
    yield from indicators(
        {"发展新会员人数": "22", "举办职工文体活动场次": "14", "会员参与覆盖率": "85", "会员（职工）满意度": "91"},
        {},
        "evaluation-unit",
    )
    yield from funds({"职工活动": "96000", "维权": "29000", "业务": "24000"}, "evaluation-unit")
    yield from texts("全年完成各项工作目标，会员满意度91%。", "评价结果在职代会上通报，用于下年度预算安排。",
                     "全年支出149,000元，执行率96.1%。", "evaluation-unit")
    # evidence
    page.tabs.setCurrentIndex(3)
    yield 0.4
    walk.shot("evaluation-evidence-empty", window)
    click(page.attach_button)
    yield from file_dialog_pick(walk, walk.state["evidence_file"], "evaluation-evidence-dialog")
    yield from error_box_then_ok(walk, "evaluation-evidence-error")
    yield 0.5
    walk.shot("evaluation-evidence", window)
    # charts
    page.tabs.setCurrentWidget(page.charts_page)
    yield 0.6
    walk.shot("evaluation-chart-scores", window)
    click(page.charts_page.grade_button)
    yield 0.6
    walk.shot("evaluation-chart-grades", window)
    # sign-off
    page.tabs.setCurrentWidget(page.signoff)
    yield 0.5
    walk.shot("evaluation-signoff-tab", window)
    yield from sign_panel(walk, window, page.signoff, "evaluation-signed")


def answer_input(walk: Walk, text: str, name: str) -> Script:
    from PySide6.QtWidgets import QInputDialog, QLineEdit  # noqa: PLC0415

    yield modal_of(QInputDialog)
    dialog = modal()
    yield 0.3
    walk.log(f"   input dialog {dialog.windowTitle()!r}: {dialog.labelText()!r}")
    edit = dialog.findChild(QLineEdit)
    type_text(edit, text)
    yield 0.2
    walk.shot(name, dialog)
    later(dialog.accept)
    yield 0.3


def explain_soft(walk: Walk, window, page, prefix: str) -> Script:
    from PySide6.QtWidgets import QInputDialog, QPlainTextEdit  # noqa: PLC0415
    from unionperf.ui.steps.submit.models import CheckGroup  # noqa: PLC0415

    rows = [r for r, item in enumerate(page.items) if item.group is CheckGroup.SOFT]
    if not rows:
        return
    page.checklist_view.selectRow(rows[0])
    yield 0.3
    walk.shot(prefix + "-soft-selected", window)
    click(page.explain_button)
    yield modal_of(QInputDialog)
    dialog = modal()
    yield 0.3
    walk.log(f"   explain dialog: {dialog.labelText()!r}")
    box = dialog.findChild(QPlainTextEdit)
    type_text(box, "项目由工会办公室集体负责，未指定个人。", replace=False)
    yield 0.2
    walk.shot(prefix + "-explain-dialog", dialog)
    later(dialog.accept)
    yield no_modal
    yield 0.5
    walk.shot(prefix + "-explained", window)


def export_stage(walk: Walk, window, page, stage: str, passphrases: list[str], prefix: str) -> Script:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    page.set_stage(stage)
    yield 0.5
    walk.shot(prefix + "-checklist", window)
    yield from explain_soft(walk, window, page, prefix)
    click(page.export_button)
    yield 0.3
    yield from error_box_then_ok(walk, prefix + "-refused")
    yield from save_dialog_pick(walk, walk.state["usb"], prefix + "-folder-dialog")
    for number, phrase in enumerate(passphrases):
        yield from answer_input(walk, phrase, f"{prefix}-passphrase-{number + 1}")
        yield lambda: page.export_button.isEnabled() or modal() is not None
        yield 0.5
        box = modal()
        if isinstance(box, QMessageBox):
            yield from error_box_then_ok(walk, prefix + "-export-error")
    yield lambda: page.export_button.isEnabled()
    yield 0.6
    walk.shot(prefix + "-written", window)
    walk.log(f"   written: {page.written.text()!r}")


def submit_part(walk: Walk, window) -> Script:
    from unionperf.domain.cycle import Step  # noqa: PLC0415

    yield from go(window, 6)
    page = window.page(Step.SUBMIT)
    walk.shot("submit-first", window)
    stages = [page.stage_combo.itemData(i) for i in range(page.stage_combo.count())]
    walk.log(f"   stages: {stages} labels={[page.stage_combo.itemText(i) for i in range(page.stage_combo.count())]}")
    yield from export_stage(walk, window, page, "targets", ["wrong-pass-123", PASS], "submit-targets")
    monitoring = next(s for s in stages if s.startswith("monitoring"))
    yield from export_stage(walk, window, page, monitoring, [PASS], "submit-monitoring")
    evaluation = stages[-1]
    yield from export_stage(walk, window, page, evaluation, [PASS], "submit-evaluation")
    click(page.cover_button)
    yield 1.5
    yield from error_box_then_ok(walk, "submit-cover-written")
    walk.log("   files: " + ", ".join(sorted(p.name for p in walk.state["usb"].iterdir())))
    page.tabs.setCurrentIndex(1)
    yield 0.4
    walk.shot("submit-log", window)
    page.tabs.setCurrentIndex(2)
    yield 0.4
    walk.shot("submit-feedback-tab", window)
    page.tabs.setCurrentIndex(0)
    yield 0.3


def guidance_tour(walk: Walk, window) -> Script:
    """F1 on each step: the guidance window follows the step."""
    for number, name in ((2, "budget"), (3, "targets"), (4, "monitoring"), (5, "evaluation"), (6, "submit")):
        yield from go(window, number)
        later(window.guidance_action.trigger)
        yield 0.5
        dialog = window.guidance.dialog
        walk.shot(f"guidance-{number}-{name}", dialog)
        later(dialog.close)
        yield 0.3


def new_year_part(walk: Walk, window) -> Script:
    from unionperf.ui.new_year_dialog import NewYearDialog  # noqa: PLC0415

    menu = window.file_menu
    walk.log("   文件 menu: " + " | ".join(a.text() for a in menu.actions()))
    later(window.add_year_action.trigger)
    yield lambda: any(isinstance(w, NewYearDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewYearDialog) and w.isVisible())
    yield 0.4
    walk.shot("new-year-dialog", dialog)
    walk.log(f"   new year: {dialog.chosen()} preview={dialog.preview.text()!r}")
    listed = dialog.ended
    walk.log("   ended projects: " + " | ".join(listed.item(r).text() for r in range(listed.count())))
    if listed.count():  # the yearly project runs again: tick it (click, space bar)
        click(listed.viewport(), listed.visualItemRect(listed.item(0)).center())
        key(listed, Qt.Key.Key_Space)
        yield 0.4
        walk.shot("new-year-dialog-renew", dialog)
        walk.log(f"   renewal: {dialog.renewal()} preview={dialog.preview.text()!r}")
    click(dialog.ok)
    yield lambda: window.session.year == 2027
    yield 1.0
    walk.shot("new-year-2027-unit", window)
    for number, name in ((2, "budget"), (3, "targets"), (4, "monitoring"), (5, "evaluation"), (6, "submit")):
        yield from go(window, number)
        walk.shot(f"new-year-2027-{number}-{name}", window)
    from unionperf.domain.cycle import Step  # noqa: PLC0415

    page = window.page(Step.BUDGET)
    bar = page.tabs.tabBar()
    yield from go(window, 2)
    click(bar, bar.tabRect(1).center())
    yield 0.4
    walk.shot("new-year-2027-projects", window)
    backups = sorted(path.name for path in window.workspace.paths.backups.glob("*.sqlite"))
    walk.log("   backups: " + " | ".join(backups))
    click(bar, bar.tabRect(0).center())
    yield 0.3


def excel_part(walk: Walk, window) -> Script:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    folder = walk.state["usb"]
    later(window.fillin.export_action.trigger)
    yield from save_dialog_pick(walk, folder, "excel-export-dialog")
    yield lambda: isinstance(modal(), QMessageBox)
    yield 0.3
    yield from error_box_then_ok(walk, "excel-exported")
    books = sorted(folder.glob("*填报表*.xlsx"))
    walk.log(f"   workbooks: {[b.name for b in books]}")
    book = books[-1]
    import openpyxl  # noqa: PLC0415

    wb = openpyxl.load_workbook(book)
    for sheet in wb.worksheets:
        walk.log(f"   sheet {sheet.title!r} {sheet.max_row}x{sheet.max_column}")
        for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 14), values_only=True):
            walk.log("      " + " | ".join("" if v is None else str(v) for v in row))
    walk.state["workbook"] = book


def excel_import_part(walk: Walk, window) -> Script:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415
    from unionperf.ui.fillin_actions import ImportProblemsDialog  # noqa: PLC0415
    import openpyxl  # noqa: PLC0415

    book = walk.state["workbook"]
    wb = openpyxl.load_workbook(book)
    sheet = wb["预算"]
    sheet["B1"] = 11000
    for row in sheet.iter_rows(min_row=5):
        if row[0].value == "401":
            row[3].value = "三万二"  # a typo the way people type in WPS
    wb.save(book)
    later(window.fillin.import_action.trigger)
    yield from file_dialog_pick(walk, book, "excel-import-dialog")
    yield lambda: any(isinstance(w, ImportProblemsDialog) and w.isVisible() for w in QApplication.topLevelWidgets()) or isinstance(modal(), QMessageBox)
    yield 0.5
    problems = window.fillin.problems_dialog
    if problems is not None and problems.isVisible():
        walk.log(f"   import refused: {problems.rows()}")
        walk.shot("excel-import-refused", problems)
        later(problems.close)
        yield 0.3
    yield from error_box_then_ok(walk, "excel-import-message")
    wb = openpyxl.load_workbook(book)
    sheet = wb["预算"]
    for row in sheet.iter_rows(min_row=5):
        if row[0].value == "401":
            row[3].value = 32000
    wb.save(book)
    later(window.fillin.import_action.trigger)
    yield from file_dialog_pick(walk, book, "excel-import-dialog-again")
    yield lambda: isinstance(modal(), QMessageBox)
    yield 0.3
    yield from error_box_then_ok(walk, "excel-imported")
    yield 0.5
    walk.shot("excel-imported-budget", window)
    data = window.session.data
    walk.log(f"   after import: opening={data.opening_balance} 401={[l.budget for l in data.budget if l.category_code == '401']}")


def restore_part(walk: Walk, window) -> Script:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415
    from unionperf.ui.restore_dialog import RestoreDialog  # noqa: PLC0415

    later(window.backup_action.trigger)
    yield 0.8
    walk.shot("backup-now", window)
    later(window.restore_action.trigger)
    yield lambda: any(isinstance(w, RestoreDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RestoreDialog) and w.isVisible())
    yield 0.6
    walk.shot("restore-dialog", dialog)
    walk.log(f"   backups listed: {dialog.table.rowCount()}")
    for r in range(min(dialog.table.rowCount(), 8)):
        walk.log("      " + " | ".join((dialog.table.item(r, c).text() if dialog.table.item(r, c) else "") for c in range(dialog.table.columnCount())))
    # the user picks the manual backup taken a moment ago and restores it
    dialog.table.selectRow(next(r for r, e in enumerate(dialog.entries) if e.reason == "manual"))
    yield 0.3
    walk.shot("restore-dialog-selected", dialog)
    click(dialog.restore_button)
    yield lambda: isinstance(modal(), QMessageBox)
    box = modal()
    yield 0.3
    walk.log(f"   confirm: {box.text()!r}")
    walk.shot("restore-confirm", box)
    restore = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    click(restore)
    yield 2.0
    yield from error_box_then_ok(walk, "restore-message")
    walk.shot("restore-done", window)
    walk.shot("restore-after", window)
    walk.log(f"   years after restore: {window.workspace.years()}; status: {window.statusBar().currentMessage()!r}")
