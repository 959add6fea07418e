"""Where a workspace keeps its files.

Light (no SQLAlchemy), so that the window can find and name a workspace before it imports the
store: its first paint comes before the store is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATABASE_NAME = "unionperf.sqlite"
SETTINGS_NAME = "unionperf-database.json"
"""The file in the workspace folder that names the workspace's PostgreSQL database."""
DEFAULT_FOLDER_NAME = "工会预算绩效工作区"
"""The default workspace's folder, in the user's documents folder (or home)."""


@dataclass(frozen=True, slots=True)
class WorkspacePaths:
    """Where a workspace keeps its files."""

    root: Path

    @property
    def database(self) -> Path:
        """The SQLite file."""
        return self.root / DATABASE_NAME

    @property
    def backups(self) -> Path:
        """Rotating database backups."""
        return self.root / "backups"

    @property
    def evidence(self) -> Path:
        """Evidence attachments (佐证材料)."""
        return self.root / "evidence"

    @property
    def keys(self) -> Path:
        """The unit's encrypted signing key and known public keys."""
        return self.root / "keys"

    @property
    def logs(self) -> Path:
        """Log files and crash reports."""
        return self.root / "logs"

    @property
    def database_settings(self) -> Path:
        """The file naming the workspace's PostgreSQL database (absent for a SQLite workspace)."""
        return self.root / SETTINGS_NAME

    def holds_workspace(self) -> bool:
        """Whether the folder holds a workspace (its SQLite file, or its database settings)."""
        return self.database.exists() or self.database_settings.exists()

    def folders(self) -> tuple[Path, ...]:
        """Every folder of the workspace."""
        return (self.root, self.backups, self.evidence, self.keys, self.logs)


def default_workspace_path() -> Path:
    """Where a workspace is made and looked for when none is named (the wizard, the CLI).

    A folder the user sees and can copy: ``工会预算绩效工作区`` in the documents folder the
    desktop names (``~/文档`` on a Chinese desktop: XDG user-dirs, Windows' Documents), or in the
    home folder when there is no documents folder. A workspace an earlier version made in the
    hidden data folder (:func:`legacy_workspace_path`) stays where it is and stays the default.
    """
    from platformdirs import user_documents_path  # noqa: PLC0415 - not needed for the first paint

    legacy = legacy_workspace_path()
    if (legacy / DATABASE_NAME).exists():
        return legacy
    documents = user_documents_path()
    home = Path.home()
    base = documents if documents.is_dir() and documents != home else home
    return base / DEFAULT_FOLDER_NAME


def legacy_workspace_path() -> Path:
    """The default workspace of earlier versions, in the hidden user data folder (platformdirs)."""
    from platformdirs import user_data_path  # noqa: PLC0415 - not needed for the first paint

    return user_data_path("UnionPerf", appauthor=False) / "workspace"


def holds_workspace(path: Path) -> bool:
    """Whether the folder at ``path`` holds a workspace (its SQLite file or database settings)."""
    return WorkspacePaths(path).holds_workspace()
