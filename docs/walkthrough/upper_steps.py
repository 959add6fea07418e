"""The upper-level walk: what the finance officer does, page by page, with a screenshot of each."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWizard

from driver import Script, Walk, click, later, modal, type_text

UPPER_CODE = "91350100M000100Y43"
UPPER_NAME = "福州市鼓楼区总工会"
PASS = "Shangji2026!区总"


def answer_pickers(prep: Path) -> None:
    """Replace the file and folder pickers and the passphrase box by the walk's answers."""
    from unionperf.ui.upper.aggregate import page as aggregate_page  # noqa: PLC0415
    from unionperf.ui.upper.params import page as params_page  # noqa: PLC0415
    from unionperf.ui.upper.receive import page as receive_page  # noqa: PLC0415
    from unionperf.ui.upper.register import dialogs as register_dialogs  # noqa: PLC0415
    from unionperf.ui.upper.review import page as review_page  # noqa: PLC0415

    usb = Path.home() / "U盘"
    receive_page.choose_package_folder = lambda _parent: prep / "U盘"
    register_dialogs.choose_key_file = lambda _parent: prep / "unit" / "华东精密机械工会.pub"
    review_page.choose_feedback_folder = lambda _parent: usb / "反馈"
    review_page.ask_upper_passphrase = lambda _parent, _problem="": PASS
    params_page.choose_params_folder = lambda _parent, _title: usb / "参数包"
    params_page.ask_upper_passphrase = lambda _parent, _problem="": PASS
    aggregate_page.choose_notice_folder = lambda _parent: usb / "通报"
    for module in (aggregate_page, params_page, review_page):
        if hasattr(module, "open_file"):
            module.open_file = lambda _path: True


def upper_window():
    from unionperf.ui.upper.window import UpperWindow  # noqa: PLC0415

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, UpperWindow) and widget.isVisible():
            return widget
    return None


def look(walk: Walk, name: str, widget=None) -> None:
    """A screenshot, and the labels cut off on it."""
    walk.shot(name, widget)
    for cut in walk.clipped_labels():
        walk.log(f"   CLIPPED {cut}")


def nav(window, step) -> None:
    from unionperf.ui.upper.window import STEPS  # noqa: PLC0415

    later(lambda: window.navigator.setCurrentRow(STEPS.index(step)))


def tabs_of(walk: Walk, tabs, name: str) -> Script:
    for index in range(tabs.count()):
        later(lambda index=index: tabs.setCurrentIndex(index))
        yield 0.6
        look(walk, f"{name}-tab{index + 1}")
    later(lambda: tabs.setCurrentIndex(0))
    yield 0.3


# -- the demo upper workspace -------------------------------------------------------------------


def demo_walk(walk: Walk, prep: Path) -> Script:
    from unionperf.ui.upper.steps import UpperStep  # noqa: PLC0415

    yield lambda: upper_window() is not None
    yield 1.5
    window = upper_window()
    window.activateWindow()
    look(walk, "demo-first", window)
    for step in UpperStep:
        nav(window, step)
        yield 1.0
        page = window.page(step)
        look(walk, f"demo-{step.value}")
        tabs = getattr(page, "tabs", None)
        if step is UpperStep.REVIEW:
            later(lambda page=page: page.units_view.selectRow(0))
            yield 1.0
            look(walk, "demo-review-unit")
            later(lambda page=page: page.tree.setCurrentIndex(page.tree_model.index(0, 0)))
            yield 0.5
        if tabs is not None:
            yield from tabs_of(walk, tabs, f"demo-{step.value}")
    later(window.close)
    yield 0.5


# -- an empty upper workspace, the season from the first start ----------------------------------


def empty_walk(walk: Walk, prep: Path) -> Script:
    yield from wizard(walk)
    yield lambda: upper_window() is not None
    yield 1.5
    window = upper_window()
    window.activateWindow()
    look(walk, "new-first", window)
    from unionperf.ui.upper.steps import UpperStep  # noqa: PLC0415

    for step in UpperStep:  # every page empty: does each say what to do?
        nav(window, step)
        yield 0.8
        look(walk, f"new-empty-{step.value}")
    yield from register(walk, window, prep)
    yield from receive(walk, window)
    yield from board(walk, window)
    yield from review(walk, window)
    yield from aggregate(walk, window)
    yield from params(walk, window)
    later(window.close)
    yield 0.5


def wizard(walk: Walk) -> Script:
    from unionperf.ui.first_run import FirstRunWizard  # noqa: PLC0415

    yield lambda: isinstance(modal(), FirstRunWizard)
    wizard: FirstRunWizard = modal()  # type: ignore[assignment]
    yield 0.5
    page = wizard.workspace_page
    click(page.upper_radio)
    yield 0.3
    look(walk, "wizard-1-upper", wizard)
    click(wizard.button(QWizard.WizardButton.NextButton))
    yield 0.3
    unit = wizard.unit_page
    look(walk, "wizard-2-unit-empty", wizard)
    type_text(unit.name, UPPER_NAME)
    type_text(unit.credit_code, UPPER_CODE.lower())
    yield 0.3
    look(walk, "wizard-2-unit-filled", wizard)
    click(wizard.button(QWizard.WizardButton.NextButton))
    yield 0.3
    phrase = wizard.passphrase_page
    type_text(phrase.first, PASS)
    type_text(phrase.second, PASS)
    yield 0.3
    look(walk, "wizard-3-passphrase", wizard)
    click(wizard.button(QWizard.WizardButton.CommitButton))
    yield lambda: wizard.currentId() == 3
    yield 0.5
    look(walk, "wizard-4-key", wizard)
    click(wizard.button(QWizard.WizardButton.FinishButton))


def register(walk: Walk, window, prep: Path) -> Script:
    from unionperf.ui.upper.steps import UpperStep  # noqa: PLC0415

    nav(window, UpperStep.REGISTER)
    yield 0.5
    page = window.page(UpperStep.REGISTER)
    click(page.add_button)
    yield lambda: page.dialog is not None and page.dialog.isVisible()
    dialog = page.dialog
    yield 0.3
    look(walk, "register-dialog-empty", dialog)
    key_id = (prep / "key-id.txt").read_text(encoding="utf-8").strip()
    type_text(dialog.code, (prep / "unit-code.txt").read_text(encoding="utf-8").strip())
    type_text(dialog.name, "华东精密机械有限公司工会委员会")
    type_text(dialog.contact, "周会计 021-55550101")
    from PySide6.QtWidgets import QPushButton  # noqa: PLC0415

    click(dialog.findChild(QPushButton, "chooseKeyFile"))
    yield 0.3
    type_text(dialog.key_id, "AB84 86A0 2EE6 0000")  # misread off the paper sheet
    yield 0.5
    look(walk, "register-dialog-wrong-id", dialog)
    click(dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    yield 0.5
    look(walk, "register-dialog-wrong-id-ok", dialog)
    type_text(dialog.key_id, key_id)
    yield 0.5
    look(walk, "register-dialog-right-id", dialog)
    click(dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    yield lambda: page.dialog is None or not dialog.isVisible()
    yield 0.5
    look(walk, "register-done")


def receive(walk: Walk, window) -> Script:
    from unionperf.ui.upper.steps import UpperStep  # noqa: PLC0415

    nav(window, UpperStep.RECEIVE)
    yield 0.5
    page = window.page(UpperStep.RECEIVE)
    click(page.folder_button)
    yield lambda: page.job is None and page.results.rowCount() > 0
    yield 0.8
    look(walk, "receive-done")
    click(page.folder_button)  # the same stick again: already received
    yield 1.5
    yield lambda: page.job is None
    yield 0.5
    look(walk, "receive-again")


def board(walk: Walk, window) -> Script:
    from unionperf.ui.upper.steps import UpperStep  # noqa: PLC0415

    nav(window, UpperStep.BOARD)
    yield 0.8
    look(walk, "board-after-receive")
    walk.log(f"   toolbar: year {window.year.currentText()!r} stage {window.stage.currentText()!r}")
    page = window.page(UpperStep.BOARD)
    click(page.set_button)
    yield 0.8
    look(walk, "board-deadline-set")


def review(walk: Walk, window) -> Script:
    from unionperf.ui.upper.steps import UpperStep  # noqa: PLC0415

    stage = window.stage.findData("self-evaluation")
    if stage >= 0:
        later(lambda: window.stage.setCurrentIndex(stage))
        yield 0.8
    nav(window, UpperStep.REVIEW)
    yield 0.8
    page = window.page(UpperStep.REVIEW)
    look(walk, "review-no-unit")
    later(lambda: page.units_view.selectRow(0))
    yield 1.0
    look(walk, "review-unit")
    tree = page.tree
    model = page.tree_model
    later(lambda: tree.expandAll())
    yield 0.3
    later(lambda: tree.setCurrentIndex(model.index(0, 0)))  # 整体: the stage as a whole
    yield 0.5
    look(walk, "review-item")
    page.opinion.setFocus()
    type_text(page.opinion, "该项目执行率偏低，请补充说明原因及佐证材料。")
    click(page.add_opinion_button)
    yield 0.5
    click(page.send_back)
    yield 0.3
    look(walk, "review-return-no-reason")
    click(page.write_button)
    yield 0.5
    look(walk, "review-return-refused")
    type_text(page.summary, "请补充项目执行情况说明后重新报送。")
    yield 0.3
    click(page.write_button)
    yield lambda: page.job is None and page.last_written is not None
    yield 0.8
    look(walk, "review-returned")
    later(lambda: page.tabs.setCurrentIndex(page.tabs.count() - 1))
    yield 0.6
    look(walk, "review-history")
    later(lambda: page.tabs.setCurrentIndex(0))
    nav(window, UpperStep.BOARD)
    yield 0.8
    look(walk, "board-after-return")


def aggregate(walk: Walk, window) -> Script:
    from unionperf.ui.upper.steps import UpperStep  # noqa: PLC0415

    nav(window, UpperStep.AGGREGATE)
    yield 1.0
    page = window.page(UpperStep.AGGREGATE)
    look(walk, "aggregate")
    yield from tabs_of(walk, page.tabs, "aggregate")


def params(walk: Walk, window) -> Script:
    from unionperf.ui.upper.steps import UpperStep  # noqa: PLC0415

    nav(window, UpperStep.PARAMS)
    yield 0.8
    page = window.page(UpperStep.PARAMS)
    look(walk, "params-empty")
    tab = page.library_tab
    click(tab.add_button)
    yield lambda: tab.dialog is not None and tab.dialog.isVisible()
    dialog = tab.dialog
    yield 0.3
    look(walk, "params-entry-new", dialog)
    type_text(dialog.name, "职工志愿服务时长")
    type_text(dialog.target, "2百")
    type_text(dialog.unit, "小时")
    click(dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    yield 0.4
    look(walk, "params-entry-bad-number", dialog)
    type_text(dialog.target, "200")
    click(dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    yield lambda: not dialog.isVisible()
    yield 0.5
    look(walk, "params-entry-added")
    later(lambda: page.tabs.setCurrentWidget(page.deadlines_tab))
    yield 0.5
    look(walk, "params-deadlines-empty")
    click(page.deadlines_tab.add_button)
    yield lambda: page.deadlines_tab.dialog is not None
    yield 0.4
    look(walk, "params-deadline-new", page.deadlines_tab.dialog)
    deadline = page.deadlines_tab.dialog
    click(deadline.buttons.button(deadline.buttons.StandardButton.Ok))
    yield 0.6
    look(walk, "params-deadline-added")
    later(lambda: page.tabs.setCurrentIndex(1))
    yield 0.5
    look(walk, "params-settings")
    later(lambda: page.tabs.setCurrentIndex(0))
    type_text(page.note, "请于下一年度起使用新增的志愿服务时长指标")
    click(page.export_button)
    yield lambda: page.job is None and page.last_export is not None
    yield 0.8
    look(walk, "params-written")
    later(lambda: page.tabs.setCurrentIndex(page.tabs.count() - 1))
    yield 0.5
    look(walk, "params-sent")
