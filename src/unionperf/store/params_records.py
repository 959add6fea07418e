"""Parameter packages (参数下发) in the store: the upper level's and a unit's records.

At the upper level the parameters it sends (indicator library, rule settings, deadlines) are
kept as JSON texts in ``workspace_meta``; each package written is logged with its sequence. A unit
logs each package it applied with what it held; the newest package holding a library gives the
library in use, the newest holding settings the settings for years started later, and the newest
package the deadlines. Every write is audited.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionperf.store import audit, tx_memory
from unionperf.store.audit import now
from unionperf.store.params_rows import ParamsReceivedRow, ParamsSentRow
from unionperf.store.rows import MetaRow

LIBRARY_KEY = "params.library"
SETTINGS_KEY = "params.settings"
DEADLINES_KEY = "params.deadlines"


@dataclass(frozen=True, slots=True)
class UpperParams:
    """What the upper level sends down, as JSON texts (``None``: not set, not sent)."""

    library: str | None
    settings: str | None
    deadlines: str | None


@dataclass(frozen=True, slots=True)
class ParamsSent:
    """A parameter package the upper level wrote."""

    sequence: int
    package_id: str
    sha256: str
    file_name: str
    created_at: str


@dataclass(frozen=True, slots=True)
class ParamsApplied:
    """A parameter package a unit applied, with what it held and which years it changed."""

    sequence: int
    package_id: str
    sha256: str
    sender: str
    received_at: str
    library: str | None
    settings: str | None
    deadlines: str
    applied_years: tuple[int, ...]
    skipped_years: tuple[int, ...]


class ParamsRecords:
    """Reads and writes the parameter records inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- upper level ----------------------------------------------------------------------------

    def upper_params(self) -> UpperParams:
        """The parameters the upper level has set to send down."""
        return UpperParams(*(self._meta(key) for key in (LIBRARY_KEY, SETTINGS_KEY, DEADLINES_KEY)))

    def set_upper_params(
        self,
        *,
        library: str | None = None,
        settings: str | None = None,
        deadlines: str | None = None,
    ) -> None:
        """Set some of the parameters to send down (``None`` keeps one as it is)."""
        changed = {}
        for key, value in (
            (LIBRARY_KEY, library),
            (SETTINGS_KEY, settings),
            (DEADLINES_KEY, deadlines),
        ):
            if value is None:
                continue
            row = self.session.get(MetaRow, key)
            if row is None:
                self.session.add(MetaRow(key=key, value=value))
            else:
                row.value = value
            changed[key] = len(value)
        if changed:
            audit.record(self.session, "set", "parameters", "upper", {"characters": changed})

    def last_sent_sequence(self) -> int:
        """The highest sequence of the parameter packages written (0 when none)."""
        return int(self.session.scalar(select(func.max(ParamsSentRow.sequence))) or 0)

    def log_sent(self, item: ParamsSent) -> None:
        """Record a written parameter package."""
        self.session.add(
            ParamsSentRow(
                sequence=item.sequence,
                package_id=item.package_id,
                sha256=item.sha256,
                file_name=item.file_name,
                created_at=item.created_at,
            )
        )
        audit.record(
            self.session,
            "export",
            "parameters",
            item.package_id,
            {"sequence": item.sequence, "sha256": item.sha256, "file": item.file_name},
        )

    def sent(self) -> list[ParamsSent]:
        """The parameter packages written, oldest first."""
        rows = self.session.scalars(select(ParamsSentRow).order_by(ParamsSentRow.sequence))
        return [
            ParamsSent(row.sequence, row.package_id, row.sha256, row.file_name, row.created_at)
            for row in rows
        ]

    # -- unit -----------------------------------------------------------------------------------

    def last_applied_sequence(self) -> int:
        """The highest sequence of the parameter packages applied (0 when none)."""
        return int(self.session.scalar(select(func.max(ParamsReceivedRow.sequence))) or 0)

    def has_applied(self, sha256: str) -> bool:
        """Whether this parameter package was applied already."""
        known = tx_memory.recall(self.session, ("applied", sha256))
        if known is not None:
            return bool(known)
        query = select(ParamsReceivedRow.sequence).where(ParamsReceivedRow.sha256 == sha256)
        return self.session.scalar(query) is not None

    def log_applied(self, item: ParamsApplied) -> None:
        """Record an applied parameter package with what it held."""
        tx_memory.remember(self.session, ("applied", item.sha256), True)
        self.session.add(
            ParamsReceivedRow(
                sequence=item.sequence,
                package_id=item.package_id,
                sha256=item.sha256,
                sender=item.sender,
                received_at=item.received_at or now(),
                library_blob=(
                    zlib.compress(item.library.encode("utf-8"))
                    if item.library is not None
                    else None
                ),
                settings_json=item.settings,
                deadlines_json=item.deadlines,
                applied_years=",".join(map(str, item.applied_years)),
                skipped_years=",".join(map(str, item.skipped_years)),
            )
        )
        audit.record(
            self.session,
            "apply",
            "parameters",
            item.package_id,
            {
                "sequence": item.sequence,
                "sha256": item.sha256,
                "library": item.library is not None,
                "settings_years": list(item.applied_years),
                "skipped_years": list(item.skipped_years),
            },
        )

    def applied(self) -> list[ParamsApplied]:
        """The parameter packages applied, oldest first."""
        rows = self.session.scalars(select(ParamsReceivedRow).order_by(ParamsReceivedRow.sequence))
        return [_applied(row) for row in rows]

    def applied_library(self) -> str | None:
        """The library (JSON text) of the newest applied package that holds one."""
        blob = self.session.scalar(
            select(ParamsReceivedRow.library_blob)
            .where(ParamsReceivedRow.library_blob.is_not(None))
            .order_by(ParamsReceivedRow.sequence.desc())
            .limit(1)
        )
        return zlib.decompress(blob).decode("utf-8") if blob is not None else None

    def applied_settings(self) -> str | None:
        """The settings (JSON text) of the newest applied package that holds them."""
        return self.session.scalar(
            select(ParamsReceivedRow.settings_json)
            .where(ParamsReceivedRow.settings_json.is_not(None))
            .order_by(ParamsReceivedRow.sequence.desc())
            .limit(1)
        )

    def applied_deadlines(self) -> str | None:
        """The deadlines (JSON text) of the newest applied package."""
        return self.session.scalar(
            select(ParamsReceivedRow.deadlines_json)
            .order_by(ParamsReceivedRow.sequence.desc())
            .limit(1)
        )

    def _meta(self, key: str) -> str | None:
        row = self.session.get(MetaRow, key)
        return row.value if row is not None else None


def _years(text: str) -> tuple[int, ...]:
    return tuple(int(item) for item in text.split(",") if item.strip())


def _applied(row: ParamsReceivedRow) -> ParamsApplied:
    return ParamsApplied(
        row.sequence,
        row.package_id,
        row.sha256,
        row.sender,
        row.received_at,
        zlib.decompress(row.library_blob).decode("utf-8") if row.library_blob is not None else None,
        row.settings_json,
        row.deadlines_json,
        _years(row.applied_years),
        _years(row.skipped_years),
    )
