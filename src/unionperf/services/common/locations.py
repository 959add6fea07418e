"""Where workspaces are, without opening one: light enough for the window's first paint.

The window names the workspace and paints before it imports the store and SQLAlchemy; these
answers need neither.
"""

from __future__ import annotations

from unionperf.store.paths import default_workspace_path, holds_workspace

__all__ = ["default_workspace_path", "holds_workspace"]
