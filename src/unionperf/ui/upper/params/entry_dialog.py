"""One indicator of the library to send, added or changed in a form (参数下发 › 指标库).

The dialog checks what it can as the user types nothing wrong into the library: a missing name,
a number that is not one, a quantitative indicator without its unit (``entry_problem``); then it
hands the entry to ``save`` (the service), whose refusal (a name already used under that level-2
indicator…) is shown in the dialog, which stays open so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from unionperf.domain.framework import FRAMEWORKS
from unionperf.domain.indicators import BASIS_LABELS, Operator, StandardBasis
from unionperf.services.common.indicator_library import LibraryEntry, Scope
from unionperf.services.upper.params_library import entry_problem
from unionperf.services.upper.params_library_book import operator_text, scope_label

__all__ = ["EntryDialog", "placements"]

Save = Callable[[LibraryEntry], "str | None"]
"""Store the entry; the refusal's sentence, or ``None`` when stored."""
OPERATORS = (
    Operator.GE,
    Operator.GT,
    Operator.EQ,
    Operator.LE,
    Operator.LT,
    Operator.QUALITATIVE,
)
SEPARATORS = (";", "；", ",", "，", "、", " ")


def placements() -> list[tuple[str, str]]:
    """Every (level 1, level 2) of the built-in frameworks, each once, in framework order."""
    found: list[tuple[str, str]] = []
    for framework in FRAMEWORKS.values():
        for level1 in framework.level1:
            for level2 in level1.level2:
                pair = (level1.name, level2.name)
                if pair not in found:
                    found.append(pair)
    return found


class EntryDialog(QDialog):
    """Add or change one indicator of the library to send."""

    def __init__(
        self, entry: LibraryEntry, save: Save, *, new: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryEntryDialog")
        self.entry = entry
        self.save = save
        self.setWindowTitle(self.tr("New indicator") if new else self.tr("Change the indicator"))
        self.placement = QComboBox()
        self.placement.setObjectName("entryPlacement")
        for level1, level2 in placements():
            self.placement.addItem(f"{level1} › {level2}", (level1, level2))
        self.name = QLineEdit(entry.name)
        self.name.setObjectName("entryName")
        self.operator = QComboBox()
        self.operator.setObjectName("entryOperator")
        for operator in OPERATORS:
            self.operator.addItem(operator_text(operator), operator.value)
        self.target = QLineEdit()
        self.target.setObjectName("entryTarget")
        self.unit = QLineEdit(entry.unit)
        self.unit.setObjectName("entryUnit")
        self.unit.setPlaceholderText(self.tr("e.g. 场, 人次, %, 元"))
        self.explanation = QPlainTextEdit(entry.explanation)
        self.explanation.setObjectName("entryExplanation")
        self.explanation.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.basis = QComboBox()
        self.basis.setObjectName("entryBasis")
        for basis, label in BASIS_LABELS.items():
            self.basis.addItem(label, basis.value)
        self.scope = QComboBox()
        self.scope.setObjectName("entryScope")
        for scope in (Scope.PROJECT, Scope.UNIT, Scope.ANY):
            self.scope.addItem(scope_label(scope), scope.value)
        self.expense = QLineEdit("；".join(entry.expense))
        self.expense.setObjectName("entryExpense")
        self.expense.setPlaceholderText(self.tr("Expenditure codes it suits, e.g. 501；502"))
        self.problem = QLabel()
        self.problem.setObjectName("entryProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self._show(entry)
        self.operator.currentIndexChanged.connect(self._operator_changed)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Category:"), self.placement)
        form.addRow(self.tr("Indicator name:"), self.name)
        form.addRow(self.tr("Operator:"), self.operator)
        form.addRow(self.tr("Target:"), self.target)
        form.addRow(self.tr("Unit of measure:"), self.unit)
        form.addRow(self.tr("Explanation:"), self.explanation)
        form.addRow(self.tr("Standard:"), self.basis)
        form.addRow(self.tr("For:"), self.scope)
        form.addRow(self.tr("Expenditure categories:"), self.expense)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _show(self, entry: LibraryEntry) -> None:
        pairs = placements()
        first = entry.placements[0] if entry.placements else pairs[0]
        self.placement.setCurrentIndex(pairs.index(first) if first in pairs else 0)
        self.operator.setCurrentIndex(max(self.operator.findData(entry.operator.value), 0))
        qualitative = entry.operator is Operator.QUALITATIVE
        self.target.setText(
            entry.target_text if qualitative else _number(entry.target) if entry.target else ""
        )
        self.basis.setCurrentIndex(max(self.basis.findData(entry.basis.value), 0))
        self.scope.setCurrentIndex(max(self.scope.findData(entry.scope.value), 0))
        self._operator_changed()

    def _operator_changed(self, _index: int = 0) -> None:
        qualitative = self.operator.currentData() == Operator.QUALITATIVE.value
        self.unit.setEnabled(not qualitative)
        self.target.setPlaceholderText(
            self.tr("The wording, e.g. 达到预期") if qualitative else self.tr("A number, e.g. 12")
        )

    def typed(self) -> LibraryEntry | str:
        """The entry as typed, or what is wrong with it (one sentence)."""
        operator = Operator(str(self.operator.currentData()))
        qualitative = operator is Operator.QUALITATIVE
        target: Decimal | None = None
        text = self.target.text().strip()
        if not qualitative and text:
            try:
                target = Decimal(text.replace(",", "").replace("，", ""))
            except InvalidOperation:
                return self.tr("The target “{text}” is not a number.").format(text=text)
        chosen = tuple(self.placement.currentData())
        others = tuple(pair for pair in self.entry.placements[1:] if pair != chosen)
        expense = self.expense.text()
        for separator in SEPARATORS:
            expense = expense.replace(separator, "；")
        entry = LibraryEntry(
            id=self.entry.id,
            name=self.name.text().strip(),
            operator=operator,
            placements=((chosen[0], chosen[1]), *others),
            target=target,
            target_text=text if qualitative else "",
            unit="" if qualitative else self.unit.text().strip(),
            explanation=self.explanation.toPlainText().strip(),
            basis=StandardBasis(str(self.basis.currentData())),
            scope=Scope(str(self.scope.currentData())),
            expense=tuple(code for code in expense.split("；") if code),
        )
        problem = entry_problem(entry)
        return problem if problem is not None else entry

    def submit(self) -> None:
        """Check and store the entry; stay open with the reason when it is refused."""
        typed = self.typed()
        refusal = typed if isinstance(typed, str) else self.save(typed)
        if refusal is not None:
            self.problem.setText(refusal)
            return
        self.accept()


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
