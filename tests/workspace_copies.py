"""Copies of a closed workspace folder for tests that make a workspace once and copy it per test.

A workspace whose store is on PostgreSQL (``--postgresql``) keeps only the database's URL in its
folder: a plain copy of the folder would share the database with the original and every other
copy. :func:`copy_workspace` gives such a copy a database of its own, cloned from the original's
(``CREATE DATABASE … TEMPLATE``), and points the copy's settings at it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from unionperf.store.database_settings import read_url, write_url


def copy_workspace(source: Path, target: Path) -> Path:
    """Copy the closed workspace at ``source`` to ``target`` (with its own database); ``target``."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("unionperf.lock"))
    url = read_url(source)
    if url is not None:
        from tests.pg_cluster import clone_database  # noqa: PLC0415 - PostgreSQL runs only

        write_url(target, clone_database(url))
    return target
