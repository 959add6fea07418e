"""The zh_CN catalogue is complete, keeps every placeholder, matches the sources and the .qm."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from unionperf.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "unionperf_zh_CN.ts"
QM = ROOT / "resources" / "translations" / "unionperf_zh_CN.qm"
QT_EXTRA_TS = ROOT / "resources" / "translations" / "qtbase_extra_zh_CN.ts"
QT_EXTRA_QM = ROOT / "resources" / "translations" / "qtbase_extra_zh_CN.qm"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found: install the dev dependencies (PySide6 tools)")
    return found


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found.append((name, message.findtext("source", ""), message.find("translation")))
    return found


def _unfinished(path: Path) -> list[str]:
    return [
        f"{context}: {source!r}"
        for context, source, translation in _messages(path)
        if translation is None
        or translation.get("type") in {"unfinished", "vanished", "obsolete"}
        or not (translation.text or "").strip()
    ]


def test_every_message_is_translated():
    assert _messages(TS), "the catalogue is empty"
    assert _unfinished(TS) == []


def test_translations_keep_every_placeholder():
    dropped = [
        f"{context}: {source!r} -> {translation.text!r}"
        for context, source, translation in _messages(TS)
        if translation is not None
        and sorted(PLACEHOLDER.findall(source))
        != sorted(PLACEHOLDER.findall(translation.text or ""))
    ]
    assert dropped == []


def test_catalogue_holds_every_string_of_the_sources(tmp_path):
    """lupdate over the current sources adds nothing new to (a copy of) the catalogue."""
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    sources = sorted(str(path) for path in (ROOT / "src" / "unionperf" / "ui").rglob("*.py"))
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
    )
    assert _unfinished(copy) == [], "new strings: run installer/translations.sh and translate"
    assert {(c, s) for c, s, _ in _messages(copy)} == {(c, s) for c, s, _ in _messages(TS)}


def test_committed_qm_is_what_lrelease_makes_of_the_ts(tmp_path):
    fresh = tmp_path / QM.name
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert QM.exists(), "run installer/translations.sh"
    assert QM.read_bytes() == fresh.read_bytes(), "stale .qm: run installer/translations.sh --qm"


def test_the_app_finds_and_loads_the_catalogue():
    path = resource_path("translations", "unionperf_zh_CN.qm")
    translator = QTranslator()
    assert translator.load(str(path))
    assert translator.translate("Steps", "Unit profile") == "单位信息"


def test_the_strings_qt_lacks_are_translated_and_compiled(tmp_path):
    assert _messages(QT_EXTRA_TS)
    assert _unfinished(QT_EXTRA_TS) == []
    fresh = tmp_path / QT_EXTRA_QM.name
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(QT_EXTRA_TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert QT_EXTRA_QM.read_bytes() == fresh.read_bytes(), "run installer/translations.sh --qm"


def test_the_app_makes_qt_s_file_dialog_speak_chinese(qapp, zh_cn):
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "文件名称(&N)："
