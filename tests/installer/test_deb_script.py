"""The Debian package script: a .deb of a bundle, unpacked into a temporary root, runs.

installer/build-deb.sh runs against a stand-in bundle (a shell script answering ``selftest``) and
the repository's icons; ``dpkg -x`` unpacks the package without touching the system.
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "installer" / "build-deb.sh"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_TYPE = "application/x-unionperf-package"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-deb") is None, reason="dpkg-deb not installed (Debian package dpkg)"
)


def _make_bundle(folder: Path) -> Path:
    """A stand-in for dist/unionperf: an executable answering ``selftest`` and an _internal tree."""
    bundle = folder / "unionperf"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    executable = bundle / "unionperf"
    executable.write_text(
        '#!/bin/sh\n[ "$1" = selftest ] && { echo "selftest ok from $0"; exit 0; }\nexit 3\n',
        encoding="utf-8",
    )
    executable.chmod(0o700)  # deliberately private: the package must make it runnable by all
    (bundle / "_internal" / "resources" / "data.txt").write_text("data", encoding="utf-8")
    # a bundled library's symbol version needs, as in its .dynstr
    needs = b"\x7fELF\0libc.so.6\0GLIBC_2.2.5\0GLIBC_2.31\0GLIBC_2.17\0GLIBC_PRIVATE\0"
    (bundle / "_internal" / "libfake.so.1").write_bytes(needs)
    return bundle


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A stand-in bundle for one test."""
    return _make_bundle(tmp_path / "bundle")


def _build(bundle: Path, out: Path, *extra: str, env: dict[str, str] | None = None):
    return subprocess.run(
        ["bash", str(BUILD), str(bundle), str(out), *extra],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built from a stand-in bundle (once for the module: the tests only read it)."""
    folder = tmp_path_factory.mktemp("deb")
    result = _build(_make_bundle(folder / "bundle"), folder / "out")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip().splitlines()[-1])
    assert path.is_file()
    return path


@pytest.fixture(scope="module")
def installed(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's files unpacked into a temporary root, as dpkg would place them."""
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def _desktop_entry(root: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(root / "usr/share/applications/unionperf.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_package_is_named_after_version_and_architecture(deb):
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert deb.name == f"unionperf_{VERSION}_{arch}.deb"


def test_the_installed_program_runs_its_selftest(installed):
    executable = installed / "opt/unionperf/unionperf"
    assert executable.stat().st_mode & 0o755 == 0o755
    result = subprocess.run(
        [str(executable), "selftest"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "selftest ok" in result.stdout
    assert (installed / "opt/unionperf/_internal/resources/data.txt").read_text() == "data"


def test_the_command_on_the_path_links_to_the_bundle(installed):
    link = installed / "usr/bin/unionperf"
    assert link.is_symlink()
    target = Path(os.readlink(link))
    # Absolute (crosses top-level folders): inside the unpacked root it is read relative to it.
    resolved = installed / target.relative_to("/") if target.is_absolute() else link.parent / target
    assert resolved.resolve() == (installed / "opt/unionperf/unionperf").resolve()


def test_control_fields(deb):
    assert _field(deb, "Package") == "unionperf"
    assert _field(deb, "Version") == VERSION
    assert _field(deb, "Priority") == "optional"
    assert int(_field(deb, "Installed-Size")) > 0
    depends = {name.strip() for name in _field(deb, "Depends").split(",")}
    # what Qt's xcb platform plug-in loads (installer/system-packages.sh)
    assert {"libegl1", "libfontconfig1", "libxkbcommon-x11-0", "libxcb-cursor0"} <= depends
    assert "libglib2.0-0 | libglib2.0-0t64" in depends  # renamed in Debian 13 / Ubuntu 24.04
    # the newest glibc the bundled binaries need: older systems refuse the package
    assert "libc6 (>= 2.31)" in depends
    assert "工会预算绩效管理" in _field(deb, "Description")


def test_upkg_files_have_their_own_mime_type(installed):
    tree = ET.parse(installed / "usr/share/mime/packages/unionperf.xml")
    mime = tree.getroot().find(f"{MIME_NS}mime-type")
    assert mime is not None
    assert mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.upkg"]
    assert [s.get("type") for s in mime.findall(f"{MIME_NS}sub-class-of")] == ["application/zip"]
    comments = {c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text for c in mime}
    assert comments.get("zh_CN") == "工会预算绩效数据包"


def test_the_desktop_entry_opens_upkg_files(installed):
    entry = _desktop_entry(installed)
    assert entry["Exec"] == "unionperf %f"
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    assert entry["Name[zh_CN]"] == "工会预算绩效管理"
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Icon"] == "unionperf"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate not installed (Debian package desktop-file-utils)",
)
def test_the_desktop_entry_is_valid(installed):
    result = subprocess.run(
        ["desktop-file-validate", str(installed / "usr/share/applications/unionperf.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no hints or warnings either


def test_icons_are_installed_in_every_size(installed):
    icons = installed / "usr/share/icons/hicolor"
    for size in ICON_SIZES:
        png = (icons / f"{size}x{size}/apps/unionperf.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (size, size)
    assert b"<svg" in (icons / "scalable/apps/unionperf.svg").read_bytes()


def test_the_copyright_file_carries_the_bundled_font_licence(installed):
    copyright_text = (installed / "usr/share/doc/unionperf/copyright").read_text(encoding="utf-8")
    licence = (ROOT / "resources/fonts/LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert licence.strip() in copyright_text


def test_maintainer_scripts_are_executable_and_never_fail(deb, tmp_path):
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    for name in ("postinst", "postrm"):
        script = control / name
        assert script.stat().st_mode & 0o755 == 0o755
        subprocess.run(["sh", "-n", str(script)], check=True)
        # Without the refresh tools on the PATH, the scripts still succeed.
        result = subprocess.run(
            ["/bin/sh", str(script), "configure" if name == "postinst" else "remove"],
            env={"PATH": str(tmp_path / "empty")},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr


def test_a_pre_release_sorts_before_its_release(fake_bundle, tmp_path):
    (fake_bundle / "_internal" / "libfake.so.1").unlink()
    result = _build(fake_bundle, tmp_path / "out", "0.2.0rc1")
    assert result.returncode == 0, result.stderr
    deb = Path(result.stdout.strip().splitlines()[-1])
    assert _field(deb, "Version") == "0.2.0~rc1"
    assert "libc6" not in _field(deb, "Depends")  # no binary: no glibc need
    older = subprocess.run(["dpkg", "--compare-versions", "0.2.0~rc1", "lt", "0.2.0"], check=False)
    assert older.returncode == 0


def test_missing_icons_are_reported(fake_bundle, tmp_path):
    result = _build(fake_bundle, tmp_path / "out", env={"UNIONPERF_ICONS": str(tmp_path / "none")})
    assert result.returncode != 0
    assert "icon folder not found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_folder_without_the_executable_is_refused(tmp_path):
    (tmp_path / "empty" / "_internal").mkdir(parents=True)
    result = _build(tmp_path / "empty", tmp_path / "out")
    assert result.returncode != 0
    assert "not a Linux PyInstaller bundle" in result.stderr
