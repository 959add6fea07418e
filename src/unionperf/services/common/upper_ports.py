"""What the upper level's services need of a unit of work: register, review, parameters, board.

Split from :mod:`unionperf.services.common.ports` (which re-exports these protocols) by concern;
the store's repositories satisfy them structurally, checked by mypy in ``port_checks``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from unionperf.domain.aggregation import CategorySum, ProjectSum
from unionperf.domain.feedback import Decision, Opinion
from unionperf.domain.multi_year_summary import MultiYearLine
from unionperf.domain.stage_facts import StageFacts
from unionperf.store.board import BoardFacts, UnitFigures
from unionperf.store.params_records import ParamsApplied, ParamsSent, UpperParams
from unionperf.store.register import FeedbackSent, Received, RetiredKey, Subordinate
from unionperf.store.review_records import DecisionRecord, OwnerTotal, RescoreRecord

__all__ = ["BoardPort", "ParamsPort", "RegisterPort", "ReviewPort"]


class RegisterPort(Protocol):
    """The upper level's register: its units, their keys, the packages received from them."""

    def subordinate(self, unit_code: str) -> Subordinate | None:
        """A registered unit, if any."""
        ...

    def register(
        self,
        unit_code: str,
        name: str,
        public_key: str,
        key_id: str,
        *,
        contact: str | None = None,
        reason: str = "",
    ) -> None:
        """Register a unit and its key, or change it (a replaced key goes to the history)."""
        ...

    def key_owner(self, key_id: str) -> str | None:
        """The unit whose current or replaced key has this id, if any."""
        ...

    def key_history(self, unit_code: str) -> list[RetiredKey]:
        """A unit's replaced keys, oldest first."""
        ...

    def current(self, unit_code: str, year: int, stage: str) -> Received | None:
        """The current (highest-sequence) package of a unit's stage, if any."""
        ...

    def prepare_data(self, data_json: bytes) -> None:
        """data.json of the package about to be stored, to prepare its stored form meanwhile.

        A hint: :meth:`add_received` of the same bytes may find the work done; nothing is kept
        if the package is not stored.
        """
        ...

    def add_received(
        self,
        record: Received,
        *,
        package_id: str,
        key_id: str,
        meta: dict[str, Any],
        data_json: bytes | str,
        facts: StageFacts | None = None,
    ) -> None:
        """Store a package as the current one of its stage; the previous one is superseded.

        ``data_json`` is the package's data.json: its UTF-8 bytes as the package holds them
        (verification read them as UTF-8), or its text.
        """
        ...

    def is_received(self, sha256: str) -> bool:
        """Whether a package with this hash is stored."""
        ...

    def lock_unit(self, unit_code: str) -> None:
        """Hold the unit's register entry until the transaction ends (other writers wait)."""
        ...

    def prepare_receipts(self, packages: Iterable[tuple[str, str]]) -> None:
        """Lock a batch's units (in code order) and learn what it will be asked of them.

        ``packages`` are (unit code, SHA-256) pairs; ``is_received``, ``current`` and
        ``subordinate`` are then answered from memory for them.
        """
        ...

    def received_files(self, unit_codes: Iterable[str]) -> set[str]:
        """Lock the units and name the files (``/``-separated) their received rows keep."""
        ...

    def feedback_count(self, unit_code: str, year: int, stage: str) -> int:
        """How many feedback packages were written for a unit's stage."""
        ...

    def log_feedback(
        self,
        *,
        unit_code: str,
        year: int,
        stage: str,
        sequence: int,
        decision: Decision,
        sha256: str,
        file_name: str,
        responds_to: str,
    ) -> None:
        """Record a written feedback package (``responds_to``: the received package's hash)."""
        ...

    def feedback_sent(self, year: int, stage: str) -> list[FeedbackSent]:
        """The feedback packages written for a year's stage, every unit, oldest first."""
        ...

    def subordinates(self) -> list[Subordinate]:
        """Every registered unit."""
        ...

    def received(
        self, unit_code: str | None = None, *, year: int | None = None, stage: str | None = None
    ) -> list[Received]:
        """Every received package record (of a unit, a year, a stage when given), oldest first."""
        ...

    def received_data(self, unit_code: str, year: int, stage: str) -> str | None:
        """The ``data.json`` text of a unit's current package of a stage, if one was received."""
        ...


class ReviewPort(Protocol):
    """The upper level's review records: what its decisions said, its re-scores."""

    def note_feedback(
        self,
        *,
        unit_code: str,
        year: int,
        stage: str,
        sequence: int,
        summary: str,
        opinions: Sequence[Opinion],
    ) -> None:
        """Keep what a feedback package said."""
        ...

    def decisions(self, unit_code: str, year: int | None = None) -> list[DecisionRecord]:
        """Every decision sent on a unit's stages, oldest first."""
        ...

    def add_rescore(self, record: RescoreRecord, totals: Sequence[OwnerTotal]) -> None:
        """Keep a re-score and the owners' totals it leads to."""
        ...

    def rescores(
        self, unit_code: str, year: int, package_sha256: str | None = None
    ) -> list[RescoreRecord]:
        """A unit's re-scores of a year, oldest first."""
        ...

    def owner_totals(self, unit_code: str, year: int) -> list[OwnerTotal]:
        """The owners' totals with the upper level's scores, for a unit's year."""
        ...

    def unit_totals(self, year: int) -> dict[str, Decimal]:
        """Each re-scored unit's total with the upper level's scores (current packages)."""
        ...


class ParamsPort(Protocol):
    """Parameter packages: the upper level's parameters and packages sent, a unit's applied."""

    def upper_params(self) -> UpperParams:
        """The parameters the upper level has set to send down."""
        ...

    def set_upper_params(
        self,
        *,
        library: str | None = None,
        settings: str | None = None,
        deadlines: str | None = None,
    ) -> None:
        """Set some of the parameters to send down (``None`` keeps one)."""
        ...

    def last_sent_sequence(self) -> int:
        """The highest sequence of the parameter packages written (0 when none)."""
        ...

    def log_sent(self, item: ParamsSent) -> None:
        """Record a written parameter package."""
        ...

    def sent(self) -> list[ParamsSent]:
        """The parameter packages written, oldest first."""
        ...

    def last_applied_sequence(self) -> int:
        """The highest sequence of the parameter packages applied (0 when none)."""
        ...

    def has_applied(self, sha256: str) -> bool:
        """Whether this parameter package was applied already."""
        ...

    def log_applied(self, item: ParamsApplied) -> None:
        """Record an applied parameter package."""
        ...

    def applied(self) -> list[ParamsApplied]:
        """The parameter packages applied, oldest first."""
        ...

    def applied_library(self) -> str | None:
        """The library of the newest applied package that holds one."""
        ...

    def applied_settings(self) -> str | None:
        """The settings of the newest applied package that holds them."""
        ...

    def applied_deadlines(self) -> str | None:
        """The deadlines of the newest applied package."""


class BoardPort(Protocol):
    """The upper level's season: deadlines, the status board's facts, 汇总's sums."""

    def deadlines(self, year: int) -> dict[str, date]:
        """Every deadline set for the year's stages, by stage name."""
        ...

    def set_deadline(self, year: int, stage: str, due: date | None) -> None:
        """Set (or with ``None`` remove) the deadline of a year's stage."""
        ...

    def stages_received(self, year: int) -> list[str]:
        """The stage names of the year of which any package was received."""
        ...

    def season_years(self) -> list[int]:
        """The years of which a package was received or a deadline set, oldest first."""
        ...

    def latest_received_year(self) -> int | None:
        """The year of the package received last (``None`` before any)."""
        ...

    def board_facts(self, year: int, stage: str) -> BoardFacts:
        """The units, the stage's packages and decisions, each current package's figures."""
        ...

    def unit_figures(self, year: int, stage: str) -> dict[str, UnitFigures]:
        """Each unit's own row of its current package of the stage, by unit code."""
        ...

    def category_sums(
        self, year: int, stage: str, units: Collection[str] | None = None
    ) -> list[CategorySum]:
        """The budget lines of the current packages summed by category."""
        ...

    def project_sums(
        self, year: int, stage: str, by: str, units: Collection[str] | None = None
    ) -> list[ProjectSum]:
        """The projects of the current packages summed by ``category_code`` or ``attribute``."""
        ...

    def units_with_projects(
        self, year: int, stage: str, units: Collection[str] | None = None
    ) -> int:
        """How many units' current packages of the stage hold at least one project."""
        ...

    def multi_year_projects(
        self, year: int, stage: str, units: Collection[str] | None = None
    ) -> list[MultiYearLine]:
        """Every multi-year project (or one flagged for 清理退出) of the current packages."""
        ...

    def current_documents(
        self, year: int, stage: str, units: Collection[str] | None = None
    ) -> Iterator[tuple[str, str]]:
        """Each unit's code with the ``data.json`` text of its current package of the stage."""
        ...
