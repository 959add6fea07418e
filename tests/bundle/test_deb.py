"""The .deb (`make deb`): installed into a temporary root, the installed program tests itself."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.bundle.conftest import POSTGRESQL_DRIVER, VERSION, clean_environment

pytestmark = pytest.mark.bundle


@pytest.fixture(scope="module")
def installed(deb, tmp_path_factory):
    """The .deb unpacked with ``dpkg -x`` (what ``dpkg -i`` puts on disk, without the scripts)."""
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    return root


def test_the_installed_program_passes_its_selftest(installed, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    report = tmp_path / "report.txt"
    program = installed / "opt" / "unionperf" / "unionperf"
    done = subprocess.run(
        [str(program), "selftest", "--report", str(report)],
        cwd=home,
        env=clean_environment(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = report.read_text(encoding="utf-8")
    assert f"安装包 {program.parent}" in text
    assert POSTGRESQL_DRIVER.search(text), text
    assert text.rstrip().splitlines()[-1].startswith("自检通过 (selftest passed)：9 项")


def test_the_package_puts_the_command_menu_entry_icon_and_mime_type_in_place(installed, deb):
    assert os.readlink(installed / "usr" / "bin" / "unionperf") == "/opt/unionperf/unionperf"
    desktop = (installed / "usr/share/applications/unionperf.desktop").read_text(encoding="utf-8")
    assert "Exec=unionperf %f" in desktop
    assert "MimeType=application/x-unionperf-package;" in desktop
    assert "Name[zh_CN]=工会预算绩效管理" in desktop
    mime = (installed / "usr/share/mime/packages/unionperf.xml").read_text(encoding="utf-8")
    assert '<glob pattern="*.upkg"' in mime
    for size in (16, 32, 48, 256):
        assert (installed / f"usr/share/icons/hicolor/{size}x{size}/apps/unionperf.png").is_file()
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Package: unionperf" in fields
    assert f"Version: {VERSION}" in fields
    assert "Architecture: amd64" in fields
    assert "libc6 (>= 2.3" in fields  # the bundle's own glibc floor, found by the build script
