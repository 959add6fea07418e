"""The unit of work: one transaction and the named repositories that work inside it.

A service opens one with :meth:`OpenStore.unit_of_work` (or reads with :meth:`OpenStore.reading`)
and reaches ``years``, ``arrivals``, ``assessments``, ``submissions``, ``register``, ``board``,
``evidence``, ``audit``, ``review`` and ``params``; each takes and returns domain objects or plain
records. Nothing outside the store sees a SQLAlchemy session.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from unionperf.store import tx_memory
from unionperf.store.arrivals import ArrivalRecords
from unionperf.store.assessments import AssessmentRecords
from unionperf.store.audit import AuditLog
from unionperf.store.board import BoardRecords
from unionperf.store.evidence_records import EvidenceRecords
from unionperf.store.params_records import ParamsRecords
from unionperf.store.register import RegisterRecords
from unionperf.store.repository import YearRepository
from unionperf.store.review_records import ReviewRecords
from unionperf.store.submissions import SubmissionRecords


class UnitOfWork:
    """The repositories of one transaction; committed or rolled back as a whole by its opener."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.years = YearRepository(session)
        self.arrivals = ArrivalRecords(session)
        self.assessments = AssessmentRecords(session)
        self.submissions = SubmissionRecords(session)
        self.register = RegisterRecords(session)
        self.board = BoardRecords(session)
        self.evidence = EvidenceRecords(session)
        self.audit = AuditLog(session)
        self.review = ReviewRecords(session)
        self.params = ParamsRecords(session)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: an exception undoes what the block wrote, and nothing else."""
        point = tx_memory.mark(self._session)
        try:
            with self._session.begin_nested():
                yield
        except BaseException:
            tx_memory.undo_to(self._session, point)  # forget what the rolled-back rows told
            raise
        tx_memory.release(self._session, point)
