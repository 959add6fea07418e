"""Test-wide setup: Qt runs offscreen, before anything imports PySide6; a home of its own."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

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


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus):
    """Keep the session's exit status for :func:`pytest_unconfigure`."""
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """After a session that loaded Qt, leave without the interpreter's finalisation.

    Every result is reported by now. What is left is Python tearing down PySide6's module
    objects, which now and then aborts the process ("Fatal Python error: bool_dealloc") after a
    green run, turning it red for no fault of the code under test. The temporary home is removed
    here because ``atexit`` does not run.
    """
    if not _EXIT_STATUS or "PySide6.QtCore" not in sys.modules:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    shutil.rmtree(HOME, ignore_errors=True)
    os._exit(_EXIT_STATUS[-1])


def _cheap_signing_keys() -> None:
    """Keys made by the tests in this process use scrypt with N = 2^10 instead of 2^18.

    Thousands of tests make and unlock keys; at the real cost (3.8 s a key on the 2-core CI
    machine) that alone would take hours. The cost is written into each key file and read back
    from it, so nothing else changes; tests/exchange/test_secret_key.py makes keys at the real
    cost (``DEFAULT_COST``) and checks them with the real minisign tool. Programs the tests
    start in a child process use the real cost.
    """
    from unionperf.exchange import keys, secret_key  # noqa: PLC0415

    keys.KEY_COST = secret_key.ScryptCost(32768, 16777216)


_cheap_signing_keys()
