"""The PostgreSQL driver (psycopg 3) as this program would load it, without any server.

An upper-level workspace on PostgreSQL (``postgresql+psycopg://…``) needs psycopg and a libpq.
The bundle and the ``.deb`` carry both (psycopg-binary brings its own libpq); an installation
from source has them only with the optional extra ``unionperf[postgresql]``. The self-test asks
here whether the driver loads, through SQLAlchemy's dialect as a real workspace would.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine

__all__ = ["PostgresqlDriver", "load_postgresql_driver"]

_PROBE_URL = "postgresql+psycopg://selftest@/selftest"
"""A URL that is never connected to: creating the engine loads the dialect and the driver."""


@dataclass(frozen=True, slots=True)
class PostgresqlDriver:
    """The loaded driver: psycopg's version, its implementation and libpq's version."""

    psycopg: str
    implementation: str
    """``binary`` (psycopg-binary and its own libpq), ``c`` or ``python`` (the system's libpq)."""
    libpq: str


def load_postgresql_driver() -> PostgresqlDriver | None:
    """Load psycopg and libpq as a PostgreSQL workspace would; None when psycopg is not installed.

    Raises:
        ImportError: psycopg is there but cannot load (no implementation, no libpq), or
            SQLAlchemy's psycopg dialect is missing.
    """
    try:
        import psycopg  # noqa: PLC0415 - optional: only an upper level's PostgreSQL store needs it
    except ModuleNotFoundError as error:
        if error.name == "psycopg":
            return None
        raise
    create_engine(_PROBE_URL).dispose()  # the dialect imports the driver by name; no connection
    libpq = psycopg.pq.version()
    return PostgresqlDriver(
        psycopg=psycopg.__version__,
        implementation=psycopg.pq.__impl__,
        libpq=psycopg.pq.version_pretty(libpq),
    )
