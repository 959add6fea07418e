"""Receiving packages built to hurt (issue 13): the upper level refuses each with its code, in one
line, quarantines it, imports nothing, keeps the registered key, and writes no crash report.

The packages are signed by the demo unit's registered key (:mod:`tests.exchange.hostile`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.exchange.hostile import (
    ANNOUNCEMENTS_JSON,
    EVIDENCE_BYTES,
    EVIDENCE_NAME,
    Forger,
    evidence_entry,
    nested,
    with_raw,
)
from tests.exchange.packages import (
    UPPER_PASSPHRASE,
    DemoUnit,
    demo_unit,
    key_id_of,
    upper_workspace,
)
from unionperf.cli import main
from unionperf.exchange import keys, minisign
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.register import register
from unionperf.services.views.package_info import describe_package

CHINESE = re.compile(r"[\u4e00-\u9fff]")
OTHER_UNIT = "91310000MA1FL8XQ30"
FOLDER = "data/evidence/unit/0123456789abcdef0123456789abcdef_"


def _rotation_to_another_unit(forger: Forger) -> bytes:
    """Signed by a new key that the registered key announced for another unit."""
    new_key = Ed25519PrivateKey.generate()
    new_public = minisign.public_key_of(new_key)
    old_id = forger.unit.public_key.key_id_hex
    statement = keys.announcement_statement(old_id, new_public.to_file(), OTHER_UNIT, "2024-06-01")
    signature = minisign.sign(forger.key, statement, f"key rotation unit:{OTHER_UNIT}")
    announcement = keys.Announcement(
        old_id, new_public.to_file(), OTHER_UNIT, "2024-06-01", signature
    )
    return forger.package(
        "targets-2",
        meta=lambda meta: meta.update(key_id=new_public.key_id_hex, sequence=3),
        signer=new_key,
        edits={
            "data/keys/signer.pub": new_public.to_file().encode(),
            ANNOUNCEMENTS_JSON: json.dumps([announcement.to_json()]).encode(),
        },
    )


def _set_unit_name(document: dict[str, Any]) -> None:
    document["unit"]["name"] = "工" * 8_000_000


def _huge_amount(document: dict[str, Any]) -> None:
    document["opening_balance"] = "9" * 5_000 + ".00"


def _evidence(forger: Forger, listed: bool, present: bool) -> bytes:
    entry = evidence_entry(EVIDENCE_NAME, EVIDENCE_BYTES)
    return forger.with_evidence(
        [entry] if listed else [], {EVIDENCE_NAME: EVIDENCE_BYTES} if present else {}
    )


def _named(name: str) -> Callable[[Forger], bytes]:
    def make(forger: Forger) -> bytes:
        listed = [evidence_entry(name, b"x")] if name.startswith("data/evidence/") else []
        return forger.with_evidence(listed, {name: b"x"})

    return make


def _colliding(forger: Forger) -> bytes:
    composed = FOLDER + "résumé.pdf"
    present = {composed: b"a", unicodedata.normalize("NFD", composed): b"b"}
    return forger.with_evidence(
        [evidence_entry(name, data) for name, data in present.items()], present
    )


HOSTILE: dict[str, tuple[Callable[[Forger], bytes], str]] = {
    "sequence-2^63": (
        lambda f: f.package(meta=lambda meta: meta.update(sequence=2**63)),
        "limit",
    ),
    "package-json-nested": (
        lambda f: f.package(meta=with_raw(f.meta(), "future", nested(100_000))),
        "json-depth",
    ),
    "data-json-nested": (
        lambda f: f.package(data=with_raw(f.data(), "future", nested(1_000))),
        "json-depth",
    ),
    "announcements-nested": (
        lambda f: f.package(edits={ANNOUNCEMENTS_JSON: nested(100_000).encode()}),
        "json-depth",
    ),
    "data-format-2.0": (
        lambda f: f.package(meta=lambda meta: meta.update(data_format_version="2.0")),
        "version",
    ),
    "scores-null": (
        lambda f: f.package("self-evaluation-1", meta=lambda meta: meta.update(scores=None)),
        "scores",
    ),
    "evidence-absent": (lambda f: _evidence(f, listed=True, present=False), "evidence"),
    "evidence-unlisted": (lambda f: _evidence(f, listed=False, present=True), "evidence"),
    "homoglyph": (_named("data/p\u0430ckage.json"), "member-name"),
    "rtl-override": (_named(FOLDER + "invoice\u202efdp.exe"), "member-name"),
    "fullwidth-slash": (_named(FOLDER + "a\uff0fb.pdf"), "member-name"),
    "nfc-collision": (_colliding, "duplicate-member"),
    "unit-name-8m": (lambda f: f.package(data=_set_unit_name), "limit"),
    "amount-5000-digits": (lambda f: f.package(data=_huge_amount), "limit"),
    "rotation-other-unit": (_rotation_to_another_unit, "rotation"),
}


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture(scope="module")
def hostile(unit, tmp_path_factory) -> dict[str, Path]:
    """Every hostile package, written once as a file."""
    forger = Forger(unit)
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for name, (make, _code) in HOSTILE.items():
        paths[name] = folder / f"{name}.upkg"
        paths[name].write_bytes(make(forger))
    return paths


@pytest.fixture
def upper(unit, tmp_path) -> Iterator[Workspace]:
    workspace = upper_workspace(tmp_path / "upper")
    register(
        workspace, unit.pub_file, unit.unit_code, unit.unit_name, key_id=key_id_of(unit.pub_file)
    )
    yield workspace
    workspace.close()


def _nothing_imported(workspace: Workspace, unit: DemoUnit) -> None:
    with workspace.reading() as uow:
        assert uow.register.received() == []
        registered = uow.register.subordinate(unit.unit_code)
    assert registered is not None
    assert registered.key_id == unit.public_key.key_id_hex
    assert not (workspace.paths.root / "received").exists() or not any(
        (workspace.paths.root / "received").rglob("*.upkg")
    )


@pytest.mark.parametrize("name", list(HOSTILE))
def test_receive_refuses_with_the_code(unit, upper, hostile, name):
    path = hostile[name]
    [outcome] = receive(upper, [path])
    assert outcome.refused, outcome
    assert outcome.code == HOSTILE[name][1], (outcome.code, outcome.message[:300])
    assert CHINESE.search(outcome.message)
    assert len(outcome.message.splitlines()) == 1
    assert len(outcome.message) < 500
    quarantined = [p for p in (upper.paths.root / "quarantine").iterdir() if p.suffix == ".upkg"]
    assert [p.read_bytes() for p in quarantined] == [path.read_bytes()]
    _nothing_imported(upper, unit)


def test_a_batch_goes_on_after_each_refusal(unit, upper, hostile):
    """Every hostile package is refused and the genuine one in the same batch is received."""
    paths = [*hostile.values(), unit.packages["targets-1"]]
    outcomes = receive(upper, paths)
    assert [outcome.code for outcome in outcomes[:-1]] == [code for _, code in HOSTILE.values()]
    assert outcomes[-1].status == "received"


def test_cli_receive_prints_one_line_each_with_the_code(
    unit, hostile, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    up = str(tmp_path / "upper")
    assert main(["init", "--workspace", up, "--upper", "上海市浦东新区总工会"]) == 0
    register_args = ["--key", str(unit.pub_file), "--unit-code", unit.unit_code]
    register_args += ["--key-id", key_id_of(unit.pub_file)]
    assert main(["register", "--workspace", up, *register_args, "--name", unit.unit_name]) == 0
    capsys.readouterr()
    assert main(["receive", "--workspace", up, *map(str, hostile.values())]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == len(HOSTILE) + 1, lines  # one line each, then the summary
    for line, (name, (_make, code)) in zip(lines, HOSTILE.items(), strict=False):
        assert line.startswith(f"{name}.upkg: refused [{code}] — "), line[:200]
    assert "程序内部错误" not in captured.err
    assert not list((tmp_path / "state").rglob("crash-*.txt"))


@pytest.fixture
def no_crash_reports(tmp_path, monkeypatch) -> Iterator[Path]:
    """The folder crash reports would go to; the test checks it stays empty."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    yield state
    assert not list(state.rglob("crash-*.txt"))


@pytest.mark.parametrize("name", list(HOSTILE))
def test_cli_verify_refuses_with_the_code(unit, hostile, name, capsys, no_crash_reports):
    capsys.readouterr()
    code = main(["verify", str(hostile[name]), "--key", str(unit.pub_file)])
    err = capsys.readouterr().err
    if name == "rotation-other-unit":  # signed by a key the registered one does not match
        assert code == 1
        assert "[signature]" in err
    else:
        assert code == 1, err[:300]
        assert f"[{HOSTILE[name][1]}]" in err, err[:300]
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("name", list(HOSTILE))
def test_opening_a_hostile_package_describes_the_refusal(upper, hostile, name):
    """The window's double-click path (describe_package) says why, and imports nothing."""
    info = describe_package(upper, hostile[name])
    assert not info.valid
    assert info.problem_code == HOSTILE[name][1], (info.problem_code, info.problem[:300])
    assert len(info.problem.splitlines()) == 1
    with upper.reading() as uow:
        assert uow.register.received() == []
