"""参数下发: the upper level sends its library, settings and deadlines down in a signed package; a
unit that trusts the upper key verifies it, sees what changes and applies it — never an older
one, never one signed by another key, never settings of a year already signed."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import bagit
import pytest
from jsonschema import Draft7Validator

from tests.exchange.packages import (
    SIGNATURE,
    TAGMANIFEST,
    UPPER_PASSPHRASE,
    YEAR,
    DemoUnit,
    copy_workspace,
    demo_unit,
    hand_verify,
    members,
)
from unionperf.cli import main
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.exchange.package import verify_package
from unionperf.forms.fonts import form_texts
from unionperf.services.common import signing
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.indicator_library import default_library
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing
from unionperf.services.cycle.feedback import trust_upper
from unionperf.services.cycle.key_sheet import UPPER_TITLE, key_sheet_family, write_key_sheet
from unionperf.services.cycle.params import (
    ParamsRefusedError,
    active_library,
    preview_params,
    stage_deadlines,
)
from unionperf.services.inbox.receive import receive
from unionperf.services.upper import params

DOCS = Path(__file__).parents[2] / "docs" / "schemas"
PARAMS = "data/params.json"
UPPER_CODE = "91350100M000100Y43"
UPPER_NAME = "某区总工会"
NEW_YEAR = YEAR + 1
NEW_ENTRY = {
    "id": "district-volunteer-hours",
    "placements": [["产出指标", "数量指标"]],
    "name": "区总工会统一考核的志愿服务时长",
    "kind": "quantitative",
    "operator": ">=",
    "target": "200",
    "unit": "小时",
    "scope": "project",
}
DEADLINES = [
    {"year": NEW_YEAR, "stage": "targets", "due": f"{NEW_YEAR}-01-31"},
    {"year": NEW_YEAR, "stage": "self-evaluation", "due": f"{NEW_YEAR + 1}-02-28"},
    {"year": YEAR, "stage": "self-evaluation", "due": f"{NEW_YEAR}-02-28"},
]


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


def _upper(path: Path, name: str = UPPER_NAME, code: str = UPPER_CODE) -> Workspace:
    return Workspace.create(path, UnitProfile(name, code, level=UnitLevel.UPPER), UPPER_PASSPHRASE)


def _files(folder: Path) -> tuple[Path, Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    bundled = json.loads(
        (Path(__file__).parents[2] / "resources" / "indicators" / "library.json").read_text(
            encoding="utf-8"
        )
    )
    library = {**bundled, "title": "某区总工会指标库", "version": "2026.1"}
    raised = {**bundled["entries"][9], "target": "30"}  # 疗休养人数 ≥20 → ≥30
    library["entries"] = [*bundled["entries"][:9], raised, NEW_ENTRY]
    settings = RuleSettings(lag_points=Decimal(15), over_delivery_ratio=Decimal("1.30"))
    paths = (folder / "library.json", folder / "settings.json", folder / "deadlines.json")
    for path, document in zip(paths, (library, settings.to_json(), DEADLINES), strict=True):
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return paths


@pytest.fixture
def upper(tmp_path) -> Iterator[Workspace]:
    """An upper level with its library, settings and deadlines set to be sent down."""
    workspace = _upper(tmp_path / "upper")
    library, settings, deadlines = _files(tmp_path / "params")
    params.set_library(workspace, library)
    params.set_settings(workspace, settings)
    params.set_deadlines(workspace, deadlines)
    yield workspace
    workspace.close()


@pytest.fixture
def own(unit, upper, tmp_path) -> Iterator[Workspace]:
    """The demo unit (2023 and 2024 signed off and sent) with an unsigned new year, trusting the
    upper level's key as its key sheet gives it."""
    workspace = Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit"))
    editing.add_year(workspace, NEW_YEAR)
    key = signing.export_public_key(upper, tmp_path / "upper.pub")
    trust_upper(workspace, key, UPPER_NAME, signing.key_info(upper).key_id)
    yield workspace
    workspace.close()


def _key(item: dict) -> str:
    return json.dumps(item, sort_keys=True)


def _export(upper: Workspace, out: Path) -> Path:
    return params.export_params(upper, out, UPPER_PASSPHRASE, note="请按新指标库编制").path


def test_the_package_is_a_signed_bag_anyone_can_check(upper, tmp_path):
    path = _export(upper, tmp_path / "out")
    assert path.name == f"{UPPER_CODE}_参数包_第1次.upkg"
    package = verify_package(path.read_bytes(), signing.public_key(upper))
    assert package.meta["kind"] == "params"
    assert package.meta["stage"] == "params"
    assert package.meta["unit"] == {"code": UPPER_CODE, "name": UPPER_NAME}
    assert package.params["settings"]["lag_points"] == "15"
    assert sorted(package.params["deadlines"], key=_key) == sorted(DEADLINES, key=_key)
    assert package.params["library"]["entries"][-1]["id"] == NEW_ENTRY["id"]
    # minisign's own rule, checked with PyNaCl only
    files = members(path.read_bytes())
    pub = signing.public_key(upper).to_file()
    comment = hand_verify(pub, files[TAGMANIFEST], files[SIGNATURE].decode())
    assert f"unit:{UPPER_CODE}" in comment
    assert "kind:params" in comment
    assert "seq:1" in comment
    # bagit-python accepts the unzipped bag; jsonschema the documented schemas
    folder = tmp_path / "bag"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    bagit.Bag(str(folder)).validate()
    for name, document in (("package", files["data/package.json"]), ("params", files[PARAMS])):
        text = (DOCS / f"{name}.schema.json").read_text(encoding="utf-8")
        assert list(Draft7Validator(json.loads(text)).iter_errors(json.loads(document))) == []
    second = _export(upper, tmp_path / "out")
    assert second.name == f"{UPPER_CODE}_参数包_第2次.upkg"


def test_a_unit_sees_what_changes_then_applies_it(upper, own, tmp_path, capsys):
    path = _export(upper, tmp_path / "out")
    before_2024 = own.load_year(YEAR).settings
    preview = preview_params(own, path)
    assert [item.year for item in preview.years] == [NEW_YEAR]
    assert preview.skipped == (2023, YEAR)
    changed = {item.label: (item.old, item.new) for item in preview.years[0].changes}
    assert changed["执行进度偏差阈值（百分点）"] == ("10", "15")
    assert changed["超额完成判定比例"] == ("120%", "130%")
    assert preview.added == (NEW_ENTRY["name"],)
    assert preview.changed == ("组织劳模及先进职工疗休养人数",)
    assert len(preview.removed) == len(default_library().entries) - 10
    text = "\n".join(preview.lines())
    assert f"{NEW_YEAR}年度规则设置" in text
    assert "已签字确认或已报送，规则设置不变" in text
    assert f"报送截止日期：{NEW_YEAR}年度 绩效目标 {NEW_YEAR}-01-31" in text
    # nothing was applied by looking
    assert active_library(own).title == default_library().title
    assert stage_deadlines(own, NEW_YEAR) == []
    [outcome] = receive(own, [path])
    assert outcome.status == "received", outcome.message
    assert "已应用" in outcome.message
    # library, settings of the unsigned year only, deadlines
    library = active_library(own)
    assert library.title == "某区总工会指标库"
    assert library.entry(NEW_ENTRY["id"]) is not None
    assert own.load_year(NEW_YEAR).settings.lag_points == Decimal(15)
    assert own.load_year(YEAR).settings == before_2024
    due = stage_deadlines(own, NEW_YEAR, today=date(NEW_YEAR, 2, 1))
    assert [(item.stage, item.due, item.overdue, item.days_left) for item in due] == [
        ("targets", date(NEW_YEAR, 1, 31), True, -1),
        ("self-evaluation", date(NEW_YEAR + 1, 2, 28), False, 392),
    ]
    [sent] = stage_deadlines(own, YEAR)
    assert sent.sent  # the demo sent its 2024 self-evaluation
    # a year started later takes the upper level's settings
    editing.add_year(own, NEW_YEAR + 1)
    assert own.load_year(NEW_YEAR + 1).settings.over_delivery_ratio == Decimal("1.30")
    # check prints the deadlines
    capsys.readouterr()
    main(["check", "--workspace", str(own.paths.root), "--year", str(NEW_YEAR)])
    assert "截止日期 [" in capsys.readouterr().out
    # the same package again changes nothing
    [again] = receive(own, [path])
    assert again.status == "already received"


def test_an_older_or_equal_sequence_is_refused(upper, own, tmp_path):
    upper.close()
    twin_root = tmp_path / "upper-twin"
    shutil.copytree(upper.paths.root, twin_root, ignore=shutil.ignore_patterns("unionperf.lock"))
    with Workspace.open(upper.paths.root) as first, Workspace.open(twin_root) as twin:
        one = _export(first, tmp_path / "a")
        same_number = _export(twin, tmp_path / "b")  # also sequence 1, signed by the same key
        two = _export(first, tmp_path / "a")
    assert one.read_bytes() != same_number.read_bytes()
    [outcome] = receive(own, [two])
    assert outcome.status == "received"
    for older in (one, same_number):
        [refused] = receive(own, [older])
        assert refused.refused
        assert "不新于已应用的第2次参数包" in refused.message
    with own.reading() as uow:
        assert [item.sequence for item in uow.params.applied()] == [2]
    with pytest.raises(
        ParamsRefusedError, match=r"^已拒收（不新于已应用的第2次参数包）：第1次"
    ) as caught:
        preview_params(own, one)
    assert caught.value.code == "replay"


def test_a_package_signed_by_another_key_is_refused(unit, own, tmp_path):
    with _upper(tmp_path / "impostor") as impostor:
        _library, settings, _deadlines = _files(tmp_path / "fake")
        params.set_settings(impostor, settings)
        path = _export(impostor, tmp_path / "out")
    before = own.load_year(NEW_YEAR).settings
    [outcome] = receive(own, [path])
    assert outcome.refused
    assert "签名" in outcome.message
    assert own.load_year(NEW_YEAR).settings == before
    with own.reading() as uow:
        assert uow.params.applied() == []
    assert list((own.paths.root / "quarantine").glob("*参数包_第1次.upkg"))
    # a unit that trusts no upper key refuses it too
    with Workspace.open(copy_workspace(unit.workspace, tmp_path / "lonely")) as lonely:
        [outcome] = receive(lonely, [path])
        assert outcome.refused
        assert "trust-upper" in outcome.message


def test_the_upper_key_is_trusted_only_as_the_sheet_gives_it(unit, upper, tmp_path):
    key = signing.export_public_key(upper, tmp_path / "upper.pub")
    key_id = signing.key_info(upper).key_id
    with Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit")) as own:
        with pytest.raises(InputError, match="不一致"):
            trust_upper(own, key, UPPER_NAME, "0000111122223333")
        with own.reading() as uow:
            assert uow.submissions.upper_key() is None
        grouped = " ".join(key_id[index : index + 4] for index in range(0, 16, 4)).lower()
        trust_upper(own, key, UPPER_NAME, grouped)  # as typed off the sheet
        with _upper(tmp_path / "other") as other:
            other_key = signing.export_public_key(other, tmp_path / "other.pub")
            other_id = signing.key_info(other).key_id
        with pytest.raises(InputError, match="--replace"):
            trust_upper(own, other_key, "另一个", other_id)
        trust_upper(own, other_key, "另一个", other_id, replace=True)


def test_the_upper_key_sheet_tells_units_the_key(upper, tmp_path):
    info = signing.key_info(upper)
    (form,) = key_sheet_family(info, upper.unit(), date(2026, 1, 5)).forms
    texts = "\n".join(text for _, text in form_texts(form))
    grouped = " ".join(info.key_id[index : index + 4] for index in range(0, 16, 4))
    for expected in (UPPER_TITLE, UPPER_NAME, UPPER_CODE, grouped, "单位信息", "2026年1月5日"):
        assert expected in texts
    assert "untrusted comment" not in texts
    assert form.qr.startswith(f"上级工会签名公钥;信用代码={UPPER_CODE};密钥={info.key_id};")
    path = write_key_sheet(info, upper.unit(), tmp_path / "sheet")
    assert path.read_bytes().startswith(b"%PDF")


def test_what_the_upper_level_cannot_send(unit, tmp_path):
    _library, settings, _deadlines = _files(tmp_path / "params")
    with _upper(tmp_path / "empty") as empty, pytest.raises(InputError, match="尚未设置"):
        params.export_params(empty, tmp_path / "out", UPPER_PASSPHRASE)
    with _upper(tmp_path / "nocode", code="") as nocode:
        params.set_settings(nocode, settings)
        with pytest.raises(InputError, match="统一社会信用代码"):
            params.export_params(nocode, tmp_path / "out", UPPER_PASSPHRASE)
    own = Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit"))
    with own, pytest.raises(InputError, match="只有上级工会"):
        params.set_settings(own, settings)
    with _upper(tmp_path / "checks") as upper:
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({"weights": {"execution": "50"}}), encoding="utf-8")
        with pytest.raises(InputError, match="分值"):
            params.set_settings(upper, bad)
        bad.write_text(json.dumps([{"year": 2025, "stage": "spring", "due": "x"}]), "utf-8")
        with pytest.raises(InputError, match="截止日期文件"):
            params.set_deadlines(upper, bad)
        bad.write_text(json.dumps([*DEADLINES, DEADLINES[0]]), encoding="utf-8")
        with pytest.raises(InputError, match="出现了两次"):
            params.set_deadlines(upper, bad)
        bad.write_text('{"format": 1, "entries": [{"id": "x"}]}', encoding="utf-8")
        with pytest.raises(ServiceError, match="第1条指标"):
            params.set_library(upper, bad)
        assert params.parameters(upper).settings is None
        assert params.parameters(upper).library is None
