"""ORM rows of the parameter packages (参数下发): those the upper level sent, those a unit applied.

They share :class:`~unionperf.store.rows.Base`; the migration environment imports this module.
"""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from unionperf.store.rows import Base


class ParamsSentRow(Base):
    """Upper level: a parameter package it wrote (its sequence numbers the packages)."""

    __tablename__ = "params_sent"
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    package_id: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[str] = mapped_column(String(40))


class ParamsReceivedRow(Base):
    """Unit: a parameter package of the upper level it applied, with what it held and changed.

    The library is kept zlib-compressed (the newest package that holds one is the library in
    use); settings and deadlines are JSON texts.
    """

    __tablename__ = "params_received"
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    package_id: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    sender: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[str] = mapped_column(String(40))
    library_blob: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    settings_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    deadlines_json: Mapped[str] = mapped_column(Text)
    applied_years: Mapped[str] = mapped_column(String(200))
    """The years whose settings were replaced, comma-separated."""
    skipped_years: Mapped[str] = mapped_column(String(200))
    """The years left as they were because a stage of them was already signed off."""
