"""Test-wide setup: Qt runs offscreen, before anything imports PySide6; a home of its own."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The tests (and the programs they start) neither read the developer's settings, recent
# workspace or logs, nor write into the real user folders: HOME and the XDG folders point into a
# fresh folder, removed at the end. Tests that need other folders still set their own.
HOME = Path(tempfile.mkdtemp(prefix="unionperf-tests-home-"))
atexit.register(shutil.rmtree, HOME, ignore_errors=True)
os.environ["HOME"] = str(HOME)
for _variable, _folder in (
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_STATE_HOME", ".local/state"),
    ("XDG_CACHE_HOME", ".cache"),
):
    os.environ[_variable] = str(HOME / _folder)


def pytest_configure(config):
    """Under LANG=C (or no LANG, as on many CI machines) Qt warns once that it uses C.UTF-8 instead
    of the non-UTF-8 locale; that is not a failure of the test that happens to start Qt first."""
    config.addinivalue_line("qt_log_ignore", r"^Detected locale .* which is not UTF-8\.")
