"""The tests run with a home of their own (tests/conftest.py), not in the real user folders."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_log_path

from tests.conftest import HOME
from unionperf.services.common.workspace import default_workspace_path
from unionperf.ui.settings import AppSettings


def test_user_folders_are_inside_the_tests_home(qapp):
    assert Path(os.environ["HOME"]) == HOME
    assert Path.home() == HOME
    assert AppSettings().file.is_relative_to(HOME)
    assert default_workspace_path().is_relative_to(HOME)
    assert user_log_path("UnionPerf", appauthor=False).is_relative_to(HOME)
