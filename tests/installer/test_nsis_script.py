"""The Windows installer script: compiles with makensis (warnings as errors) and keeps its promises.

The promises (issue 6): per-user install without administrator rights (HKCU only), Chinese texts,
a .upkg file association, and an uninstaller that removes exactly what was installed and never a
workspace. Compiling needs Debian's makensis (package nsis); the text checks run everywhere.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer" / "unionperf.nsi"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
CHECK = ROOT / "installer" / "installer-check.sh"
ICON = ROOT / "resources" / "icons" / "unionperf.ico"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

needs_makensis = pytest.mark.skipif(
    shutil.which("makensis") is None, reason="makensis not installed (Debian package nsis)"
)


def _without_comment(line: str) -> str:
    """``line`` up to a ``;`` or ``#`` comment outside quotes."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'`":
            quote = char
        elif char in ";#" and (index == 0 or line[index - 1].isspace()):
            return line[:index]
    return line


def _code_lines() -> list[str]:
    """The script's lines without comments and blank lines, stripped."""
    lines = []
    for raw in SCRIPT.read_text(encoding="utf-8-sig").splitlines():
        line = _without_comment(raw).strip()
        if line:
            lines.append(line)
    return lines


def _section(title: str) -> list[str]:
    """The lines of the section whose Section line contains ``title``."""
    lines = _code_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Section ") and title in line)
    end = next(i for i in range(start, len(lines)) if lines[i] == "SectionEnd")
    return lines[start + 1 : end]


def _defines() -> dict[str, str]:
    """The script's simple ``!define NAME "value"`` definitions."""
    found = {}
    for line in _code_lines():
        match = re.match(r'!define (\w+) "([^"]*)"', line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def _expand(text: str) -> str:
    """``text`` with the script's defines substituted (one level, as they are used)."""
    defines = _defines()
    return re.sub(r"\$\{(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), text)


def _arguments(line: str) -> list[str]:
    """The quoted or bare arguments of one instruction line, after the instruction."""
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|(\S+)', line)
    return [_expand(next(p for p in part if p) if any(part) else "") for part in parts][1:]


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A stand-in for the one-folder bundle: the Linux executable name, nested _internal files."""
    bundle = tmp_path / "bundle" / "unionperf"
    (bundle / "_internal" / "PySide6" / "plugins").mkdir(parents=True)
    (bundle / "unionperf").write_text("#!/bin/sh\necho ok\n", encoding="utf-8")
    (bundle / "unionperf").chmod(0o755)
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (bundle / "_internal" / "PySide6" / "plugins" / "marker-qxcb.txt").write_text("x")
    return bundle


# ---------------------------------------------------------------- compiling


@needs_makensis
def test_installer_check_compiles_the_script_against_a_linux_bundle(fake_bundle, tmp_path):
    outfile = tmp_path / "out" / f"unionperf-{VERSION}-setup.exe"
    result = subprocess.run(
        ["bash", str(CHECK), str(fake_bundle), str(outfile)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert outfile.read_bytes()[:2] == b"MZ"
    assert "without warnings" in result.stdout


@needs_makensis
def test_the_installer_carries_every_file_of_the_bundle(fake_bundle, tmp_path):
    result = _makensis(tmp_path, f"-DVERSION={VERSION}", f"-DBUNDLE={fake_bundle}", "-V4")
    assert result.returncode == 0, result.stdout + result.stderr
    # File: "name" 92 bytes / File: "name"->"target" 92 bytes; the plug-ins go to $PLUGINSDIR.
    packed = re.findall(r'^File: "([^"]+)"(?:->"[^$"]+")? \d+ bytes', result.stdout, re.MULTILINE)
    assert sorted(packed) == ["base_library.zip", "marker-qxcb.txt", "unionperf", "unionperf.ico"]


@needs_makensis
@pytest.mark.parametrize(
    ("version", "numeric"),
    [("0.1.0", "0.1.0.0"), ("2.3rc1", "2.3.0.0"), ("1.0.2.dev4", "1.0.2.0")],
)
def test_a_numeric_file_version_is_derived_from_any_version(
    fake_bundle, tmp_path, version, numeric
):
    result = _makensis(tmp_path, f"-DVERSION={version}", f"-DBUNDLE={fake_bundle}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _file_version(tmp_path / "setup-under-test.exe") == numeric


def _file_version(exe: Path) -> str:
    """The file version in the executable's VS_FIXEDFILEINFO (its Properties → Details)."""
    data = exe.read_bytes()
    start = data.find(struct.pack("<I", 0xFEEF04BD))
    assert start > 0, "no version resource"
    _, _, most, least = struct.unpack_from("<4I", data, start)
    return f"{most >> 16}.{most & 0xFFFF}.{least >> 16}.{least & 0xFFFF}"


@needs_makensis
def test_compiling_without_a_version_fails_with_a_clear_message(fake_bundle, tmp_path):
    result = _makensis(tmp_path, f"-DBUNDLE={fake_bundle}")
    assert result.returncode != 0
    assert "VERSION is not defined" in result.stdout + result.stderr
    assert not (tmp_path / "setup-under-test.exe").exists()


@needs_makensis
def test_installer_check_refuses_a_missing_bundle(tmp_path):
    result = subprocess.run(
        ["bash", str(CHECK), str(tmp_path / "nowhere"), str(tmp_path / "x-setup.exe")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "bundle folder not found" in result.stderr


def _makensis(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "makensis",
            "-WX",
            "-INPUTCHARSET",
            "UTF8",
            f"-DICON={ICON}",
            f"-DOUTFILE={tmp_path / 'setup-under-test.exe'}",
            *options,
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


# ---------------------------------------------------------------- the script's promises


def test_the_script_is_unicode_and_utf8_with_a_byte_order_mark():
    # makensis on Windows reads a file without BOM in the ANSI code page: the Chinese would break.
    assert SCRIPT.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Unicode true" in _code_lines()


def test_installs_per_user_without_administrator_rights():
    lines = _code_lines()
    assert "RequestExecutionLevel user" in lines
    assert not any(
        line.startswith("RequestExecutionLevel") and "user" not in line for line in lines
    )
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\UnionPerf"' in lines
    for line in lines:
        assert not re.search(r"\b(HKLM|HKCR|HKEY_LOCAL_MACHINE|HKEY_CLASSES_ROOT|SHCTX)\b", line)
        assert "SetShellVarContext all" not in line
        if line.startswith(("WriteReg", "DeleteReg", "InstallDirRegKey")):
            assert _arguments(line)[0] == "HKCU", line
        if line.startswith(("ReadReg", "EnumReg")):
            assert _arguments(line)[1] == "HKCU", line


def test_texts_are_simplified_chinese():
    languages = [line for line in _code_lines() if "MUI_LANGUAGE" in line]
    assert languages == ['!insertmacro MUI_LANGUAGE "SimpChinese"']
    assert _defines()["APP_NAME"] == "工会预算绩效管理"
    confirm = next(line for line in _code_lines() if "MUI_UNCONFIRMPAGE_TEXT_TOP" in line)
    assert "工作区数据不会被删除" in confirm


def test_registers_an_uninstall_entry_under_hkcu():
    key = "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\UnionPerf"
    assert _defines()["UNINST_KEY"] == key
    written = {
        _arguments(line)[2]
        for line in _section("APP_NAME")
        if line.startswith("WriteReg") and _arguments(line)[1] == key
    }
    assert {
        "DisplayName",
        "DisplayVersion",
        "Publisher",
        "DisplayIcon",
        "UninstallString",
        "NoModify",
        "NoRepair",
        "EstimatedSize",
    } <= written


def test_upkg_files_open_in_the_program():
    install = [_expand(line) for line in _section("APP_NAME")]
    assert 'WriteRegStr HKCU "Software\\Classes\\.upkg" "" "UnionPerf.Package"' in install
    command = next(line for line in install if "shell\\open\\command" in line)
    assert _arguments(command)[-1] == '"$INSTDIR\\unionperf.exe" "%1"'
    assert any("UnionPerf.Package\\DefaultIcon" in line for line in install)
    for section in (install, _section("Uninstall")):
        assert any("SHChangeNotify(i 0x08000000" in line for line in section)


def test_start_menu_and_desktop_shortcuts_start_the_program():
    shortcuts = [
        _arguments(line) for line in _section("APP_NAME") if line.startswith("CreateShortCut")
    ]
    assert {args[0].split("\\")[0] for args in shortcuts} == {"$SMPROGRAMS", "$DESKTOP"}
    assert all(args[1] == "$INSTDIR\\unionperf.exe" for args in shortcuts)


def test_the_uninstaller_removes_every_shortcut_and_registry_key_it_made():
    install, uninstall = _section("APP_NAME"), _section("Uninstall")
    deleted_files = {_arguments(line)[0] for line in uninstall if line.startswith("Delete ")}
    for line in install:
        if line.startswith("CreateShortCut"):
            assert _arguments(line)[0] in deleted_files
    removed_keys = {_arguments(line)[-1] for line in uninstall if line.startswith("DeleteRegKey")}
    # System::Call 'shlwapi::SHDeleteEmptyKeyW(p <HKCU>, w "<key>")'
    removed_keys |= {
        match.group(1)
        for line in uninstall
        if (match := re.search(r'SHDeleteEmptyKeyW\(p \$\{HKCU_ROOT\}, w "([^"]+)"\)', line))
    }
    removed_values = {
        tuple(_arguments(line)[1:3]) for line in uninstall if line.startswith("DeleteRegValue")
    }
    for line in install:
        if line.startswith("WriteReg"):
            key, value = _arguments(line)[1:3]
            parent_removed = any(key == k or key.startswith(k + "\\") for k in removed_keys)
            assert parent_removed or (key, value) in removed_values, line


def test_the_uninstaller_never_deletes_the_install_folder_wholesale_or_a_workspace():
    uninstall = _section("Uninstall")
    removals = [line for line in _code_lines() if line.startswith(("Delete ", "RMDir "))]
    assert removals, "no removal found: the parsing is broken"
    for line in removals:
        target = _arguments(line)[-1]
        assert target.startswith(("$INSTDIR\\", "$SMPROGRAMS\\", "$DESKTOP\\")) or (
            line == 'RMDir "$INSTDIR"'
        ), line
        assert "workspace" not in target.lower()
        assert "$LOCALAPPDATA" not in target
        assert "$APPDATA" not in target
        if line.startswith("RMDir /r"):
            assert target == "$INSTDIR\\_internal", line
    assert 'RMDir "$INSTDIR"' in uninstall  # only when empty, as the last step
    assert 'Delete "$INSTDIR\\${APP_EXE}"' in uninstall
    assert 'Delete "$INSTDIR\\uninstall.exe"' in uninstall


def test_the_windows_workflow_compiles_the_release_installer():
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in workflow
    call = re.search(r"& \$env:MAKENSIS (.*?)installer\\unionperf\.nsi", workflow, re.DOTALL)
    assert call, "the workflow does not compile installer/unionperf.nsi"
    passed = set(re.findall(r'"/D(\w+)=', call.group(1)))
    assert passed == {"VERSION", "BUNDLE", "ICON", "OUTFILE"}
    assert "/WX" in call.group(1)
    assert "NOCOMPRESS" not in workflow  # the release installer is compressed
    known = set(re.findall(r"!ifn?def (\w+)", SCRIPT.read_text(encoding="utf-8-sig")))
    assert passed <= known
    assert "selftest --report" in workflow
