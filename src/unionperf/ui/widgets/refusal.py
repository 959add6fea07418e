"""Input a number field refuses is said out loud: which field, what it takes (issue 12).

A validator on a line edit drops a keystroke that would make the text invalid. Dropped silently,
a letter typed into an amount looks like a broken keyboard; :class:`SayingValidator` drops it the
same way and tells the user, in the window's status bar and in a tooltip at the field, what the
field takes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator, QValidator
from PySide6.QtWidgets import QLineEdit, QMainWindow, QToolTip, QWidget

__all__ = [
    "STATUS_MESSAGE_MS",
    "SayingValidator",
    "amount_refusal",
    "cell_name",
    "guard_amount",
    "number_refusal",
    "tell",
]

STATUS_MESSAGE_MS = 10_000
"""How long the status bar keeps the message (a later message replaces it at once)."""


def cell_name(row: str, column: str) -> str:
    """A cell as the user reads it: its row's name and its column's title."""
    if not row:
        return QCoreApplication.translate("Refusal", "“{column}”").format(column=column)
    return QCoreApplication.translate("Refusal", "“{column}” of “{row}”").format(
        row=row, column=column
    )


def amount_refusal(field: str, text: str) -> str:
    """The sentence for a refused amount: the field, what it takes, what was typed."""
    return QCoreApplication.translate(
        "Refusal",
        "{field} takes an amount in yuan: digits with at most two decimals. “{text}” was not"
        " accepted.",
    ).format(field=field, text=text)


def number_refusal(field: str, text: str) -> str:
    """The sentence for a refused number: the field, what it takes, what was typed."""
    return QCoreApplication.translate(
        "Refusal",
        "{field} takes a number: digits and a decimal point only. “{text}” was not accepted.",
    ).format(field=field, text=text)


def tell(widget: QWidget, message: str) -> None:
    """Show ``message`` in the status bar of ``widget``'s window and in a tooltip at it."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, STATUS_MESSAGE_MS)
    QToolTip.showText(widget.mapToGlobal(QPoint(0, widget.height())), message, widget)


class SayingValidator(QRegularExpressionValidator):
    """A regular-expression validator that reports the text it refuses."""

    def __init__(
        self, pattern: str, refused: Callable[[str], None], parent: QObject | None = None
    ) -> None:
        super().__init__(QRegularExpression(pattern), parent)
        self._refused = refused

    def validate(self, text: str, pos: int) -> object:
        """As the base class; an invalid text is reported before it is dropped."""
        result = super().validate(text, pos)
        state = result[0] if isinstance(result, tuple) else result
        if state == QValidator.State.Invalid:
            self._refused(text)
        return result


def guard_amount(line: QLineEdit, pattern: str, field: Callable[[], str]) -> None:
    """Give a stand-alone amount field a validator that says what it refuses.

    ``field`` names the field at the time of the refusal (the label may be translated later).
    """
    line.setValidator(
        SayingValidator(pattern, lambda text: tell(line, amount_refusal(field(), text)), line)
    )
