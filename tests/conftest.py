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


# -- PostgreSQL ------------------------------------------------------------------------------
# The upper level's store also runs on PostgreSQL (issue 15). A throw-away cluster is started
# the first time a test asks for one (tests/pg_cluster.py) and stopped at the end of the session.
# With ``--postgresql`` every upper-level workspace the tests create (Workspace.create with an
# upper unit, so also ``unionperf init --upper`` run in-process) gets a fresh PostgreSQL database
# instead of its SQLite file: `make test` runs the upper-level tests a second time that way.

REQUIRE_POSTGRESQL = "UNIONPERF_REQUIRE_POSTGRESQL"


def pytest_addoption(parser):
    parser.addoption(
        "--postgresql",
        action="store_true",
        help="upper-level workspaces made by the tests keep their store on PostgreSQL",
    )


@pytest.fixture(scope="session")
def pg_cluster():
    """A running throw-away PostgreSQL cluster (skipped when PostgreSQL is not installed, unless
    UNIONPERF_REQUIRE_POSTGRESQL is set, as `make test` does: then it fails)."""
    from tests.pg_cluster import ClusterError, start_cluster  # noqa: PLC0415

    try:
        cluster = start_cluster()
    except ClusterError as error:
        if os.environ.get(REQUIRE_POSTGRESQL):
            pytest.fail(str(error))
        pytest.skip(str(error))
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of a fresh database holding the migrated schema and nothing else."""
    return pg_cluster.new_database()


@pytest.fixture
def pg_empty_url(pg_cluster):
    """The URL of a fresh, empty database (no schema)."""
    return pg_cluster.new_database(template=None)


@pytest.fixture(scope="session", autouse=True)
def _upper_stores_on_postgresql(request):
    if not request.config.getoption("--postgresql"):
        yield
        return
    from unionperf.domain.unit import UnitLevel  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415

    cluster = request.getfixturevalue("pg_cluster")
    original = Workspace.create.__func__

    def create(cls, path, unit=None, passphrase=None, *, database=None, **options):
        if database is None and unit is not None and unit.level is UnitLevel.UPPER:
            database = cluster.new_database()
        return original(cls, path, unit, passphrase, database=database, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Workspace, "create", classmethod(create))
        yield


def pytest_collection_modifyitems(config, items):
    """With ``--postgresql``, tests of SQLite-only behaviour are skipped (their marker says why)."""
    if not config.getoption("--postgresql"):
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else "SQLite only"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
