"""Every command that writes honours the workspace's one-writer lock; reads stay allowed.

The lock is taken here by this test process on its own file description, the way another window
holds it (``flock`` locks conflict between descriptions, even in one process).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from unionperf.cli import main
from unionperf.services.common.writer_lock import WriterLock, read_lock_info

PASSPHRASE = "correct horse battery"


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    """A demo workspace and a package, a key and a workbook made from it before the lock."""
    base = tmp_path_factory.mktemp("locked")
    path = base / "demo"
    passphrase_file = base / "pass.txt"
    passphrase_file.write_text("demo\n", encoding="utf-8")
    assert main(["demo", "--workspace", str(path)]) == 0
    assert main(["key", "export", "--workspace", str(path), "--out", str(base / "unit.pub")]) == 0
    template = base / "fill.xlsx"
    assert (
        main(["template", "--workspace", str(path), "--year", "2024", "--out", str(template)]) == 0
    )
    out = base / "out"
    assert (
        main(
            [
                "export",
                "--workspace",
                str(path),
                "--year",
                "2024",
                "--stage",
                "targets",
                "--out",
                str(out),
                "--passphrase-file",
                str(passphrase_file),
            ]
        )
        == 0
    )
    package = next(out.glob("*.upkg"))
    return base, path, package, template, passphrase_file


@pytest.fixture
def held(demo_copy, tmp_path):
    """A fresh copy of the demo workspace whose writer lock another holder keeps."""
    base, source, package, template, passphrase_file = demo_copy
    path = tmp_path / "ws"
    shutil.copytree(source, path, ignore=shutil.ignore_patterns("unionperf.lock"))
    lock = WriterLock(path)
    lock.acquire()
    yield path, base, package, template, passphrase_file
    lock.release()


def _state(path: Path) -> dict[str, str]:
    """A digest of every file of the workspace but the lock and the backups folder."""
    digests = {}
    for item in sorted(path.rglob("*")):
        relative = item.relative_to(path)
        if item.is_file() and relative.parts[0] not in {"backups", "logs", "unionperf.lock"}:
            if item.name.endswith(("-wal", "-shm")):
                continue
            digests[str(relative)] = hashlib.sha256(item.read_bytes()).hexdigest()
    return digests


WRITES = {
    "import": ["import", "--year", "2024", "{template}"],
    "restore": ["restore", "{backup}"],
    "export": [
        "export",
        "--year",
        "2024",
        "--stage",
        "targets",
        "--out",
        "{tmp}/again",
        "--passphrase-file",
        "{passphrase}",
    ],
    "key rotate": ["key", "rotate", "--passphrase-file", "{passphrase}"],
    "evidence --add": [
        "evidence",
        "--year",
        "2024",
        "--stage",
        "targets",
        "--add",
        "{passphrase}",
    ],
    "trust-upper": [
        "trust-upper",
        "--key",
        "{base}/unit.pub",
        "--key-id",
        "0000111122223333",
        "--name",
        "上级",
    ],
    "rescore": [
        "rescore",
        "--unit",
        "91350100M000100Y43",
        "--year",
        "2024",
        "--item",
        "单位整体/指标/x",
        "--score",
        "1",
        "--reason",
        "r",
    ],
    "params set": ["params", "set", "--settings", "{passphrase}"],
    "params export": [
        "params",
        "export",
        "--out",
        "{tmp}/params",
        "--passphrase-file",
        "{passphrase}",
    ],
    "encryption-key": ["encryption-key", "--passphrase-file", "{passphrase}"],
    "assessment --file": [
        "assessment",
        "--year",
        "2024",
        "--project",
        "p2024-02",
        "--file",
        "{base}/assessment.json",
    ],
    "backup": ["backup"],
    "receive": ["receive", "{package}"],
    "register": [
        "register",
        "--key",
        "{base}/unit.pub",
        "--key-id",
        "0000000000000000",
        "--unit-code",
        "91350100M000100Y43",
        "--name",
        "单位",
    ],
    "register --import": ["register", "--import", "{template}"],
    "deadline": ["deadline", "--year", "2024", "--stage", "targets", "--date", "2024-01-31"],
    "year add": ["year", "add", "--year", "2025", "--copy-from", "2024"],
    "unit --chair": ["unit", "--chair", "王主席"],
    "explain": ["explain", "--year", "2024", "--code", "P007", "--location", "x", "--text", "y"],
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_write_command_is_refused_while_another_holds_the_workspace(held, name, tmp_path, capsys):
    path, base, package, template, passphrase_file = held
    backup = next((path / "backups").glob("*.sqlite"))
    before_backups = sorted(item.name for item in (path / "backups").iterdir())
    before = _state(path)
    argv = [
        item.format(
            tmp=tmp_path,
            base=base,
            package=package,
            template=template,
            passphrase=passphrase_file,
            backup=backup,
        )
        for item in WRITES[name]
    ]
    split = 2 if name in {"key rotate", "year add", "params set", "params export"} else 1
    capsys.readouterr()
    assert main([*argv[:split], "--workspace", str(path), *argv[split:]]) == 2
    err = capsys.readouterr().err
    assert "正在被另一个程序使用" in err, err
    holder = read_lock_info(path)
    assert holder is not None
    assert f"进程 {holder.pid}" in err
    assert holder.user in err
    assert _state(path) == before
    assert sorted(item.name for item in (path / "backups").iterdir()) == before_backups


READS = {
    "check": ["check", "--year", "2024"],
    "score": ["score", "--year", "2024"],
    "backups": ["backups"],
    "submissions": ["submissions"],
    "key show": ["key", "show"],
    "evidence": ["evidence", "--year", "2024"],
    "forms": ["forms", "--year", "2024", "--stage", "targets", "--out", "{tmp}/forms"],
    "disclose": ["disclose", "--year", "2024", "--out", "{tmp}/disclosure"],
    "template": ["template", "--year", "2024", "--out", "{tmp}/t.xlsx"],
    "unit": ["unit"],
    "params show": ["params", "show"],
    "register --list": ["register", "--list"],
    "register --export": ["register", "--export", "{tmp}/register.xlsx"],
    "deadline (list)": ["deadline", "--year", "2024"],
    "board": ["board", "--year", "2024", "--stage", "targets", "--json"],
    "aggregate": ["aggregate", "--year", "2024", "--stage", "targets", "--out", "{tmp}/a.xlsx"],
    "support-export": ["support-export", "--out", "{tmp}/support.zip"],
    "assessment (list)": ["assessment", "--year", "2024"],
}


@pytest.mark.parametrize("name", sorted(READS))
def test_a_read_command_runs_while_another_holds_the_workspace(held, name, tmp_path, capsys):
    path = held[0]
    before = _state(path)
    argv = [item.format(tmp=tmp_path) for item in READS[name]]
    split = 2 if name in {"key show", "params show"} else 1
    assert main([*argv[:split], "--workspace", str(path), *argv[split:]]) in {0, 1}
    assert _state(path) == before


def test_the_refusal_names_the_program_that_holds_the_workspace(held, capsys):
    path = held[0]
    capsys.readouterr()
    assert main(["backup", "--workspace", str(path)]) == 2
    err = capsys.readouterr().err
    holder = read_lock_info(path)
    assert holder is not None
    assert holder.program in err
    assert holder.started.astimezone().strftime("%Y-%m-%d %H:%M") in err
    assert len(err.strip().splitlines()) == 1


def test_a_write_command_releases_the_workspace_when_done(demo_copy, tmp_path):
    path = tmp_path / "ws"
    shutil.copytree(demo_copy[1], path, ignore=shutil.ignore_patterns("unionperf.lock"))
    assert main(["backup", "--workspace", str(path)]) == 0
    assert not (path / "unionperf.lock").exists()
    lock = WriterLock(path)
    lock.acquire()  # nobody holds it any more
    lock.release()
