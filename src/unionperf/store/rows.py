"""ORM rows: the tables of a workspace database; rows are not domain objects (see mapping.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from unionperf.store.types import DecimalText

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention (stable names for batch migrations)."""

    metadata = MetaData(naming_convention=NAMING)


class MetaRow(Base):
    """Workspace facts: format, creation, audit head."""

    __tablename__ = "workspace_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UnitRow(Base):
    """The union's profile (one row)."""

    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18))
    level: Mapped[str] = mapped_column(String(20))
    upper_union: Mapped[str] = mapped_column(String(200), default="")
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    staff_count: Mapped[int] = mapped_column(Integer, default=0)
    accountant: Mapped[str] = mapped_column(String(50), default="")
    chair: Mapped[str] = mapped_column(String(50), default="")
    audit_chair: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")


class YearRow(Base):
    """A fiscal year with the rule settings it is scored by."""

    __tablename__ = "fiscal_year"
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    settings_json: Mapped[str] = mapped_column(Text)
    catalogue_code: Mapped[str] = mapped_column(String(40))
    opening_balance_fen: Mapped[int] = mapped_column(Integer, default=0)
    unit_annual_goal: Mapped[str] = mapped_column(Text, default="")
    unit_midterm_goal: Mapped[str] = mapped_column(Text, default="")


class BudgetLineRow(Base):
    """One category row of the budget table."""

    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("year", "category_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("fiscal_year.year", ondelete="CASCADE"))
    category_code: Mapped[str] = mapped_column(String(20))
    last_year_actual_fen: Mapped[int] = mapped_column(Integer, default=0)
    budget_fen: Mapped[int] = mapped_column(Integer, default=0)
    adjustment_fen: Mapped[int] = mapped_column(Integer, default=0)
    executed_fen: Mapped[int] = mapped_column(Integer, default=0)


class ProjectRow(Base):
    """A project with its basic data and goals.

    A project that runs over several years is one uid in each of its years (carried forward by
    ``year add --copy-from``), so the uid is unique within a year, not across years.
    """

    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("year", "uid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(
        ForeignKey("fiscal_year.year", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(200))
    category_code: Mapped[str] = mapped_column(String(20))
    attribute: Mapped[str] = mapped_column(String(20))
    start: Mapped[date | None] = mapped_column(Date, nullable=True)
    end: Mapped[date | None] = mapped_column(Date, nullable=True)
    responsible: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    midterm_budget_fen: Mapped[int] = mapped_column(Integer, default=0)
    annual_goal: Mapped[str] = mapped_column(Text, default="")
    midterm_goal: Mapped[str] = mapped_column(Text, default="")
    clear_out: Mapped[bool] = mapped_column(Boolean, default=False)
    """清理退出 proposed (with ``clear_out_reason``)."""
    clear_out_reason: Mapped[str] = mapped_column(Text, default="")


class FundingLineRow(Base):
    """A project's money from one source."""

    __tablename__ = "funding_line"
    __table_args__ = (UniqueConstraint("project_id", "source"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(30))
    initial_fen: Mapped[int] = mapped_column(Integer, default=0)
    adjusted_fen: Mapped[int] = mapped_column(Integer, default=0)
    executed_fen: Mapped[int] = mapped_column(Integer, default=0)


class IndicatorRow(Base):
    """A level-3 indicator of a project or of the unit (``owner_uid`` = ``unit``)."""

    __tablename__ = "indicator"
    __table_args__ = (Index("ix_indicator_year_owner", "year", "owner_uid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    year: Mapped[int] = mapped_column(ForeignKey("fiscal_year.year", ondelete="CASCADE"))
    owner_uid: Mapped[str] = mapped_column(String(64))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), nullable=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    level1: Mapped[str] = mapped_column(String(40))
    level2: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    operator: Mapped[str] = mapped_column(String(12))
    target: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    target_upper: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    """The upper bound of an interval target (operator ``interval``); ``target`` is the lower."""
    target_text: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(30), default="")
    points: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    explanation: Mapped[str] = mapped_column(Text, default="")
    basis: Mapped[str] = mapped_column(String(20))
    core: Mapped[bool] = mapped_column(Boolean, default=False)
    period: Mapped[str] = mapped_column(String(10))


class PointRow(Base):
    """A monitoring cut-off of a year."""

    __tablename__ = "monitoring_point"
    __table_args__ = (UniqueConstraint("year", "cutoff"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    year: Mapped[int] = mapped_column(ForeignKey("fiscal_year.year", ondelete="CASCADE"))
    cutoff: Mapped[date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(100), default="")


class EntryRow(Base):
    """Monitoring of one owner at one point (funds block)."""

    __tablename__ = "monitoring_entry"
    __table_args__ = (UniqueConstraint("point_id", "owner_uid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("monitoring_point.id", ondelete="CASCADE"))
    owner_uid: Mapped[str] = mapped_column(String(64))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), nullable=True
    )
    executed_fen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    forecast_fen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    progress_text: Mapped[str] = mapped_column(Text, default="")
    lag_reason: Mapped[str] = mapped_column(Text, default="")
    measure: Mapped[str] = mapped_column(Text, default="")
    suspension: Mapped[str] = mapped_column(String(10))


class ProgressRow(Base):
    """An indicator's progress at a monitoring point."""

    __tablename__ = "indicator_progress"
    __table_args__ = (UniqueConstraint("entry_id", "indicator_uid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("monitoring_entry.id", ondelete="CASCADE"))
    indicator_uid: Mapped[str] = mapped_column(
        ForeignKey("indicator.uid", ondelete="CASCADE"), index=True
    )
    actual: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    tier: Mapped[str | None] = mapped_column(String(20), nullable=True)
    actual_text: Mapped[str] = mapped_column(Text, default="")
    forecast: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    forecast_text: Mapped[str] = mapped_column(Text, default="")
    reasons_json: Mapped[str] = mapped_column(Text, default="[]")
    likelihood: Mapped[str | None] = mapped_column(String(20), nullable=True)
    measure: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ArrivalRow(Base):
    """Revenue of one category arrived by a monitoring point (收入到位)."""

    __tablename__ = "revenue_arrival"
    __table_args__ = (UniqueConstraint("point_id", "category_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("monitoring_point.id", ondelete="CASCADE"))
    category_code: Mapped[str] = mapped_column(String(20))
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class AssessmentRow(Base):
    """The ex-ante assessment of a project of a year (事前绩效评估), by the project's uid."""

    __tablename__ = "ex_ante_assessment"
    __table_args__ = (UniqueConstraint("year", "project_uid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("fiscal_year.year", ondelete="CASCADE"))
    project_uid: Mapped[str] = mapped_column(String(64))
    necessity: Mapped[str] = mapped_column(Text, default="")
    feasibility: Mapped[str] = mapped_column(Text, default="")
    expected_performance: Mapped[str] = mapped_column(Text, default="")
    funding_soundness: Mapped[str] = mapped_column(Text, default="")
    risks: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str | None] = mapped_column(String(20), nullable=True)
    assessor: Mapped[str] = mapped_column(String(200), default="")
    assessed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    evidence: Mapped[str] = mapped_column(Text, default="")


class EvaluationRow(Base):
    """Self-evaluation texts of a project or of the unit."""

    __tablename__ = "evaluation"
    __table_args__ = (UniqueConstraint("year", "owner_uid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("fiscal_year.year", ondelete="CASCADE"))
    owner_uid: Mapped[str] = mapped_column(String(64))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), nullable=True
    )
    achieved_text: Mapped[str] = mapped_column(Text, default="")
    result_application: Mapped[str] = mapped_column(Text, default="")
    execution_analysis: Mapped[str] = mapped_column(Text, default="")


class ResultRow(Base):
    """The year-end result of one indicator."""

    __tablename__ = "indicator_result"
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_uid: Mapped[str] = mapped_column(
        ForeignKey("indicator.uid", ondelete="CASCADE"), unique=True
    )
    actual: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    actual_text: Mapped[str] = mapped_column(Text, default="")
    tier: Mapped[str | None] = mapped_column(String(20), nullable=True)
    score: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    applicable: Mapped[bool] = mapped_column(Boolean, default=True)
    na_reason: Mapped[str] = mapped_column(Text, default="")
    deduction: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    deduction_reason: Mapped[str] = mapped_column(Text, default="")
    deviation: Mapped[str] = mapped_column(Text, default="")
    improvement: Mapped[str] = mapped_column(Text, default="")


class SignoffRow(Base):
    """A recorded sign-off of a stage by a role."""

    __tablename__ = "signoff"
    __table_args__ = (UniqueConstraint("year", "stage", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("fiscal_year.year", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(50))
    signed_on: Mapped[date] = mapped_column(Date)


class ExplanationRow(Base):
    """The written explanation of a soft problem."""

    __tablename__ = "explanation"
    __table_args__ = (UniqueConstraint("year", "problem_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("fiscal_year.year", ondelete="CASCADE"))
    problem_key: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)


class EvidenceRow(Base):
    """An attached evidence file (佐证材料); the bytes live in the workspace's evidence folder."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    year: Mapped[int] = mapped_column(ForeignKey("fiscal_year.year", ondelete="CASCADE"))
    owner_uid: Mapped[str] = mapped_column(String(64))
    stage: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")


class AuditRow(Base):
    """One append-only, hash-chained audit entry."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_uid: Mapped[str] = mapped_column(String(100))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    changes_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SubmissionRow(Base):
    """The submission log: every package this workspace exported."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("year", "stage", "sequence"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    stage: Mapped[str] = mapped_column(String(40))
    sequence: Mapped[int] = mapped_column(Integer)
    package_id: Mapped[str] = mapped_column(String(32), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[str] = mapped_column(String(40))
    key_id: Mapped[str] = mapped_column(String(16))


class StageStateRow(Base):
    """A stage's state when it differs from open: returned by the upper level, with its reason."""

    __tablename__ = "stage_state"
    __table_args__ = (UniqueConstraint("year", "stage"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[str] = mapped_column(String(40))


class FeedbackRow(Base):
    """A feedback package received from the upper level: decision and opinions per item."""

    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(40))
    sequence: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(20))
    from_name: Mapped[str] = mapped_column(String(200))
    opinions_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(String(40))


class SubordinateRow(Base):
    """Upper level: a registered subordinate unit and its trusted public key."""

    __tablename__ = "subordinate"
    unit_code: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(Text)
    """The trusted ``.pub`` text (empty: listed from a roster, key not yet registered)."""
    key_id: Mapped[str] = mapped_column(String(16))
    registered_at: Mapped[str] = mapped_column(String(40))
    contact: Mapped[str] = mapped_column(String(200), default="")
    """联系人及电话 (free text, from the register workbook or the command line)."""


class ReceivedRow(Base):
    """Upper level: a received, verified package; the newest sequence per stage is current."""

    __tablename__ = "received_package"
    __table_args__ = (
        UniqueConstraint("unit_code", "year", "stage", "sequence"),
        Index("ix_received_unit_year_stage", "unit_code", "year", "stage"),
        # covers the status board's and 汇总's reads: the wide rows (data_blob) are not visited
        Index(
            "ix_received_year_stage",
            "year",
            "stage",
            "current",
            "unit_code",
            "sequence",
            "sha256",
            "received_at",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("subordinate.unit_code"))
    year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(40))
    sequence: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    package_id: Mapped[str] = mapped_column(String(32))
    key_id: Mapped[str] = mapped_column(String(16))
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    received_at: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(255))
    meta_json: Mapped[str] = mapped_column(Text, deferred=True)
    data_blob: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    """``data.json`` as the unit sent it, zlib-compressed (kept for the record and for review;
    aggregation reads the rows of ``received_score`` and ``received_budget``)."""


class ReceivedScoreRow(Base):
    """Upper level: a project (or the unit) of a received package: amounts, score, grade.

    ``executed_fen`` is the execution as the package's stage reports it
    (``domain.stage_facts``); ``total`` and ``grade`` are set at the self-evaluation.
    """

    __tablename__ = "received_score"
    __table_args__ = (
        # covers the reads of the board (the unit's row) and of 汇总 (sums by category)
        Index(
            "ix_received_score_package_id",
            "package_id",
            "owner_uid",
            "category_code",
            "attribute",
            "initial_fen",
            "budget_fen",
            "executed_fen",
            "total",
            "grade",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("received_package.id", ondelete="CASCADE"))
    owner_uid: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    category_code: Mapped[str] = mapped_column(String(20), default="")
    attribute: Mapped[str] = mapped_column(String(20), default="")
    initial_fen: Mapped[int] = mapped_column(Integer, default=0)
    budget_fen: Mapped[int] = mapped_column(Integer, default=0)
    executed_fen: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    grade: Mapped[str] = mapped_column(String(4), default="")
    clear_out: Mapped[bool] = mapped_column(Boolean, default=False)
    clear_out_reason: Mapped[str] = mapped_column(Text, default="")
    start_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    midterm_budget_fen: Mapped[int] = mapped_column(Integer, default=0)
    cumulative_budget_fen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """累计预算数 over the years the package reports (``None``: not a multi-year project)."""
    cumulative_executed_fen: Mapped[int | None] = mapped_column(Integer, nullable=True)


class FeedbackSentRow(Base):
    """Upper level: a feedback package written for a unit's stage."""

    __tablename__ = "feedback_sent"
    __table_args__ = (
        UniqueConstraint("unit_code", "year", "stage", "sequence"),
        Index("ix_feedback_sent_year_stage", "year", "stage"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("subordinate.unit_code"))
    year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(40))
    sequence: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[str] = mapped_column(String(40))
    responds_to: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """SHA-256 of the received package the feedback answers (``None``: none was matched)."""
