"""The PyInstaller bundle (`make bundle`): its self-test, its CLI and what it holds."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.bundle.conftest import (
    EXECUTABLE,
    POSTGRESQL_DRIVER,
    ROOT,
    VERSION,
    clean_environment,
)

pytestmark = pytest.mark.bundle

CHECKS = (
    "创建工作区并迁移数据库",
    "写入演示数据",
    "计算绩效自评得分",
    "运行审核规则",
    "生成全部标准表格（PDF、Excel）",
    "生成并校验签名数据包",
    "加密并解密数据包（age）",
    "加载 PostgreSQL 驱动（上级单位数据库）",
    "显示主窗口（中文界面）",
)


def _run(
    command: list[str], home: Path, timeout: float = 300, **environment: str
) -> subprocess.CompletedProcess:
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        command,
        cwd=home,
        env=clean_environment(home) | environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def _passed_checks(report: str) -> list[str]:
    return [
        line.removeprefix("通过 (ok)  ").split("：")[0]
        for line in report.splitlines()
        if line.startswith("通过 (ok)")
    ]


def test_bundled_selftest_passes_every_check(bundle, tmp_path):
    report = tmp_path / "report.txt"
    done = _run([str(bundle / EXECUTABLE), "selftest", "--report", str(report)], tmp_path / "h")
    assert done.returncode == 0, done.stdout + done.stderr
    text = report.read_text(encoding="utf-8")
    assert _passed_checks(text) == list(CHECKS)
    assert f"UnionPerf {VERSION}" in text
    assert f"安装包 {bundle}" in text  # the frozen program ran, not the checkout
    assert "显示平台 offscreen" in text
    assert POSTGRESQL_DRIVER.search(text), text  # psycopg and its libpq load from the bundle
    assert text.rstrip().splitlines()[-1].startswith("自检通过 (selftest passed)：9 项")
    assert done.stdout.strip() == text.strip()


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run (Debian xvfb) is missing")
def test_bundled_window_shows_on_an_x11_screen(bundle, tmp_path):
    """The xcb platform plugin and the X libraries it needs are in the bundle (or the system)."""
    report = tmp_path / "report.txt"
    command = [str(bundle / EXECUTABLE), "selftest", "--screen", "--report", str(report)]
    done = _run(["xvfb-run", "-a", *command], tmp_path / "h")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "显示平台 xcb" in report.read_text(encoding="utf-8")


def test_bundled_program_keeps_an_upper_workspace_on_postgresql(bundle, pg_empty_url, tmp_path):
    """The bundle's own psycopg and libpq reach a real server: the store is migrated there."""
    program = str(bundle / EXECUTABLE)
    upper = tmp_path / "upper"
    init = [program, "init", "--workspace", str(upper), "--upper", "某市总工会"]
    made = _run(
        [*init, "--database", pg_empty_url],
        tmp_path / "h",
        UNIONPERF_PASSPHRASE="某市总工会的签名口令",
    )
    assert made.returncode == 0, made.stdout + made.stderr
    assert "PostgreSQL" in made.stdout
    board = [program, "board", "--workspace", str(upper), "--year", "2024", "--stage", "targets"]
    board = _run([*board, "--json"], tmp_path / "h")
    assert board.returncode == 0, board.stdout + board.stderr
    assert json.loads(board.stdout)["units"] == []
    assert not (upper / "unionperf.sqlite").exists()  # nothing fell back to SQLite


def test_bundled_command_line_works_and_speaks_chinese(bundle, tmp_path):
    version = _run([str(bundle / EXECUTABLE), "--version"], tmp_path)
    assert version.stdout.strip() == f"unionperf {VERSION}"
    missing = _run([str(bundle / EXECUTABLE), "verify", str(tmp_path / "none.upkg")], tmp_path)
    assert missing.returncode == 2
    assert "none.upkg" in missing.stderr
    assert "错误" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_bundle_holds_the_data_files_the_app_reads(bundle):
    inside = bundle / "_internal"
    for relative in (
        "resources/fonts/wqy-microhei.ttc",
        "resources/fonts/LICENSE-wqy-microhei.txt",
        "resources/translations/unionperf_zh_CN.qm",
        "resources/translations/qtbase_extra_zh_CN.qm",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "resources/indicators/library.json",
        "resources/guidance/targets.md",
        "resources/guidance/zgbf-2019-25.txt",
        "resources/icons/hicolor/48x48/apps/unionperf.png",
        "unionperf/store/migrations/env.py",
        "unionperf/exchange/schemas/package.schema.json",
    ):
        assert (inside / relative).is_file(), relative
    versions = "unionperf/store/migrations/versions"
    scripts = sorted(path.name for path in (ROOT / "src" / versions).glob("*.py"))
    bundled = sorted(path.name for path in (inside / versions).glob("*.py"))
    assert bundled == scripts


def test_bundle_leaves_out_unused_qt_parts(bundle):
    inside = bundle / "_internal"
    names = [path.relative_to(inside).as_posix() for path in inside.rglob("*")]
    qt_catalogues = [name for name in names if name.startswith("PySide6/") and name.endswith(".qm")]
    assert qt_catalogues
    assert all(name.endswith("_zh_CN.qm") for name in qt_catalogues), qt_catalogues
    for unused in ("WebEngine", "Qt6Qml", "Qt6Quick", "VirtualKeyboard", "libgtk-3", "QtNetwork"):
        assert not [name for name in names if unused in name], unused
    platforms = {path.name for path in (inside / "PySide6/Qt/plugins/platforms").iterdir()}
    assert {"libqxcb.so", "libqoffscreen.so"} <= platforms
    # Wayland: one plugin since Qt 6.10, libqwayland-generic / -egl before (PySide6 6.9)
    assert {"libqwayland.so", "libqwayland-generic.so"} & platforms
    # Chinese input methods on UOS/Kylin go through ibus or fcitx: the ibus plugin must stay
    plugins = inside / "PySide6/Qt/plugins"
    contexts = {path.name for path in (plugins / "platforminputcontexts").iterdir()}
    assert "libibusplatforminputcontextplugin.so" in contexts
