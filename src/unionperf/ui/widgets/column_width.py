"""How wide a table column must be: its preferred width, and never narrower than its title.

Issue 12: titles such as 警示灯 were cut off at 1366×768.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView

__all__ = ["TITLE_PADDING", "column_width"]

TITLE_PADDING = 16
"""Pixels around a column title: the header's margins on both sides, with room to spare."""


def column_width(header: QHeaderView, title: str, chars: int, char_width: int) -> int:
    """``chars`` characters of ``char_width`` pixels, or the title's width if that is more.

    The title is measured in bold: some styles draw the current column's title in bold.
    """
    bold = QFont(header.font())
    bold.setBold(True)
    return max(chars * char_width, QFontMetrics(bold).horizontalAdvance(title) + TITLE_PADDING)
