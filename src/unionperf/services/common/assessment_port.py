"""What the services need of the ex-ante assessment records (a repository of the unit of work).

Kept beside :mod:`unionperf.services.common.ports`, which lists the other repositories.
"""

from __future__ import annotations

from typing import Protocol

from unionperf.domain.assessment import ExAnteAssessment

__all__ = ["AssessmentsPort"]


class AssessmentsPort(Protocol):
    """A project's 事前绩效评估; a change while the targets are signed off is refused."""

    def for_year(self, year: int) -> tuple[ExAnteAssessment, ...]:
        """The assessments of the year's projects."""
        ...

    def save_assessment(self, year: int, item: ExAnteAssessment) -> None:
        """Create or update a project's assessment."""
        ...

    def delete_assessment(self, year: int, project_uid: str) -> None:
        """Remove a project's assessment (nothing held: no change)."""
        ...
