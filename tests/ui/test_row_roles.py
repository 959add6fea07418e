"""The table models answer the roles they have and ``None`` at once for the others (issue 17:
a view asks for some ten roles of every cell it lays out or paints)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from unionperf.ui.steps.evaluation.checkable_model import CheckableRowModel
from unionperf.ui.widgets.table_model import (
    CHOICES_ROLE,
    KIND_ROLE,
    LABEL_ROLE,
    Column,
    Kind,
    RowTableModel,
)

ROLE = Qt.ItemDataRole


def _columns() -> list[Column[tuple[str, int, bool]]]:
    return [
        Column("名称", lambda row: row[0], tooltip=lambda row: f"提示 {row[0]}"),
        Column(
            "金额",
            lambda row: str(row[1]),
            kind=Kind.MONEY,
            colour=lambda row: "#fdecea" if row[1] < 0 else None,
        ),
        Column(
            "类别",
            lambda row: "甲",
            kind=Kind.CHOICE,
            choices=lambda row: [("a", "甲"), ("b", "乙")],
        ),
        Column("完成", lambda row: "", kind=Kind.CHECK, value=lambda row: row[2]),
    ]


def test_every_role_a_row_model_has_is_answered():
    model = RowTableModel(_columns())
    model.set_rows([("工会经费", -5, True)])
    name, money, choice, _check = (model.index(0, column) for column in range(4))
    assert model.data(name) == "工会经费"
    assert model.data(name, ROLE.EditRole) == "工会经费"
    assert model.data(name, ROLE.ToolTipRole) == "提示 工会经费"
    assert model.data(money, ROLE.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert model.data(name, ROLE.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    assert isinstance(model.data(money, ROLE.BackgroundRole), QBrush)
    assert model.data(money, KIND_ROLE) == "money"
    assert model.data(choice, CHOICES_ROLE) == [("a", "甲"), ("b", "乙")]
    assert model.data(money, LABEL_ROLE) == "工会经费"
    for role in (ROLE.FontRole, ROLE.DecorationRole, ROLE.CheckStateRole, ROLE.SizeHintRole):
        assert model.data(name, role) is None


def test_a_checkable_model_still_answers_check_states():
    model = CheckableRowModel(_columns())
    model.set_rows([("工会经费", 5, True), ("帮扶", 1, False)])
    assert model.data(model.index(0, 3), ROLE.CheckStateRole) == Qt.CheckState.Checked
    assert model.data(model.index(1, 3), ROLE.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.data(model.index(0, 3)) is None
    assert model.data(model.index(0, 0)) == "工会经费"
    assert model.data(model.index(0, 0), ROLE.FontRole) is None
