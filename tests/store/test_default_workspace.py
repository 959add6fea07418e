"""Where a new workspace goes by default: a folder the user can see, not a hidden data folder.

The window's wizard and the command line (``--workspace`` left out) use the same default. A
workspace already made in the old hidden place stays there and is still the default.
"""

from __future__ import annotations

import sys

import pytest

from unionperf.store.paths import (
    DEFAULT_FOLDER_NAME,
    default_workspace_path,
    legacy_workspace_path,
)
from unionperf.store.workspace import open_store

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="XDG user folders are a Linux desktop's"
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh home: no settings, no data, the user folders of a Chinese desktop."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DOCUMENTS_DIR"):
        monkeypatch.delenv(name, raising=False)
    config = home / ".config"
    config.mkdir(mode=0o700)
    (config / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/文档"\n', encoding="utf-8")
    return home


def test_the_default_is_in_the_documents_folder_the_desktop_names(home):
    (home / "文档").mkdir()
    assert DEFAULT_FOLDER_NAME == "工会预算绩效工作区"
    assert default_workspace_path() == home / "文档" / "工会预算绩效工作区"
    assert not any(part.startswith(".") for part in default_workspace_path().parts[-3:])


def test_without_a_documents_folder_the_default_is_in_the_home_folder(home):
    assert default_workspace_path() == home / "工会预算绩效工作区"


def test_a_workspace_already_in_the_old_hidden_place_stays_the_default(home):
    (home / "文档").mkdir()
    old = legacy_workspace_path()
    assert old == home / ".local" / "share" / "UnionPerf" / "workspace"
    open_store(old, create=True).close()
    assert default_workspace_path() == old
