"""Where the built bundle and .deb are; tests fail instead of skipping when `make test` runs."""

from __future__ import annotations

import os
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BUNDLE = DIST / "unionperf"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
EXECUTABLE = "unionperf.exe" if sys.platform == "win32" else "unionperf"
POSTGRESQL_DRIVER = re.compile(
    r"^通过 \(ok\)  加载 PostgreSQL 驱动（上级单位数据库）："
    r"psycopg 3\.\d+\.\d+（binary），libpq \d+\.\d+",
    re.MULTILINE,
)
"""The self-test's line that proves the bundle carries psycopg with its own libpq (issue 15)."""


def require(path: Path, how: str) -> Path:
    """``path`` when it exists; else skip — or fail when UNIONPERF_REQUIRE_BUNDLE is set."""
    if path.exists():
        return path
    message = f"{path} is missing: run `{how}` first"
    if os.environ.get("UNIONPERF_REQUIRE_BUNDLE"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def bundle() -> Path:
    """The one-folder bundle built by `make bundle`."""
    return require(BUNDLE / EXECUTABLE, "make bundle").parent


@pytest.fixture(scope="session")
def deb() -> Path:
    """The .deb built by `make deb`."""
    return require(DIST / f"unionperf_{VERSION}_amd64.deb", "make deb")


def clean_environment(home: Path) -> dict[str, str]:
    """An environment without the checkout's Python paths, with its own home folder.

    The installed program must not find anything of the development checkout, nor write into
    the real user's folders.
    """
    keep = ("PATH", "LANG", "LC_ALL", "DISPLAY", "XAUTHORITY", "SYSTEMROOT", "TEMP", "TMP")
    environment = {name: os.environ[name] for name in keep if name in os.environ}
    environment.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
    )
    return environment
