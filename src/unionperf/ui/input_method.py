"""Chinese input on Linux desktops whose input method Qt's wheel has no plugin for.

统信 UOS and 麒麟 Kylin set ``QT_IM_MODULE=fcitx`` (or ``fcitx5``). PySide6's Qt ships only the
``ibus`` and ``compose`` input-context plugins, and a system fcitx plugin is built against the
system's Qt, which ours cannot load; Qt would silently fall back to no input method and the
accountant could not type Chinese. fcitx5 also speaks the ibus protocol (its ibus front end is
on by default), so the ``ibus`` plugin is chosen instead.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, MutableMapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

__all__ = ["IM_VARIABLE", "choose_input_method", "use_available_input_method"]

log = logging.getLogger(__name__)

IM_VARIABLE = "QT_IM_MODULE"
FALLBACK = "ibus"
"""The plugin that fcitx5 (and ibus itself) answers."""


def choose_input_method(wanted: str | None, available: Iterable[str]) -> str | None:
    """The input-context plugin to use instead of ``wanted``; ``None``: keep what is set.

    ``available`` names the plugin files in Qt's ``platforminputcontexts`` folder.
    """
    if not wanted:
        return None
    files = [name.lower() for name in available]
    if any(wanted.lower() in name for name in files):
        return None
    if wanted.lower().startswith("fcitx") and any(FALLBACK in name for name in files):
        return FALLBACK
    return None


def use_available_input_method(environment: MutableMapping[str, str] | None = None) -> None:
    """Point ``QT_IM_MODULE`` at a plugin Qt has (call before the QApplication is made)."""
    if not sys.platform.startswith("linux"):
        return
    environ = os.environ if environment is None else environment
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    try:
        available = [path.name for path in (folder / "platforminputcontexts").iterdir()]
    except OSError:
        return
    wanted = environ.get(IM_VARIABLE)
    chosen = choose_input_method(wanted, available)
    if chosen is not None:
        log.info("input method %s has no Qt plugin here; using %s", wanted, chosen)
        environ[IM_VARIABLE] = chosen
