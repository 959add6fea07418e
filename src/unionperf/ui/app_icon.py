"""The application icon (window title bars, the taskbar, the About dialog)."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from unionperf.resources import resource_path

__all__ = ["ICON_SIZES", "app_icon"]

log = logging.getLogger(__name__)

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The sizes rendered by ``installer/make_icons.py`` into ``resources/icons/hicolor``."""


@cache
def app_icon() -> QIcon:
    """The UnionPerf icon with every rendered size, so that Qt never has to scale a small one up.

    A missing PNG is logged and skipped (an icon is not worth refusing to start over).
    """
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", "hicolor", f"{size}x{size}", "apps", "unionperf.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
        else:
            log.warning("icon missing: %s", path)
    return icon
