"""Bundled resources are found in the package, a PyInstaller bundle or the checkout."""

from __future__ import annotations

import sys

from unionperf import resources
from unionperf.resources import resource_path, resource_roots


def test_finds_the_bundled_font():
    assert resource_path("fonts", "wqy-microhei.ttc").is_file()


def test_pyinstaller_folder_is_searched_before_the_checkout(monkeypatch, tmp_path):
    (tmp_path / "resources" / "only-in-bundle").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    roots = resource_roots()
    assert roots.index(tmp_path / "resources") < len(roots) - 1
    assert resource_path("only-in-bundle") == tmp_path / "resources" / "only-in-bundle"


def test_missing_resource_points_into_an_existing_root():
    missing = resource_path("no-such-folder", "file.txt")
    assert not missing.exists()
    assert missing.parents[1].is_dir()
    assert missing.name == "file.txt"
    assert resources.__doc__
