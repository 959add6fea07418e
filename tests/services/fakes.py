"""An in-memory store for fast service tests: a fake unit of work and its repositories.

``FakeWorkspace`` is the real :class:`Workspace` over a :class:`FakeStore`, so every use case
(and the workspace's own input checks and error mapping) runs unchanged; only the SQLite store
is replaced. The fake keeps domain objects in dicts and lists and copies them when a unit of
work begins: a clean exit commits the copy, an exception drops it (rollback).

The fake repositories implement the store's rules the use cases rely on, not canned answers:
NotFoundError for a missing year/project/indicator/point, StoreError for a package of an
unregistered unit (the store's foreign key), the stage locks (a change of a stage
the chair signed off raises LockedStageError unless an adjustment is open; the chair's sign-off
closes the adjustment), the register's "current package" of a stage. Known simplifications:
no hash chain in the audit log (``breaks()`` is always empty), a new indicator saved with a
position is inserted there, and nothing touches the disk (``paths`` points at no folder).

``tests/services/test_fake_contract.py`` runs the same scenario against this fake and the real
SQLite workspace to keep the two in step.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from tests.services.fake_arrivals import FakeArrivals
from tests.services.fake_assessments import FakeAssessments
from tests.services.fake_params import FakeParams
from tests.services.fake_records import FakeEvidence, FakeRegister, FakeSubmissions
from tests.services.fake_state import FakeAudit, FakeState
from tests.services.fake_years import FakeYears
from unionperf.domain.settings import SignoffRole
from unionperf.domain.year import Signoff
from unionperf.services.common.workspace import Workspace
from unionperf.store.backup import BackupFile
from unionperf.store.paths import WorkspacePaths


class FakeUnitOfWork:
    """One transaction's repositories over a private copy of the store's state."""

    def __init__(self, state: FakeState) -> None:
        self.state = state
        self.audit = FakeAudit(state)
        self.submissions = FakeSubmissions(state, self.audit)
        self.years = FakeYears(state, self.submissions, self.audit)
        self.arrivals = FakeArrivals(state, self.submissions, self.audit)
        self.assessments = FakeAssessments(state, self.submissions, self.audit)
        self.register = FakeRegister(state, self.audit)
        self.evidence = FakeEvidence(state, self.audit)
        self.params = FakeParams(state, self.audit)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: an exception undoes what the block wrote, and nothing else."""
        saved = self.state.copy()
        try:
            yield
        except BaseException:
            self.state.restore(saved)
            raise


class FakeStore:
    """An in-memory stand-in for the SQLite ``OpenStore``: copy on begin, commit on clean exit."""

    def __init__(self, root: Path = Path("/nonexistent/fake-workspace")) -> None:
        self.state = FakeState()
        self.paths = WorkspacePaths(root)
        self.commits = 0
        self.rollbacks = 0
        self.closed = False

    @contextmanager
    def unit_of_work(self) -> Iterator[FakeUnitOfWork]:
        """One transaction: the copy replaces the state on a clean exit, and is dropped on error."""
        working = self.state.copy()
        try:
            yield FakeUnitOfWork(working)
        except BaseException:
            self.rollbacks += 1
            raise
        self.state = working
        self.commits += 1

    @contextmanager
    def reading(self) -> Iterator[FakeUnitOfWork]:
        """A unit of work for reads: whatever it does is dropped."""
        yield FakeUnitOfWork(self.state.copy())

    database_url: str | None = None
    """The fake stands in for a SQLite workspace."""

    def schema_revision(self) -> str | None:
        """No schema: the fake holds objects, not tables."""
        return None

    def close(self) -> None:
        """Nothing to release."""
        self.closed = True


class FakeWorkspace(Workspace):
    """The real :class:`Workspace` over an in-memory :class:`FakeStore`."""

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store or FakeStore()
        self.backed_up: list[str] = []
        """The reasons of the backups asked for, in order (the fake holds no database file)."""
        super().__init__(self.store)

    def back_up(self, reason: str = "manual") -> BackupFile:
        """Record the backup asked for; the in-memory store has no file to copy."""
        self.backed_up.append(reason)
        return BackupFile(self.paths.backups / reason, datetime(2000, 1, 1, tzinfo=UTC), reason)

    @property
    def state(self) -> FakeState:
        """What the store holds now (committed state)."""
        return self.store.state


def chair_signs(workspace: Workspace, year: int, stage: str, name: str = "张主席") -> None:
    """The chair's sign-off of a stage (it locks the stage), recorded by the repository.

    The small years of these tests are not complete, so the sign-off goes past the use case's
    gate (no hard problem open: ``services/cycle/signoffs.py``); the locks are what is tested.
    """
    signoff = Signoff(stage, SignoffRole.CHAIR, name, date(year, 12, 31))
    with workspace.unit_of_work() as uow:
        uow.years.save_signoff(year, signoff)
