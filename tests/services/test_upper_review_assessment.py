"""The upper level sees a new major project's 事前绩效评估 in review; an opinion attaches to it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.exchange.packages import (
    UPPER_PASSPHRASE,
    YEAR,
    DemoUnit,
    copy_workspace,
    demo_unit,
    key_id_of,
    upper_workspace,
)
from unionperf.cli import main
from unionperf.domain.assessment import ASSESSMENT_ITEM
from unionperf.domain.feedback import Decision, Opinion, PathOpinion, unknown_reference
from unionperf.domain.item_paths import ItemKind, resolve
from unionperf.exchange.package import verify_package
from unionperf.services.common import signing
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.feedback import trust_upper
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.register import register
from unionperf.services.upper.review import review

ASSESSED = "p2024-02"
"""The demo's new major project, assessed 调整后通过 (``demo.assessment``)."""


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture
def upper(unit, tmp_path) -> Iterator[Workspace]:
    """An upper level that registered the demo unit and received its targets."""
    workspace = upper_workspace(tmp_path / "upper")
    register(
        workspace, unit.pub_file, unit.unit_code, unit.unit_name, key_id=key_id_of(unit.pub_file)
    )
    [outcome] = receive(workspace, [unit.packages["targets-2"]])
    assert not outcome.refused, outcome.message
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def unit_data(unit, tmp_path_factory):
    path = copy_workspace(unit.workspace, tmp_path_factory.mktemp("unit-read") / "unit")
    with Workspace.open(path) as workspace:
        return workspace.load_year(YEAR)


def _path(data) -> str:
    return f"项目/{data.project(ASSESSED).name}/事前绩效评估"


def test_review_shows_the_assessment_as_its_own_item(upper, unit, unit_data):
    result = review(upper, unit.unit_code, YEAR, "targets")
    assessment = unit_data.assessment_of(ASSESSED)
    assert assessment is not None
    item = result.item(_path(unit_data))
    assert item is not None
    assert (item.kind, item.owner, item.item, item.name) == (
        ItemKind.ASSESSMENT,
        ASSESSED,
        ASSESSMENT_ITEM,
        "事前绩效评估",
    )
    assert item.value("conclusion") == "调整后通过"
    assert item.value("assessor") == assessment.assessor
    assert item.value("assessed_on") == "2023-11-20"
    assert item.value("required") == "是（达到金额门槛）"
    assert item.value("funding_soundness") == assessment.funding_soundness
    assert item.value("evidence") == assessment.evidence
    labels = [value.label for value in item.values]
    assert labels[:3] == ["评估结论", "评估人（评估机构）", "评估日期"]
    # the project carries the conclusion too; a project without an assessment has no such item
    assert result.item(f"项目/{unit_data.project(ASSESSED).name}").value("ex_ante") == "调整后通过"
    kinds = [(entry.owner, entry.kind) for entry in result.items]
    assert kinds.count((ASSESSED, ItemKind.ASSESSMENT)) == 1
    assert sum(kind is ItemKind.ASSESSMENT for _, kind in kinds) == len(unit_data.assessments)
    # the item follows its project, before the project's indicators
    at = [entry.path for entry in result.items].index(_path(unit_data))
    assert result.items[at - 1].kind is ItemKind.PROJECT


def test_review_json_carries_the_assessment(upper, unit, unit_data, capsys):
    capsys.readouterr()
    root = str(upper.paths.root)
    arguments = ["review", "--workspace", root, "--unit", unit.unit_code, "--year", str(YEAR)]
    assert main([*arguments, "--stage", "targets", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    [item] = [entry for entry in printed["items"] if entry["path"] == _path(unit_data)]
    assert item["kind"] == "assessment"
    assert item["values"]["conclusion"] == "调整后通过"
    assert item["values"]["assessed_on"] == "2023-11-20"
    assert main([*arguments, "--stage", "targets"]) == 0
    assert "事前绩效评估" in capsys.readouterr().out


def test_an_opinion_on_the_assessment_by_path_reaches_the_unit(upper, unit, unit_data, tmp_path):
    path = create_feedback(
        upper,
        unit_code=unit.unit_code,
        year=YEAR,
        stage="targets",
        decision=Decision.RETURN,
        summary="事前评估需补充",
        opinions=[PathOpinion(_path(unit_data), "请补充比价依据")],
        out_dir=tmp_path / "fb",
        passphrase=UPPER_PASSPHRASE,
    )
    package = verify_package(path.read_bytes(), signing.public_key(upper))
    [sent] = package.feedback["opinions"]
    assert (sent["owner"], sent["item"], sent["label"]) == (
        ASSESSED,
        ASSESSMENT_ITEM,
        _path(unit_data),
    )
    with Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit")) as own:
        trust_upper(own, signing.export_public_key(upper, tmp_path / "upper.pub"), "上级")
        [outcome] = receive(own, [path])
        assert outcome.status == "received", outcome.message
        data = own.load_year(YEAR)
    ref = resolve(data, sent["label"])
    assert ref is not None
    assert (ref.owner, ref.item, ref.kind) == (ASSESSED, ASSESSMENT_ITEM, ItemKind.ASSESSMENT)


def test_an_opinion_on_an_assessment_the_unit_did_not_send_is_named(unit_data):
    other = next(p for p in unit_data.projects if unit_data.assessment_of(p.uid) is None)
    assert unknown_reference(Opinion(other.uid, ASSESSMENT_ITEM, "", "", "?"), unit_data) == (
        f"项目（{other.uid}）的事前绩效评估不在该单位报送的数据中"
    )
    assert unknown_reference(Opinion(ASSESSED, ASSESSMENT_ITEM, "", "", "?"), unit_data) is None
    assert resolve(unit_data, f"项目/{other.name}/事前绩效评估") is None
