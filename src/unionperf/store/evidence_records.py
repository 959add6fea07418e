"""Evidence attachments (佐证材料): records of the files kept in the workspace's evidence folder."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionperf.store import audit
from unionperf.store.rows import EvidenceRow


@dataclass(frozen=True, slots=True)
class Evidence:
    """One attached file."""

    uid: str
    year: int
    owner_uid: str
    stage: str
    filename: str
    sha256: str
    size: int
    description: str

    @property
    def stored_name(self) -> str:
        """The file's name inside the evidence folder (unique, keeps the original extension)."""
        return f"{self.uid}_{self.filename}"


class EvidenceRecords:
    """Reads and writes evidence records inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, evidence: Evidence) -> None:
        """Record an attached file."""
        self.session.add(
            EvidenceRow(
                uid=evidence.uid,
                year=evidence.year,
                owner_uid=evidence.owner_uid,
                stage=evidence.stage,
                filename=evidence.filename,
                sha256=evidence.sha256,
                size=evidence.size,
                description=evidence.description,
            )
        )
        audit.record(
            self.session,
            "attach",
            "evidence",
            evidence.uid,
            {
                "file": evidence.filename,
                "sha256": evidence.sha256,
                "owner": evidence.owner_uid,
                "stage": evidence.stage,
            },
            year=evidence.year,
        )

    def for_year(self, year: int, stage: str | None = None) -> list[Evidence]:
        """The evidence of a year (of one stage when given), in the order attached."""
        query = select(EvidenceRow).where(EvidenceRow.year == year).order_by(EvidenceRow.id)
        if stage is not None:
            query = query.where(EvidenceRow.stage == stage)
        return [
            Evidence(
                row.uid,
                row.year,
                row.owner_uid,
                row.stage,
                row.filename,
                row.sha256,
                row.size,
                row.description,
            )
            for row in self.session.scalars(query)
        ]
