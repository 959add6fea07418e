"""The .deb for older systems (`make deb-legacy`), installed by dpkg into a Debian 11 root.

Debian 11 "bullseye" (glibc 2.31, Qt's X libraries of that era) stands in for 麒麟 Kylin V10 and
统信 UOS 20: `dpkg -i` must accept the package there (its Depends, glibc floor included, are met
by bullseye's packages) and the installed program must pass its self-test under `chroot`, once
offscreen and once on a real X server (Xvfb). The root is made and kept under build/legacy by
installer/legacy/root.sh; these tests need root and run in `make test-legacy`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.bundle.conftest import DIST, POSTGRESQL_DRIVER, ROOT, VERSION, clean_environment

pytestmark = pytest.mark.legacy

LEGACY_DEB = DIST / "legacy" / f"unionperf_{VERSION}_amd64.deb"
TEST_ROOT = ROOT / "build" / "legacy" / "test-amd64"
CHROOT = ROOT / "installer" / "legacy" / "chroot.sh"
UOS_20_GLIBC = (2, 28)
"""统信 UOS 20's glibc: the package must not ask for a newer one."""
CHECK_COUNT = 9


def _run_in_root(*command: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(CHROOT), str(TEST_ROOT), *command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def legacy_deb() -> Path:
    """The .deb built in the bullseye root by `make deb-legacy`."""
    if LEGACY_DEB.exists() and os.geteuid() == 0 and (TEST_ROOT / ".unionperf-root").exists():
        return LEGACY_DEB
    message = f"{LEGACY_DEB} or the root {TEST_ROOT} is missing (or not root): run make test-legacy"
    if os.environ.get("UNIONPERF_REQUIRE_LEGACY"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def installed(legacy_deb: Path) -> Path:
    """The package installed with dpkg -i into the bullseye root (removed again afterwards)."""
    shutil.copy(legacy_deb, TEST_ROOT / "tmp-unionperf.deb")
    try:
        done = _run_in_root("dpkg", "-i", "/tmp-unionperf.deb")
    finally:
        (TEST_ROOT / "tmp-unionperf.deb").unlink()
    assert done.returncode == 0, done.stdout + done.stderr
    yield TEST_ROOT
    _run_in_root("dpkg", "--purge", "unionperf")


def _glibc_floor(deb: Path) -> tuple[int, ...]:
    depends = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True, check=True
    ).stdout
    libc = next(part.strip() for part in depends.split(",") if part.strip().startswith("libc6 "))
    version = libc.removeprefix("libc6 (>= ").removesuffix(")")
    return tuple(int(number) for number in version.split("."))


def test_the_package_asks_for_no_glibc_newer_than_uos_20s(legacy_deb):
    assert _glibc_floor(legacy_deb) <= UOS_20_GLIBC


def test_the_root_is_bullseye_with_glibc_2_31(installed):
    done = _run_in_root("ldd", "--version")
    assert "GLIBC 2.31" in done.stdout.splitlines()[0], done.stdout + done.stderr


@pytest.mark.parametrize(
    ("label", "command"),
    [
        ("offscreen", ["/usr/bin/unionperf", "selftest"]),
        (
            "xvfb",
            [
                "xvfb-run",
                "-a",
                "-s",
                "-screen 0 1366x768x24",
                "/usr/bin/unionperf",
                "selftest",
                "--screen",
            ],
        ),
    ],
)
def test_the_installed_program_passes_its_selftest_in_the_old_root(installed, label, command):
    report = f"/tmp/report-{label}.txt"
    script = (
        "mkdir -p /tmp/home && cd /tmp/home && HOME=/tmp/home "
        f'"$@" --report {report}; status=$?; cat {report}; exit $status'
    )
    done = _run_in_root("bash", "-c", script, "selftest", *command)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.rstrip().splitlines()
    assert "安装包 /opt/unionperf" in done.stdout, done.stdout
    assert POSTGRESQL_DRIVER.search(done.stdout), done.stdout  # its own libpq, not the root's
    assert lines[-1].startswith(f"自检通过 (selftest passed)：{CHECK_COUNT} 项"), done.stdout


def test_the_same_package_runs_on_this_newer_system_too(legacy_deb, tmp_path):
    root = tmp_path / "root"
    subprocess.run(["dpkg", "-x", str(legacy_deb), str(root)], check=True)
    home = tmp_path / "home"
    home.mkdir()
    report = tmp_path / "report.txt"
    done = subprocess.run(
        [str(root / "opt/unionperf/unionperf"), "selftest", "--report", str(report)],
        cwd=home,
        env=clean_environment(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    last = report.read_text(encoding="utf-8").rstrip().splitlines()[-1]
    assert last.startswith(f"自检通过 (selftest passed)：{CHECK_COUNT} 项")
