"""The upper level's read of the ``data.json`` texts of the current packages of a stage."""

from __future__ import annotations

import zlib
from collections.abc import Collection, Iterator

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from unionperf.store.rows import ReceivedRow


class ReceivedDocumentQueries:
    """汇总's read of what only the packages' data holds (e.g. the ex-ante assessments)."""

    session: Session

    def current_documents(
        self, year: int, stage: str, units: Collection[str] | None = None
    ) -> Iterator[tuple[str, str]]:
        """Each unit's code with the ``data.json`` text of its current package of the stage.

        One package is decompressed at a time, so a large group is not held in memory at once.
        """
        conditions: list[ColumnElement[bool]] = [
            ReceivedRow.year == year,
            ReceivedRow.stage == stage,
            ReceivedRow.current.is_(True),
        ]
        if units is not None:
            conditions.append(ReceivedRow.unit_code.in_(sorted(units)))
        query = (
            select(ReceivedRow.unit_code, ReceivedRow.data_blob)
            .where(*conditions)
            .order_by(ReceivedRow.unit_code)
        )
        for code, blob in self.session.execute(query):
            yield code, zlib.decompress(blob).decode("utf-8")
