"""The window's own settings: an INI file in the user's settings folder (style.md §2.8).

Only what belongs to this computer and user lives here: the last workspace, the window's
geometry, the last crash report offered, the folder last chosen in a file dialog. A workspace's
rule settings live in its database and travel in its packages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["ORGANISATION", "SETTINGS_VERSION", "AppSettings"]

ORGANISATION = "UnionPerf"
APPLICATION = "UnionPerf"
SETTINGS_VERSION = 1
"""Written as ``meta/version``; a later layout upgrades older files from it (Picard's habit)."""

_LAST_WORKSPACE = "workspace/last"
_GEOMETRY = "window/geometry"
_STATE = "window/state"
_CRASH_OFFERED = "crash/last_offered"
_LAST_FOLDER = "dialogs/last_folder"
_VERSION = "meta/version"


class AppSettings:
    """Typed access to the user-scope INI settings (or to a given INI file, for tests)."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self.qsettings = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
            )
        else:
            self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        if self.qsettings.value(_VERSION) is None:
            self.qsettings.setValue(_VERSION, SETTINGS_VERSION)

    @property
    def file(self) -> Path:
        """Where the settings are kept."""
        return Path(self.qsettings.fileName())

    def last_workspace(self) -> Path | None:
        """The workspace opened last (``None`` before the first)."""
        value = self.qsettings.value(_LAST_WORKSPACE)
        return Path(value) if isinstance(value, str) and value else None

    def set_last_workspace(self, path: Path) -> None:
        """Remember the workspace opened now, for the next start."""
        self.qsettings.setValue(_LAST_WORKSPACE, str(path.resolve()))
        self.qsettings.sync()

    def window_geometry(self) -> QByteArray | None:
        """The main window's saved geometry (``QWidget.saveGeometry``), if any."""
        return self._bytes(_GEOMETRY)

    def window_state(self) -> QByteArray | None:
        """The main window's saved dock and toolbar state (``QMainWindow.saveState``), if any."""
        return self._bytes(_STATE)

    def set_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        """Keep the main window's geometry and state for the next start."""
        self.qsettings.setValue(_GEOMETRY, geometry)
        self.qsettings.setValue(_STATE, state)
        self.qsettings.sync()

    def last_crash_offered(self) -> int:
        """The modification time (ns) of the newest crash report already offered (0: none)."""
        value = self.qsettings.value(_CRASH_OFFERED)
        try:
            return int(str(value)) if value is not None else 0
        except ValueError:
            return 0

    def set_last_crash_offered(self, mtime_ns: int) -> None:
        """Remember that crash reports up to this modification time were offered."""
        self.qsettings.setValue(_CRASH_OFFERED, str(mtime_ns))
        self.qsettings.sync()

    def last_folder(self) -> Path | None:
        """The folder last chosen in a file or folder dialog (``None`` before the first)."""
        value = self.qsettings.value(_LAST_FOLDER)
        return Path(value) if isinstance(value, str) and value else None

    def set_last_folder(self, path: Path) -> None:
        """Remember the folder chosen now: the next file dialog starts there."""
        self.qsettings.setValue(_LAST_FOLDER, str(path))
        self.qsettings.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes) and value:
            return QByteArray(value)
        return None
