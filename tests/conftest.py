"""Test-wide setup: Qt runs offscreen, before anything imports PySide6."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
