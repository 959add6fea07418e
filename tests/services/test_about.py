"""About facts: the build's real versions and the bundled font's licence, without Qt or Alembic."""

from __future__ import annotations

import platform
import subprocess
import sys
from dataclasses import FrozenInstanceError

import pytest

import unionperf
from unionperf.exchange.codec import DATA_FORMAT_VERSION
from unionperf.exchange.package import FORMAT_VERSION
from unionperf.resources import resource_path
from unionperf.services.common.about import about_facts, read_font_licence
from unionperf.store.migrate import HEAD_REVISION, script_revisions

LICENCE = resource_path("fonts", "LICENSE-wqy-microhei.txt")


def test_facts_are_the_build_constants():
    facts = about_facts()
    assert facts.app_version == unionperf.__version__
    assert facts.schema_version == HEAD_REVISION
    assert facts.package_format_version == FORMAT_VERSION
    assert facts.data_format_version == DATA_FORMAT_VERSION
    assert facts.python_version == platform.python_version()
    assert facts.system


def test_schema_version_is_the_newest_migration_script():
    head, _every = script_revisions()
    assert about_facts().schema_version == head


def test_font_name_and_licence_come_from_the_bundled_copyright_file():
    font = about_facts().font
    upstream = next(
        line.split(":", 1)[1].strip()
        for line in LICENCE.read_text(encoding="utf-8").splitlines()
        if line.startswith("Upstream-Name:")
    )
    assert font.name == upstream
    assert font.name.startswith("WenQuanYi Micro Hei")
    assert "Apache-2.0" in font.licence
    assert font.licence == "Apache-2.0 or GPL-3+ with Font exception"
    assert font.text == LICENCE.read_text(encoding="utf-8")
    assert "Licensed under the Apache License, Version 2.0" in font.text


def test_licence_of_the_font_files_not_of_the_packaging(tmp_path):
    copyright_file = tmp_path / "copyright"
    copyright_file.write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: Some Font\n"
        "\n"
        "Files: debian/*\n"
        "Copyright: 2020, Packager\n"
        "License: GPL-2+\n"
        "  \n"
        "Files: *\n"
        "Copyright: 2019, Designer\n"
        "License: OFL-1.1\n"
        " The full text follows.\n"
        "\n"
        "License: OFL-1.1\n"
        " SIL Open Font License.\n",
        encoding="utf-8",
    )
    font = read_font_licence(copyright_file)
    assert (font.name, font.licence) == ("Some Font", "OFL-1.1")
    assert "SIL Open Font License." in font.text


def test_missing_copyright_file_gives_empty_texts(tmp_path):
    font = read_font_licence(tmp_path / "missing.txt")
    assert (font.name, font.licence, font.text) == ("", "", "")


def test_facts_are_frozen():
    facts = about_facts()
    with pytest.raises(FrozenInstanceError):
        facts.app_version = "9.9"  # type: ignore[misc]


def test_about_imports_neither_qt_nor_alembic():
    code = (
        "import sys; import unionperf.services.common.about as a; a.about_facts(); "
        "print(sorted(m for m in ('PySide6', 'alembic') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
