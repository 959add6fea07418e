"""``unionperf FILE.upkg`` (double-click in the file manager) opens the window on the package;
every command is parsed as before."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from unionperf.cli import _parser, main, package_argv
from unionperf.ui import app as app_module


@pytest.fixture
def started(monkeypatch) -> list[tuple[Path | None, Path | None]]:
    """Replace the window: record the workspace and the package it was asked to open."""
    calls: list[tuple[Path | None, Path | None]] = []

    def run(workspace: Path | None, *, open_package: Path | None = None) -> int:
        calls.append((workspace, open_package))
        return 0

    monkeypatch.setattr(app_module, "run", run)
    return calls


@pytest.fixture
def package(tmp_path) -> Path:
    path = tmp_path / "91350100M000100Y43_2024_targets_1.upkg"
    path.write_bytes(b"PK")
    return path


def test_a_lone_package_path_opens_the_window_on_it(started, package):
    assert main([str(package)]) == 0
    assert started == [(None, package)]


def test_the_file_association_passes_the_path_in_sys_argv(started, package, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["unionperf", str(package)])
    assert main() == 0
    assert started == [(None, package)]


def test_any_existing_file_or_missing_upkg_is_opened_for_a_clear_message(started, tmp_path):
    renamed = tmp_path / "反馈 (1).zip"
    renamed.write_bytes(b"")
    missing = tmp_path / "gone" / "X.UPKG"
    assert main([str(renamed)]) == 0
    assert main([str(missing)]) == 0
    assert started == [(None, renamed), (None, missing)]


def test_no_argument_still_opens_the_window_without_a_package(started, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["unionperf"])
    assert main() == 0
    assert main([]) == 0
    assert started == [(None, None), (None, None)]


def test_gui_takes_a_workspace_and_a_package(started, package, tmp_path):
    assert main(["gui", "--workspace", str(tmp_path / "ws"), "--open", str(package)]) == 0
    assert main(["gui"]) == 0
    assert started == [(tmp_path / "ws", package), (None, None)]


def test_a_command_name_is_a_command_even_when_a_file_has_that_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    parser = _parser()
    for name in ("demo", "verify", "gui", "selftest"):
        (tmp_path / name).write_text("a file named like a command", encoding="utf-8")
        assert package_argv(parser, [name]) == [name]
    # but a package named like a command is a package
    assert package_argv(parser, ["check.upkg"]) == ["gui", "--open", "check.upkg"]
    assert package_argv(parser, ["./demo"]) == ["gui", "--open", "./demo"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["-h"],
        ["nonsense"],
        ["verify", "X.upkg"],
        ["receive", "--workspace", "W", "A.upkg", "B.upkg"],
        ["A.upkg", "B.upkg"],
        [""],
    ],
)
def test_everything_else_is_parsed_as_before(argv):
    assert package_argv(_parser(), argv) == argv


def test_an_unknown_word_is_still_an_argparse_error(capsys, started):
    with pytest.raises(SystemExit) as stopped:
        main(["nonsense"])
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    assert started == []


def test_demo_with_its_options_is_unchanged(tmp_path, monkeypatch, started):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo").write_text("a file named like a command", encoding="utf-8")
    workspace = tmp_path / "ws"
    assert main(["demo", "--workspace", str(workspace)]) == 0
    assert (workspace / "unionperf.sqlite").is_file()
    assert started == []


def test_verify_of_a_package_is_not_the_window(started, package, capsys):
    assert main(["verify", str(package)]) == 1  # checked and found invalid
    assert "zip" in capsys.readouterr().err
    assert started == []
