"""The layouts of 审核 (style.md §2.6: a view lays out, the page behaves).

:class:`ItemsView` is the item tree beside the selected item's values and the opinion editor,
:class:`HistoryView` the decisions sent, :class:`DecisionView` the draft opinions and the
decision. Their widgets are public; ``page.ReviewPage`` connects them. Strings keep the page's
translation context (``ReviewPage``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from unionperf.ui.first_run_pages import GREY, RED, hint, hint_label
from unionperf.ui.upper.base import fit_columns, read_only_table, read_only_tree
from unionperf.ui.upper.review.models import (
    DecisionModel,
    ItemTreeModel,
    OpinionModel,
    TreeColumn,
    UnitListModel,
    ValuesModel,
)

__all__ = ["TREE_WIDTHS", "DecisionView", "HistoryView", "ItemsView", "UnitsView"]

TREE_WIDTHS = (18, 3, 5, 5, 3)
"""The item tree's columns in widths of a 中 (the name takes what is left)."""


class UnitsView(QGroupBox):
    """The units that sent the stage, with a search."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("ReviewPage", "Units that sent the stage"), parent
        )
        self.search = QLineEdit()
        self.search.setObjectName("reviewUnitSearch")
        self.search.setPlaceholderText(QCoreApplication.translate("ReviewPage", "Find a unit"))
        self.search.setClearButtonEnabled(True)
        self.units = UnitListModel(self)
        self.units_view = read_only_table(self.units, "reviewUnits")
        fit_columns(self.units_view, self.units.columns, stretch=0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.units_view, 1)


class ItemsView(QSplitter):
    """The items of the unit's stage as a tree, beside the selected item's values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.tree_model = ItemTreeModel(self)
        self.tree = read_only_tree(self.tree_model, "reviewItems")
        em = self.fontMetrics().horizontalAdvance("中")
        for column, width in enumerate(TREE_WIDTHS):
            self.tree.setColumnWidth(column, width * em)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TreeColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.values = ValuesModel(self)
        self.values_view = read_only_table(self.values, "reviewValues")
        self.values_view.setWordWrap(True)
        fit_columns(self.values_view, self.values.columns, stretch=1)
        self.item_label = QLabel()
        self.item_label.setObjectName("reviewItemPath")
        self.item_label.setWordWrap(True)
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("opinionText")
        self.opinion.setPlaceholderText(
            QCoreApplication.translate("ReviewPage", "Opinion on the selected item")
        )
        self.opinion.setMaximumHeight(self.fontMetrics().height() * 4)
        self.add_opinion_button = QPushButton(
            QCoreApplication.translate("ReviewPage", "Add opinion")
        )
        self.add_opinion_button.setObjectName("addOpinion")
        self.rescore_button = QPushButton(QCoreApplication.translate("ReviewPage", "Re-score…"))
        self.rescore_button.setObjectName("rescore")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_opinion_button)
        buttons.addWidget(self.rescore_button)
        buttons.addStretch(1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.item_label)
        side_layout.addWidget(self.values_view, 1)
        side_layout.addWidget(self.opinion)
        side_layout.addLayout(buttons)
        self.addWidget(self.tree)
        self.addWidget(side)
        self.setSizes([sum(TREE_WIDTHS) * em, 24 * em])


class HistoryView(QWidget):
    """Every decision sent to the unit, and what the one selected said."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = DecisionModel(self)
        self.history_view = read_only_table(self.history, "decisionHistory")
        fit_columns(self.history_view, self.history.columns, stretch=5)
        self.history_detail = QLabel()
        self.history_detail.setObjectName("decisionDetail")
        self.history_detail.setWordWrap(True)
        self.history_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.history_view, 1)
        layout.addWidget(self.history_detail)


class DecisionView(QGroupBox):
    """The opinions to send, the decision (通过 / 退回) with its reason, and the write button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("ReviewPage", "Decision and feedback package"), parent
        )
        self.drafts_model = OpinionModel(self)
        self.drafts_view = read_only_table(self.drafts_model, "draftOpinions")
        fit_columns(self.drafts_view, self.drafts_model.columns, stretch=1)
        self.drafts_view.setMaximumHeight(self.fontMetrics().height() * 6)
        self.drafts_label = QLabel()
        self.drafts_label.setObjectName("draftCount")
        self.remove_button = QPushButton(QCoreApplication.translate("ReviewPage", "Remove opinion"))
        self.remove_button.setObjectName("removeOpinion")
        self.approve = QRadioButton(QCoreApplication.translate("ReviewPage", "Approve (通过)"))
        self.approve.setObjectName("decisionApprove")
        self.send_back = QRadioButton(
            QCoreApplication.translate("ReviewPage", "Return for correction (退回)")
        )
        self.send_back.setObjectName("decisionReturn")
        self.decision_group = QButtonGroup(self)
        self.decision_group.addButton(self.approve)
        self.decision_group.addButton(self.send_back)
        self.approve.setChecked(True)
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("decisionSummary")
        self.summary.setMaximumHeight(self.fontMetrics().height() * 3)
        self.decision_hint = hint_label("decisionHint")
        self.write_button = QPushButton(
            QCoreApplication.translate("ReviewPage", "Write the feedback package…")
        )
        self.write_button.setObjectName("writeFeedback")
        left = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.drafts_label, 1)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        left.addWidget(self.drafts_view)
        right = QVBoxLayout()
        radios = QHBoxLayout()
        radios.addWidget(self.approve)
        radios.addWidget(self.send_back)
        radios.addStretch(1)
        right.addLayout(radios)
        right.addWidget(self.summary)
        right.addWidget(self.decision_hint)
        right.addWidget(self.write_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def show_hint(self) -> None:
        """Say what the reason box is for, and that a return without its reason is refused."""
        returning = self.send_back.isChecked()
        self.summary.setPlaceholderText(
            QCoreApplication.translate(
                "ReviewPage", "The reason for returning (required; the unit sees it)"
            )
            if returning
            else QCoreApplication.translate("ReviewPage", "An overall opinion (optional)")
        )
        if returning and not self.summary.toPlainText().strip():
            hint(
                self.decision_hint,
                QCoreApplication.translate("ReviewPage", "A return needs its reason."),
                RED,
            )
        else:
            hint(self.decision_hint, "", GREY)
