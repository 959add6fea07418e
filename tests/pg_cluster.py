"""A throw-away PostgreSQL cluster for the tests: a temporary folder, a Unix socket, no TCP.

``initdb`` refuses to run as root, so when the tests run as root (containers, CI) the cluster
runs as an unprivileged user (``nobody``) through ``runuser`` or ``setpriv``; a normal user runs
it as themself. The server listens only on a socket in the cluster's folder and is stopped (and
the folder removed) when :meth:`Cluster.stop` is called.

Each test gets a database of its own: ``CREATE DATABASE … TEMPLATE`` copies a template that
already holds the migrated schema, which takes a few milliseconds instead of running every
migration again.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

RUN_AS = "nobody"
"""The user the cluster runs as when the tests run as root."""
SUPERUSER = "postgres"
TEMPLATE = "unionperf_template"


class ClusterError(RuntimeError):
    """PostgreSQL's programs are missing or the cluster did not start."""


def find_bindir() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``: ``pg_config --bindir``, else Debian's folders.

    Raises:
        ClusterError: no PostgreSQL server programs on this machine.
    """
    candidates: list[Path] = []
    if shutil.which("pg_config"):
        result = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0:
            candidates.append(Path(result.stdout.strip()))
    candidates += [
        Path(item) for item in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    ]
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise ClusterError(
        "PostgreSQL server programs (initdb, pg_ctl) not found: install Debian's postgresql package"
    )


def _drop_privileges() -> list[str]:
    """The command prefix that runs a program as :data:`RUN_AS` (empty when not root)."""
    if os.getuid() != 0:
        return []
    if shutil.which("runuser"):
        return ["runuser", "-u", RUN_AS, "--"]
    if shutil.which("setpriv"):
        user = pwd.getpwnam(RUN_AS)
        return [
            "setpriv",
            f"--reuid={user.pw_uid}",
            f"--regid={user.pw_gid}",
            "--clear-groups",
            "--",
        ]
    raise ClusterError("running as root, but neither runuser nor setpriv is installed")


@dataclass
class Cluster:
    """A running throw-away cluster: its folder, socket folder and the databases made in it."""

    root: Path
    bindir: Path
    prefix: list[str]
    durable: bool = False
    """Keep fsync and synchronous commit on (benchmarks); the tests turn them off for speed."""
    _numbers: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def data(self) -> Path:
        """The cluster's data folder."""
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        """The folder holding the server's Unix socket."""
        return self.root

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` over the socket (no password: trust)."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [*self.prefix, *args], capture_output=True, text=True, check=False, cwd=self.root
        )
        if result.returncode != 0:
            raise ClusterError(f"{' '.join(args[:1])} failed: {result.stderr or result.stdout}")

    def start(self) -> None:
        """``initdb`` and ``pg_ctl start`` (listening on the socket only)."""
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = f"-c listen_addresses='' -k {self.socket_dir} -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove the folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(
                    str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
                )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg  # noqa: PLC0415 - only the PostgreSQL runs need it

        with psycopg.connect(
            host=str(self.socket_dir), user=SUPERUSER, dbname=database, autocommit=True
        ) as connection:
            connection.execute(sql)  # type: ignore[arg-type, unused-ignore]

    def new_database(self, *, template: str | None = TEMPLATE) -> str:
        """A fresh database (a copy of the migrated template unless ``template`` is None)."""
        name = f"test_{os.getpid()}_{next(self._numbers)}"
        source = f" TEMPLATE {template}" if template else ""
        self.execute(f"CREATE DATABASE {name}{source}")
        return self.url(name)


_copies = itertools.count()


def clone_database(url: str) -> str:
    """A new database holding a copy of the one at ``url`` (on its server); its URL.

    ``CREATE DATABASE … TEMPLATE`` copies the files of the source, which must have no other
    connection open (a closed workspace has none). The server is the one ``url`` names, so
    this works on any cluster the tests started, without a reference to it.
    """
    import psycopg  # noqa: PLC0415 - only the PostgreSQL runs need it
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    source = make_url(url)
    name = f"copy_{os.getpid()}_{next(_copies)}"
    with psycopg.connect(
        host=str(source.query["host"]), user=SUPERUSER, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'CREATE DATABASE {name} TEMPLATE "{source.database}"')  # type: ignore[arg-type, unused-ignore]
    return source.set(database=name).render_as_string(hide_password=False)


def start_cluster(*, durable: bool = False) -> Cluster:
    """A new cluster in a temporary folder, started, with the migrated template database.

    ``durable`` keeps PostgreSQL's default durability (fsync, synchronous commit), as a
    benchmark against SQLite's ``synchronous = FULL`` must.

    Raises:
        ClusterError: PostgreSQL is missing or would not start.
    """
    bindir = find_bindir()
    prefix = _drop_privileges()
    root = Path(tempfile.mkdtemp(prefix="unionperf-pg-"))
    if prefix:
        user = pwd.getpwnam(RUN_AS)
        os.chown(root, user.pw_uid, user.pw_gid)
    cluster = Cluster(root, bindir, prefix, durable)
    try:
        cluster.start()
        cluster.execute(f"CREATE DATABASE {TEMPLATE}")
        _migrate(cluster.url(TEMPLATE))
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _migrate(url: str) -> None:
    from unionperf.store import migrate  # noqa: PLC0415
    from unionperf.store.engine import database_engine  # noqa: PLC0415

    engine = database_engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
