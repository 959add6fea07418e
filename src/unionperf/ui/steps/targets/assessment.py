"""事前绩效评估 in the targets step: a line over a project's goals and the assessment dialog.

For a project that needs an ex-ante assessment (new, budget at or above the rule setting) or
holds one, the line says where it stands — missing, incomplete, 通过, 调整后通过 or 不予通过 —
and 事前绩效评估… opens the dialog with the record's fields. Saving goes through the session, so
it can be undone; the targets cannot be signed off until the record is complete and positive
(rules A001–A003), which the sign-off panel and the problem list say.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from unionperf.domain.assessment import (
    ASSESSMENT_FIELDS,
    ASSESSMENT_ITEM,
    CONCLUSION_LABELS,
    Conclusion,
    ExAnteAssessment,
    missing_fields,
)
from unionperf.domain.budget import UNIT_OWNER, Project
from unionperf.domain.money import format_money
from unionperf.domain.year import YearData
from unionperf.services.cycle.assessment import major_projects
from unionperf.ui.year_session import YearSession

__all__ = ["ASSESSMENT_ITEM", "AssessmentBar", "AssessmentDialog", "edit_assessment", "status_text"]

_TEXTS = ("necessity", "feasibility", "expected_performance", "funding_soundness", "risks")
_NO_DATE = QDate(2000, 1, 1)
"""The date edit's minimum, shown as blank (评估日期 not given)."""


def status_text(data: YearData, project: Project) -> str:
    """Where the project's assessment stands, in one line (empty: not a major project)."""
    found = next((item for item in major_projects(data) if item.project.uid == project.uid), None)
    if found is None:
        return ""
    if found.assessment is None:
        return QCoreApplication.translate(
            "AssessmentBar",
            "Ex-ante assessment: the project's budget of {budget} yuan reaches the threshold of"
            " {threshold} yuan; none is recorded yet (needed before the sign-off)",
        ).format(
            budget=format_money(found.budget),
            threshold=format_money(data.settings.assessment_threshold),
        )
    held = found.assessment
    missing = missing_fields(held)
    if missing:
        names = "、".join(ASSESSMENT_FIELDS[name] for name in missing)
        return QCoreApplication.translate(
            "AssessmentBar", "Ex-ante assessment: still to fill in: {names}"
        ).format(names=names)
    assert held.conclusion is not None  # complete
    word = CONCLUSION_LABELS[held.conclusion]
    if not held.positive:
        return QCoreApplication.translate(
            "AssessmentBar",
            "Ex-ante assessment: concluded “{word}”: the project's targets cannot be signed off",
        ).format(word=word)
    return QCoreApplication.translate(
        "AssessmentBar", "Ex-ante assessment: {word} ({assessor}, {date})"
    ).format(word=word, assessor=held.assessor, date=held.assessed_on)


class AssessmentDialog(QDialog):
    """The fields of one project's ex-ante assessment."""

    def __init__(self, project: Project, held: ExAnteAssessment, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ex-ante assessment — {name}").format(name=project.name))
        self.held = held
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.texts: dict[str, QPlainTextEdit] = {}
        line = self.fontMetrics().lineSpacing()
        for name in _TEXTS:
            edit = QPlainTextEdit(getattr(held, name))
            edit.setObjectName(f"assessment_{name}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(line * 4 + 12)
            self.texts[name] = edit
            form.addRow(ASSESSMENT_FIELDS[name], edit)
        self.conclusion = QComboBox()
        self.conclusion.setObjectName("assessment_conclusion")
        self.conclusion.addItem(self.tr("(no conclusion yet)"), None)
        for kind, label in CONCLUSION_LABELS.items():
            self.conclusion.addItem(label, kind.value)
        if held.conclusion is not None:
            self.conclusion.setCurrentIndex(self.conclusion.findData(held.conclusion.value))
        form.addRow(ASSESSMENT_FIELDS["conclusion"], self.conclusion)
        self.assessor = QLineEdit(held.assessor)
        self.assessor.setObjectName("assessment_assessor")
        form.addRow(ASSESSMENT_FIELDS["assessor"], self.assessor)
        self.assessed_on = QDateEdit()
        self.assessed_on.setObjectName("assessment_assessed_on")
        self.assessed_on.setDisplayFormat("yyyy-MM-dd")
        self.assessed_on.setCalendarPopup(True)
        self.assessed_on.setMinimumDate(_NO_DATE)
        self.assessed_on.setSpecialValueText(self.tr("(not given)"))
        day = held.assessed_on
        self.assessed_on.setDate(QDate(day.year, day.month, day.day) if day else _NO_DATE)
        form.addRow(ASSESSMENT_FIELDS["assessed_on"], self.assessed_on)
        self.evidence = QPlainTextEdit(held.evidence)
        self.evidence.setObjectName("assessment_evidence")
        self.evidence.setTabChangesFocus(True)
        self.evidence.setFixedHeight(line * 3 + 12)
        form.addRow(ASSESSMENT_FIELDS["evidence"], self.evidence)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("中") * 48, self.sizeHint().height())

    def record(self) -> ExAnteAssessment:
        """The record as the dialog shows it (texts as typed, a blank date as none)."""
        value = self.conclusion.currentData()
        qdate = self.assessed_on.date()
        day = None if qdate == _NO_DATE else date(qdate.year(), qdate.month(), qdate.day())
        return replace(
            self.held,
            **{name: edit.toPlainText() for name, edit in self.texts.items()},
            conclusion=Conclusion(value) if value else None,
            assessor=self.assessor.text(),
            assessed_on=day,
            evidence=self.evidence.toPlainText(),
        )


def edit_assessment(session: YearSession, project_uid: str, parent: QWidget) -> bool:
    """Open the dialog for a project and save what it holds (undoable); whether it was saved."""
    data = session.data
    project = data.project(project_uid) if data is not None else None
    if data is None or project is None:
        return False
    old = data.assessment_of(project_uid)
    dialog = AssessmentDialog(project, old or ExAnteAssessment(project_uid), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    new = dialog.record()
    if new == old:
        return True

    def backward() -> None:
        if old is None:
            session.delete_assessment(project_uid)
        else:
            session.save_assessment(old)

    text = QCoreApplication.translate("AssessmentBar", "Ex-ante assessment of {name}").format(
        name=project.name
    )
    return session.change(text, lambda: session.save_assessment(new), backward)


class AssessmentBar(QWidget):
    """The assessment line over a project's goals, hidden for projects that need none."""

    def __init__(self, session: YearSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentBar")
        self.session = session
        self.owner = UNIT_OWNER
        self.status = QLabel()
        self.status.setObjectName("assessmentStatus")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("Ex-ante assessment…"))
        self.button.setObjectName("editAssessment")
        self.button.clicked.connect(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.button)
        self.setVisible(False)

    def show_owner(self, owner_uid: str) -> None:
        """Show the line for a project that needs or holds an assessment; hide it otherwise."""
        self.owner = owner_uid
        data = self.session.data
        project = data.project(owner_uid) if data is not None else None
        text = status_text(data, project) if data is not None and project is not None else ""
        self.status.setText(text)
        self.status.setToolTip(text)
        held = data.assessment_of(owner_uid) if data is not None else None
        settled = held is not None and held.positive and not missing_fields(held)
        self.status.setStyleSheet("" if settled or not text else "color: #b3261e;")
        self.setVisible(bool(text))

    def edit(self) -> bool:
        """Open the dialog for the project shown."""
        return edit_assessment(self.session, self.owner, self)
