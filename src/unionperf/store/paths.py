"""Where a workspace keeps its files.

Light (no SQLAlchemy), so that the window can find and name a workspace before it imports the
store: its first paint comes before the store is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATABASE_NAME = "unionperf.sqlite"


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

    def folders(self) -> tuple[Path, ...]:
        """Every folder of the workspace."""
        return (self.root, self.backups, self.evidence, self.keys, self.logs)


def default_workspace_path() -> Path:
    """The default workspace in the user's data folder (platformdirs)."""
    from platformdirs import user_data_path  # noqa: PLC0415 - not needed for the first paint

    return user_data_path("UnionPerf", appauthor=False) / "workspace"


def holds_workspace(path: Path) -> bool:
    """Whether the folder at ``path`` holds a workspace database."""
    return WorkspacePaths(path).database.exists()
