"""Every file argument that is not what it claims to be gets a one-line Chinese refusal."""

from __future__ import annotations

import os
import shutil

import pytest

from unionperf.cli import main


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory):
    base = tmp_path_factory.mktemp("file-args")
    assert main(["demo", "--workspace", str(base / "demo")]) == 0
    assert main(["init", "--workspace", str(base / "upper"), "--upper", "某区总工会"]) in {0, 2}
    passphrase = base / "pass.txt"
    passphrase.write_text("upper passphrase\n", encoding="utf-8")
    init = ["init", "--workspace", str(base / "district"), "--upper", "某区总工会"]
    assert main([*init, "--passphrase-file", str(passphrase)]) == 0
    return base


WRONG = {
    "text": lambda path: path.write_text("这不是要求的文件\n", encoding="utf-8"),
    "binary": lambda path: path.write_bytes(os.urandom(3000)),
    "empty": lambda path: path.write_bytes(b""),
    "folder": lambda path: path.mkdir(),
    "missing": lambda path: None,
}

COMMANDS = {
    "import": ["import", "--workspace", "{demo}", "--year", "2024", "{file}"],
    "verify": ["verify", "{file}"],
    "verify --key": ["verify", "{package}", "--key", "{file}"],
    "trust-upper": [
        "trust-upper",
        "--workspace",
        "{demo}",
        "--key",
        "{file}",
        "--key-id",
        "0000111122223333",
    ],
    "params preview": ["params", "preview", "--workspace", "{demo}", "{file}"],
    "params set --library": ["params", "set", "--workspace", "{district}", "--library", "{file}"],
    "params set --settings": ["params", "set", "--workspace", "{district}", "--settings", "{file}"],
    "params set --deadlines": [
        "params",
        "set",
        "--workspace",
        "{district}",
        "--deadlines",
        "{file}",
    ],
    "evidence --add": [
        "evidence",
        "--workspace",
        "{demo}",
        "--year",
        "2024",
        "--stage",
        "targets",
        "--add",
        "{file}",
    ],
}


@pytest.mark.parametrize("kind", sorted(WRONG))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_wrong_file_is_refused_in_one_line(workspaces, tmp_path, capsys, command, kind):
    demo = tmp_path / "demo"
    shutil.copytree(workspaces / "demo", demo)
    wrong = tmp_path / "wrong.upkg"
    WRONG[kind](wrong)
    package = tmp_path / "also-wrong.upkg"
    package.write_text("x", encoding="utf-8")
    district = tmp_path / "district"
    shutil.copytree(workspaces / "district", district)
    argv = [
        item.format(demo=demo, district=district, file=wrong, package=package)
        for item in COMMANDS[command]
    ]
    if kind in {"text", "binary"} and command == "evidence --add":
        pytest.skip("any file may be evidence")
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    if command == "verify":  # an unreadable file is 2, an invalid package 1 (docs/cli.md)
        assert code in {1, 2}
        err = captured.out + captured.err
    else:
        assert code == 2
        err = captured.err
    assert len(err.strip().splitlines()) == 1, err
    assert "程序内部错误" not in err, err
    assert "Traceback" not in err


def test_empty_evidence_is_refused(workspaces, tmp_path, capsys):
    demo = tmp_path / "demo"
    shutil.copytree(workspaces / "demo", demo)
    empty = tmp_path / "空文件.pdf"
    empty.write_bytes(b"")
    argv = ["evidence", "--workspace", str(demo), "--year", "2024", "--stage", "targets"]
    capsys.readouterr()
    assert main([*argv, "--add", str(empty)]) == 2
    assert "空" in capsys.readouterr().err
