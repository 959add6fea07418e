"""The register of units: the key id from the paper, one key one unit, replacement with a reason.

Every refusal leaves the register as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.exchange.packages import upper_workspace
from tests.services.upper_units import SubUnit, sub_unit
from unionperf.services.common.errors import InputError
from unionperf.services.common.signing import KeyInfo
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.key_sheet import key_sheet_family
from unionperf.services.inbox.receive import OutcomeKind, receive
from unionperf.services.upper.register import (
    RegisteredUnit,
    key_history,
    list_unit,
    register,
    units,
)


@pytest.fixture
def upper(tmp_path) -> Iterator[Workspace]:
    workspace = upper_workspace(tmp_path / "upper")
    yield workspace
    workspace.close()


def _register(upper: Workspace, unit: SubUnit, folder, **options) -> object:
    options.setdefault("key_id", unit.key_id)
    return register(upper, unit.pub_file(folder), unit.code, unit.name, **options)


def _held(upper: Workspace) -> list[tuple[str, str]]:
    return [(item.code, item.key_id) for item in units(upper)]


def test_a_unit_is_registered_when_the_paper_matches_the_key_file(upper, tmp_path):
    unit = sub_unit(1)
    grouped = " ".join(unit.key_id[i : i + 4] for i in range(0, 16, 4)).lower()
    done = _register(upper, unit, tmp_path, key_id=grouped, contact=" 周丽华 021-58881200 ")
    assert (done.added, done.key_id, done.replaced_key_id) == (True, unit.key_id, "")
    [held] = units(upper)
    assert held == RegisteredUnit(
        unit.code, unit.name, "周丽华 021-58881200", unit.key_id, held.registered_at, 0
    )


def test_a_wrong_key_id_is_refused_and_nothing_is_registered(upper, tmp_path):
    unit, other = sub_unit(1), sub_unit(2)
    with pytest.raises(InputError, match=r"密钥编号不一致：公钥文件为 .*登记表为 .*未登记"):
        _register(upper, unit, tmp_path, key_id=other.key_id)
    with pytest.raises(InputError, match="密钥编号应为16位"):
        _register(upper, unit, tmp_path, key_id=unit.key_id[:15])
    assert units(upper) == []


def test_the_qr_text_of_the_sheet_is_accepted_and_checked(upper, tmp_path):
    unit = sub_unit(1)
    line = unit.public_key.to_file().splitlines()[1]
    qr = f"UnionPerf;code={unit.code};key={unit.key_id};pub={line}"
    with pytest.raises(InputError, match="二维码中的统一社会信用代码"):
        register(upper, unit.pub_file(tmp_path), sub_unit(2).code, "别的单位", key_id=qr)
    other_line = sub_unit(2).public_key.to_file().splitlines()[1]
    with pytest.raises(InputError, match="二维码中的公钥与公钥文件不一致"):
        _register(upper, unit, tmp_path, key_id=qr.replace(line, other_line))
    assert units(upper) == []
    _register(upper, unit, tmp_path, key_id=qr)
    assert _held(upper) == [(unit.code, unit.key_id)]


def test_the_qr_text_a_unit_prints_on_its_sheet_registers_it(upper, tmp_path):
    """The QR of the sheet the unit's own program prints (key_sheet.py), scanned as it is."""
    unit = sub_unit(1)
    info = KeyInfo(unit.key_id, unit.name, unit.code, unit.public_key.to_file(), 0)
    (form,) = key_sheet_family(info, None, date(2025, 1, 6)).forms
    assert form.qr.startswith("工会签名公钥;")
    with pytest.raises(InputError, match="二维码中的统一社会信用代码"):
        register(upper, unit.pub_file(tmp_path), sub_unit(2).code, "别的单位", key_id=form.qr)
    _register(upper, unit, tmp_path, key_id=form.qr)
    assert _held(upper) == [(unit.code, unit.key_id)]


def test_one_key_cannot_serve_two_unit_codes(upper, tmp_path):
    unit, other = sub_unit(1), sub_unit(2)
    _register(upper, unit, tmp_path)
    with pytest.raises(
        InputError, match=f"已登记给 {unit.name}（{unit.code}）：一个公钥只能用于一个单位"
    ):
        register(upper, unit.pub_file(tmp_path), other.code, other.name, key_id=unit.key_id)
    assert _held(upper) == [(unit.code, unit.key_id)]


def test_replacing_a_key_needs_a_reason_and_keeps_the_old_key(upper, tmp_path):
    unit = sub_unit(1)
    _register(upper, unit, tmp_path)
    new = sub_unit(1)
    new.key = sub_unit(99).key  # the unit lost its key and made a new one
    with pytest.raises(InputError, match=r"已登记公钥 .*请加 --replace 并用 --reason 说明原因"):
        _register(upper, new, tmp_path / "new")
    with pytest.raises(InputError, match="更换公钥须说明原因"):
        _register(upper, new, tmp_path / "new", replace_reason="  ")
    assert _held(upper) == [(unit.code, unit.key_id)]
    done = _register(upper, new, tmp_path / "new", replace_reason="原会计离职，密钥遗失")
    assert (done.added, done.replaced_key_id, done.key_id) == (False, unit.key_id, new.key_id)
    assert _held(upper) == [(unit.code, new.key_id)]
    [old] = key_history(upper, unit.code)
    assert (old.key_id, old.reason) == (unit.key_id, "原会计离职，密钥遗失")
    assert units(upper)[0].replaced_keys == 1
    # the old key cannot come back, nor serve another unit
    with pytest.raises(InputError, match="已更换的旧公钥，不能重新启用"):
        _register(upper, unit, tmp_path, replace_reason="找回了旧密钥")
    stranger = sub_unit(3)
    with pytest.raises(InputError, match="一个公钥只能用于一个单位"):
        register(upper, unit.pub_file(tmp_path), stranger.code, stranger.name, key_id=unit.key_id)


def test_a_replaced_key_identifies_its_packages_but_sends_nothing_new(upper, tmp_path):
    unit = sub_unit(1)
    _register(upper, unit, tmp_path)
    first = unit.send("targets", tmp_path / "out")
    assert receive(upper, [first])[0].kind is OutcomeKind.RECEIVED
    old_key, unit.key = unit.key, sub_unit(99).key
    _register(upper, unit, tmp_path / "new", replace_reason="密钥遗失")
    unit.key = old_key  # whoever holds the lost key signs a newer package
    stolen = unit.send("targets", tmp_path / "out")
    [outcome] = receive(upper, [stolen])
    assert (outcome.kind, outcome.code) == (OutcomeKind.QUARANTINED, "retired-key")
    assert "已更换的旧公钥" in outcome.message
    assert receive(upper, [first])[0].kind is OutcomeKind.ALREADY_RECEIVED
    unit.key = sub_unit(99).key
    unit.sent.pop("targets")
    [replay] = receive(upper, [unit.send("targets", tmp_path / "new-out")])  # sequence 1 again
    assert (replay.kind, replay.code) == (OutcomeKind.REFUSED, "replay")
    newer = unit.send("targets", tmp_path / "new-out")  # sequence 2 with the new key
    assert receive(upper, [newer])[0].kind is OutcomeKind.SUPERSEDED


def test_replace_without_a_registered_key_is_refused(upper, tmp_path):
    unit = sub_unit(1)
    with pytest.raises(InputError, match="尚未登记公钥，无需 --replace"):
        _register(upper, unit, tmp_path, replace_reason="更换")
    assert units(upper) == []


def test_a_unit_listed_without_a_key_waits_for_its_key(upper, tmp_path):
    unit = sub_unit(1)
    assert list_unit(upper, unit.code, unit.name, "王会计") is True
    assert _held(upper) == [(unit.code, "")]
    [outcome] = receive(upper, [unit.send("targets", tmp_path / "out")])
    assert (outcome.kind, outcome.code) == (OutcomeKind.REFUSED, "no-key")
    assert "尚未登记公钥" in outcome.message
    done = _register(upper, unit, tmp_path)  # the first key is no replacement
    assert (done.added, done.replaced_key_id) == (False, "")
    assert units(upper)[0].contact == "王会计"  # kept: no contact given
    assert key_history(upper, unit.code) == []


def test_bad_codes_and_names_are_refused_before_the_key_file_is_read(upper, tmp_path):
    unit = sub_unit(1)
    missing = tmp_path / "nowhere.pub"
    with pytest.raises(InputError, match="校验位错误"):
        register(upper, missing, unit.code[:-1] + "0", "x", key_id=unit.key_id)
    with pytest.raises(InputError, match="请填写单位名称"):
        register(upper, missing, unit.code, " ", key_id=unit.key_id)
    with pytest.raises(InputError, match="未登记"):
        key_history(upper, unit.code)
