"""Proofs for mypy that the SQLite store fits the ports the services are written against.

Nothing imports this module at run time; mypy checks it with the rest of ``src``, so a store
method that drifts from its port (a renamed method, a changed argument) fails ``make test``.
"""

from __future__ import annotations

from unionperf.services.common.arrival_port import ArrivalsPort
from unionperf.services.common.assessment_port import AssessmentsPort
from unionperf.services.common.ports import (
    AuditPort,
    BoardPort,
    EvidencePort,
    ParamsPort,
    RegisterPort,
    ReviewPort,
    StorePort,
    SubmissionsPort,
    UnitOfWorkPort,
    UnitOfWorkSource,
    YearsPort,
)
from unionperf.services.common.workspace import Workspace
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
from unionperf.store.unit_of_work import UnitOfWork
from unionperf.store.workspace import OpenStore


def workspace_opens_units_of_work(workspace: Workspace) -> UnitOfWorkSource:
    """A workspace is a source of units of work."""
    return workspace


def open_store_is_a_store(store: OpenStore) -> StorePort:
    """The opened SQLite store is what a workspace runs on."""
    return store


def unit_of_work_fits(uow: UnitOfWork) -> UnitOfWorkPort:
    """The store's unit of work (checked on its own: ``contextmanager`` hides its type)."""
    return uow


def years_fit(years: YearRepository) -> YearsPort:
    """The year repository."""
    return years


def arrivals_fit(arrivals: ArrivalRecords) -> ArrivalsPort:
    """The revenue arrival records."""
    return arrivals


def assessments_fit(assessments: AssessmentRecords) -> AssessmentsPort:
    """The ex-ante assessment records."""
    return assessments


def submissions_fit(submissions: SubmissionRecords) -> SubmissionsPort:
    """The unit's package records."""
    return submissions


def register_fits(register: RegisterRecords) -> RegisterPort:
    """The upper level's register."""
    return register


def board_fits(board: BoardRecords) -> BoardPort:
    """The upper level's season records."""
    return board


def evidence_fits(evidence: EvidenceRecords) -> EvidencePort:
    """The evidence records."""
    return evidence


def audit_fits(audit: AuditLog) -> AuditPort:
    """The audit log."""
    return audit


def review_fits(review: ReviewRecords) -> ReviewPort:
    """The upper level's review records."""
    return review


def params_fits(params: ParamsRecords) -> ParamsPort:
    """The parameter package records."""
    return params
