"""Private transport on the command line: the upper level's recipient, export --encrypt,
verify of an encrypted file, receive with the passphrase, decrypt, and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.exchange.packages import key_id_of
from unionperf.cli import main
from unionperf.cli.common import PASSPHRASE_VARIABLE
from unionperf.services.common.verify import read_public_key
from unionperf.services.common.workspace import Workspace

UPPER_PASS = "上级工会的口令，2024年度"
UNIT_PASS = "demo"


@pytest.fixture(scope="module")
def levels(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("transport")
    (base / "upper-pass.txt").write_text(UPPER_PASS + "\n", encoding="utf-8")
    (base / "unit-pass.txt").write_text(UNIT_PASS + "\n", encoding="utf-8")
    upper, unit = base / "upper", base / "unit"
    assert (
        main(
            [
                "init",
                "--workspace",
                str(upper),
                "--upper",
                "某区总工会",
                "--passphrase-file",
                str(base / "upper-pass.txt"),
            ]
        )
        == 0
    )
    assert main(["demo", "--workspace", str(unit)]) == 0
    assert main(["key", "export", "--workspace", str(unit), "--out", str(base / "unit.pub")]) == 0
    return {"base": base, "upper": upper, "unit": unit}


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(item) for item in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _recipient(text: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith("加密收件人（age）："))
    return line.split("：", 1)[1]


def test_the_upper_level_shows_and_hands_out_its_recipient(levels, capsys):
    upper, base = levels["upper"], levels["base"]
    code, out, _ = _run(capsys, ["key", "show", "--workspace", upper])
    assert code == 0
    recipient = _recipient(out)
    assert recipient.startswith("age1")
    code, out, _ = _run(capsys, ["key", "export", "--workspace", upper, "--out", base / "u.pub"])
    assert code == 0
    assert _recipient(out) == recipient
    assert "age1" not in (base / "u.pub").read_text(encoding="utf-8")  # the .pub stays minisign's
    keys = base / "upper-keys.txt"
    code, out, _ = _run(capsys, ["encryption-key", "--workspace", upper, "--out", keys])
    assert code == 0
    assert _recipient(out) == recipient
    lines = keys.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("untrusted comment: minisign public key")
    assert lines[2] == recipient
    code, out, _ = _run(capsys, ["key", "show", "--workspace", levels["unit"]])
    assert "加密收件人" not in out


def test_a_unit_workspace_gets_no_encryption_key(levels, capsys, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_VARIABLE, UNIT_PASS)
    code, _, err = _run(capsys, ["encryption-key", "--workspace", levels["unit"]])
    assert code == 2
    assert "只有上级工会" in err


def _key_id(key_file: Path) -> str:
    """The key id of a key file that may hold the recipient line too (as the sheet prints it)."""
    return read_public_key(key_file).key_id_hex


def test_an_encrypted_package_goes_up_and_is_received(levels, capsys, tmp_path, monkeypatch):
    upper, unit, base = levels["upper"], levels["unit"], levels["base"]
    monkeypatch.delenv(PASSPHRASE_VARIABLE, raising=False)
    keys = base / "upper-keys.txt"
    _run(capsys, ["encryption-key", "--workspace", upper, "--out", keys])
    trust = ["trust-upper", "--workspace", unit, "--key", keys, "--key-id", _key_id(keys)]
    code, out, _ = _run(capsys, trust)
    assert code == 0, out
    assert "已导入上级工会加密收件人：age1" in out
    out_dir = tmp_path / "usb"
    code, out, err = _run(
        capsys,
        [
            "export",
            "--workspace",
            unit,
            "--year",
            "2024",
            "--stage",
            "targets",
            "--out",
            out_dir,
            "--passphrase-file",
            base / "unit-pass.txt",
            "--encrypt",
        ],
    )
    assert code == 0, err
    [sealed] = out_dir.iterdir()
    assert sealed.name.endswith(".upkg.age")
    assert f"已生成加密数据包：{sealed}" in out

    code, out, err = _run(capsys, ["verify", sealed])
    assert code == 1
    assert err.startswith("unionperf: 已加密 (encrypted) [encrypted]：")
    assert "X25519 ×1" in err
    code, out, _ = _run(capsys, ["verify", sealed, "--json"])
    assert json.loads(out)["encryption"] == {"format": "age", "recipients": ["X25519"]}

    unit_code = sealed.name.split("_")[0]
    pub = base / "unit.pub"
    register = ["register", "--workspace", upper, "--key", pub, "--key-id", key_id_of(pub)]
    assert _run(capsys, [*register, "--unit-code", unit_code, "--name", "基层"])[0] == 0
    code, _, err = _run(capsys, ["receive", "--workspace", upper, sealed])
    assert code == 2
    assert "需要口令" in err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("不是这个口令啊朋友们\n", encoding="utf-8")
    code, _, err = _run(
        capsys, ["receive", "--workspace", upper, sealed, "--passphrase-file", wrong]
    )
    assert code == 2
    assert "口令不正确" in err
    code, out, _ = _run(
        capsys,
        ["receive", "--workspace", upper, sealed, "--passphrase-file", base / "upper-pass.txt"],
    )
    assert code == 0
    assert f"{sealed.name}: received — 已接收：" in out
    assert out.strip().endswith("（加密传送，已解密）")

    plain_dir = tmp_path / "plain"
    code, out, _ = _run(
        capsys,
        [
            "decrypt",
            "--workspace",
            upper,
            sealed,
            "--out",
            plain_dir,
            "--passphrase-file",
            base / "upper-pass.txt",
        ],
    )
    assert code == 0
    [plain] = plain_dir.iterdir()
    assert plain.name == sealed.name.removesuffix(".age")
    assert _run(capsys, ["verify", plain, "--key", base / "unit.pub"])[0] == 0
    code, _, err = _run(
        capsys,
        ["decrypt", "--workspace", upper, plain, "--out", plain_dir, "--passphrase-file", wrong],
    )
    assert code == 2
    assert "[not-encrypted]" in err


def test_a_bad_recipient_is_refused_before_the_key_is_trusted(levels, capsys, tmp_path):
    unit = tmp_path / "unit"
    assert main(["demo", "--workspace", str(unit)]) == 0
    pub = tmp_path / "u.pub"
    assert _run(capsys, ["key", "export", "--workspace", levels["upper"], "--out", pub])[0] == 0
    code, _, err = _run(
        capsys,
        [
            "trust-upper",
            "--workspace",
            unit,
            "--key",
            pub,
            "--key-id",
            key_id_of(pub),
            "--recipient",
            "age1oops",
        ],
    )
    assert code == 2
    assert "加密收件人" in err
    assert len(err.strip().splitlines()) == 1
    with Workspace.open(unit, writer=False) as workspace, workspace.reading() as uow:
        assert uow.submissions.upper_key() is None  # refused before the key was trusted
    code, _out, err = _run(
        capsys,
        [
            "export",
            "--workspace",
            unit,
            "--year",
            "2024",
            "--stage",
            "targets",
            "--out",
            tmp_path / "out",
            "--passphrase-file",
            levels["base"] / "unit-pass.txt",
            "--encrypt",
        ],
    )
    assert code == 2
    assert "尚未导入上级工会的加密收件人" in err


@pytest.mark.parametrize("kind", ["missing", "folder", "binary", "empty"])
def test_decrypt_refuses_a_wrong_file_in_one_line(levels, capsys, tmp_path, kind, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_VARIABLE, UPPER_PASS)
    wrong = tmp_path / "x.upkg.age"
    if kind == "folder":
        wrong.mkdir()
    elif kind == "binary":
        wrong.write_bytes(bytes(range(256)) * 10)
    elif kind == "empty":
        wrong.write_bytes(b"")
    argv = ["decrypt", "--workspace", levels["upper"], wrong, "--out", tmp_path / "o"]
    code, _, err = _run(capsys, argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert "程序内部错误" not in err
