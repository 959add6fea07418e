"""The upper level's review: a unit's received stage item by item with readable paths, feedback
naming items by path, the history of decisions, and re-scoring that keeps both scores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.exchange.packages import (
    MONITORING,
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
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.feedback import Decision, Opinion, PathOpinion
from unionperf.domain.item_paths import BUDGET_OWNER, ItemKind, resolve
from unionperf.domain.results import score_year
from unionperf.exchange.package import verify_package
from unionperf.services.common import signing
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.feedback import trust_upper
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.decisions import decisions
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.register import register
from unionperf.services.upper.rescore import rescore, rescores, upper_scores
from unionperf.services.upper.review import review

EXAMPLE_PROJECT = "项目/2024年职工文体活动经费"
EXAMPLE = f"{EXAMPLE_PROJECT}/指标/举办职工文体活动场次"


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture
def upper(unit, tmp_path) -> Iterator[Workspace]:
    """An upper level that registered the demo unit and received its targets (sent twice), a
    monitoring point and its self-evaluation."""
    workspace = upper_workspace(tmp_path / "upper")
    register(
        workspace, unit.pub_file, unit.unit_code, unit.unit_name, key_id=key_id_of(unit.pub_file)
    )
    names = ("targets-1", "targets-2", "monitoring-1", "self-evaluation-1")
    outcomes = receive(workspace, [unit.packages[name] for name in names])
    assert not any(outcome.refused for outcome in outcomes), outcomes
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def unit_data(unit, tmp_path_factory):
    """The demo unit's 2024 as its own workspace holds it."""
    path = copy_workspace(unit.workspace, tmp_path_factory.mktemp("unit-read") / "unit")
    with Workspace.open(path) as workspace:
        return workspace.load_year(YEAR)


def _expected(data) -> set[tuple[str, str]]:
    expected = {("", ""), (UNIT_OWNER, "")}
    expected |= {(BUDGET_OWNER, line.category_code) for line in data.budget}
    expected |= {(UNIT_OWNER, item.uid) for item in data.unit_targets.indicators}
    for project in data.projects:
        expected.add((project.uid, ""))
        if data.assessment_of(project.uid) is not None:
            expected.add((project.uid, ASSESSMENT_ITEM))
        expected |= {(project.uid, item.uid) for item in project.targets.indicators}
    return expected


@pytest.mark.parametrize("stage", ["targets", MONITORING, "self-evaluation"])
def test_review_paths_are_unique_and_complete(upper, unit, unit_data, stage):
    result = review(upper, unit.unit_code, YEAR, stage)
    paths = [item.path for item in result.items]
    assert len(paths) == len(set(paths))
    assert {(item.owner, item.item) for item in result.items} == _expected(unit_data)
    assert result.unit_name == unit.unit_name
    assert result.sequence == (2 if stage == "targets" else 1)
    # each path names the same item in the unit's own copy of the data
    for item in result.items:
        ref = resolve(unit_data, item.path)
        assert ref is not None
        assert (ref.owner, ref.item) == (item.owner, item.item)


def test_review_shows_the_values_of_the_stage(upper, unit):
    targets = review(upper, unit.unit_code, YEAR, "targets")
    example = targets.item(EXAMPLE)
    assert example is not None
    assert example.kind is ItemKind.INDICATOR
    assert example.value("target").startswith("≥")
    assert example.value("points")
    assert example.score is None
    assert example.light is None
    monitoring = review(upper, unit.unit_code, YEAR, MONITORING)
    lit = [item for item in monitoring.items if item.light is not None]
    assert any(item.kind is ItemKind.INDICATOR for item in lit)
    assert all(item.value("light") for item in lit)
    assert monitoring.item("单位整体").value("time_progress").endswith("%")
    evaluation = review(upper, unit.unit_code, YEAR, "self-evaluation")
    project = evaluation.item(EXAMPLE_PROJECT)
    assert project.score == Decimal("91.55")  # the worked example of domain.md §5.8
    assert project.value("grade") == "优"
    scored = evaluation.item(EXAMPLE)
    assert scored.score is not None
    assert "10 ÷ 12 × 15 = 12.50" in scored.value("working")  # the domain's own sentence
    assert project.value("total_working").startswith("总分 = 预算执行率得分9.30")
    assert evaluation.item("预算/支出/职工活动支出").value("approved")


def test_review_of_a_stage_not_received_is_refused(upper, unit):
    with pytest.raises(InputError, match="尚未接收"):
        review(upper, unit.unit_code, YEAR, "monitoring-2024-06-30")
    with pytest.raises(InputError, match="未登记"):
        review(upper, "91310000MA1FL8LQ2B", YEAR, "targets")
    with pytest.raises(InputError, match="未知阶段"):
        review(upper, unit.unit_code, YEAR, "summer")


def _feedback(upper, unit, tmp_path, decision, summary, opinions) -> Path:  # noqa: PLR0917
    return create_feedback(
        upper,
        unit_code=unit.unit_code,
        year=YEAR,
        stage="targets",
        decision=decision,
        summary=summary,
        opinions=opinions,
        out_dir=tmp_path / "fb",
        passphrase=UPPER_PASSPHRASE,
    )


def test_feedback_naming_an_unknown_path_is_refused_with_the_path(upper, unit, tmp_path):
    wrong = "项目/2024年职工文体活动经费/指标/不存在的指标"
    with pytest.raises(InputError, match=f"第2条意见：“{wrong}”不在该单位报送的数据中"):
        _feedback(
            upper,
            unit,
            tmp_path,
            Decision.RETURN,
            "请修改",
            [PathOpinion(EXAMPLE, "请细化"), PathOpinion(wrong, "?")],
        )
    assert not (tmp_path / "fb").exists()
    assert decisions(upper, unit.unit_code) == []


def test_a_return_needs_a_reason(upper, unit, tmp_path):
    with pytest.raises(InputError, match="退回时须写明退回原因"):
        _feedback(upper, unit, tmp_path, Decision.RETURN, "  ", [PathOpinion("整体", "再看看")])
    assert not (tmp_path / "fb").exists()
    # approving needs none
    _feedback(upper, unit, tmp_path, Decision.APPROVE, "", [])


def test_feedback_by_path_reaches_the_unit_as_uids_and_paths(upper, unit, unit_data, tmp_path):
    path = _feedback(
        upper,
        unit,
        tmp_path,
        Decision.RETURN,
        "指标不够细化",
        [
            PathOpinion(EXAMPLE, "场次目标偏低"),
            PathOpinion("整体", "请补充说明"),
            PathOpinion("预算/支出/职工活动支出", "预算偏高"),
            Opinion(UNIT_OWNER, "", "", "", "单位整体目标应量化"),
        ],
    )
    package = verify_package(path.read_bytes(), signing.public_key(upper))
    sent = package.feedback["opinions"]
    example = resolve(unit_data, EXAMPLE)
    assert (sent[0]["owner"], sent[0]["item"], sent[0]["label"]) == (
        example.owner,
        example.item,
        EXAMPLE,
    )
    assert (sent[1]["owner"], sent[1]["item"], sent[1]["label"]) == ("", "", "整体")
    assert (sent[2]["owner"], sent[2]["item"]) == (BUDGET_OWNER, "501")
    assert sent[3]["label"] == "单位整体"  # an opinion by uid is labelled with its path
    # the unit imports it: every label resolves in its own data to the uids it carries
    with Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit")) as own:
        trust_upper(own, signing.export_public_key(upper, tmp_path / "upper.pub"), "上级")
        [outcome] = receive(own, [path])
        assert outcome.status == "received", outcome.message
        with own.reading() as uow:
            [imported] = uow.submissions.feedback(YEAR)
        data = own.load_year(YEAR)
    for opinion in imported.opinions:
        ref = resolve(data, opinion.label)
        assert ref is not None
        assert (ref.owner, ref.item) == (opinion.owner, opinion.item)


def test_every_decision_is_kept_with_its_reason_and_opinions(upper, unit, tmp_path, capsys):
    _feedback(upper, unit, tmp_path, Decision.RETURN, "目标不细", [PathOpinion(EXAMPLE, "偏低")])
    _feedback(upper, unit, tmp_path, Decision.APPROVE, "同意", [])
    history = decisions(upper, unit.unit_code)
    assert [(item.stage, item.sequence, item.decision) for item in history] == [
        ("targets", 1, Decision.RETURN),
        ("targets", 2, Decision.APPROVE),
    ]
    assert history[0].summary == "目标不细"
    assert [(item.label, item.text) for item in history[0].opinions] == [(EXAMPLE, "偏低")]
    assert history[0].responds_to == 2  # the second targets package was current
    assert decisions(upper, unit.unit_code, YEAR + 1) == []
    assert [item.sequence for item in review(upper, unit.unit_code, YEAR, "targets").decisions] == [
        1,
        2,
    ]
    capsys.readouterr()
    root = str(upper.paths.root)
    assert main(["decisions", "--workspace", root, "--unit", unit.unit_code, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [item["decision"] for item in printed["decisions"]] == ["return", "approve"]
    assert printed["decisions"][0]["opinions"][0]["path"] == EXAMPLE


def test_rescore_keeps_both_scores_and_changes_the_total(upper, unit):
    data = review(upper, unit.unit_code, YEAR, "self-evaluation")
    own = data.item(EXAMPLE).score
    project_total = data.item(EXAMPLE_PROJECT).score
    unit_total = data.item("单位整体").score
    assert upper_scores(upper, YEAR) == {}
    lower = own - Decimal(2)
    done = rescore(upper, unit.unit_code, YEAR, path=EXAMPLE, score=str(lower), reason="场次有重复")
    assert (done.unit_score, done.upper_score) == (own, lower)
    assert done.owner_total == project_total
    assert done.owner_upper_total == project_total - Decimal(2)  # every indicator applies here
    assert done.unit_upper_total == unit_total  # a project's indicator: 单位整体 unchanged
    assert upper_scores(upper, YEAR) == {unit.unit_code: unit_total}
    # a 单位整体 indicator changes the unit's total as a whole
    received = review(upper, unit.unit_code, YEAR, "self-evaluation")
    unit_indicator = next(
        item
        for item in received.items
        if item.owner == UNIT_OWNER and item.kind is ItemKind.INDICATOR and item.score
    )
    scores = score_year(_received_data(upper, unit))
    assert scores.unit.applicable_points == scores.unit.possible_points
    done = rescore(
        upper,
        unit.unit_code,
        YEAR,
        path=unit_indicator.path,
        score="0",
        reason="无佐证材料",
    )
    assert done.unit_upper_total == unit_total - unit_indicator.score
    assert upper_scores(upper, YEAR) == {unit.unit_code: unit_total - unit_indicator.score}
    # both kept, and the review shows both
    again = review(upper, unit.unit_code, YEAR, "self-evaluation")
    shown = again.item(EXAMPLE)
    assert (shown.score, shown.upper_score) == (own, lower)
    assert shown.value("upper_reason") == "场次有重复"
    assert again.item(EXAMPLE_PROJECT).upper_score == project_total - Decimal(2)
    assert [item.path for item in rescores(upper, unit.unit_code, YEAR)] == [
        EXAMPLE,
        unit_indicator.path,
    ]
    # a second re-score of the same indicator replaces the first in the total; both are kept
    rescore(upper, unit.unit_code, YEAR, path=EXAMPLE, score=str(own), reason="核实无误")
    assert (
        review(upper, unit.unit_code, YEAR, "self-evaluation").item(EXAMPLE_PROJECT).upper_score
        == project_total
    )
    assert len(rescores(upper, unit.unit_code, YEAR)) == 3


def _received_data(upper, unit):
    from unionperf.services.upper.intake import received_year  # noqa: PLC0415

    return received_year(upper, unit.unit_code, YEAR, "self-evaluation")


@pytest.mark.parametrize(
    ("path", "score", "reason", "message"),
    [
        (EXAMPLE, "99", "太高", "应在 0 至"),
        (EXAMPLE, "-1", "太低", "应在 0 至"),
        (EXAMPLE, "1.234", "小数", "最多两位小数"),
        (EXAMPLE, "八", "不是数", "不是数字"),
        (EXAMPLE, "1", " ", "复评理由"),
        (EXAMPLE_PROJECT, "1", "项目", "不是一个绩效指标"),
        ("项目/没有/指标/这个", "1", "无", "“项目/没有/指标/这个”不在该单位报送的数据中"),
    ],
)
def test_a_bad_rescore_is_refused_and_nothing_is_kept(  # noqa: PLR0917 - parametrised
    upper, unit, path, score, reason, message
):
    with pytest.raises(InputError, match=message):
        rescore(upper, unit.unit_code, YEAR, path=path, score=score, reason=reason)
    assert rescores(upper, unit.unit_code, YEAR) == []
    assert upper_scores(upper, YEAR) == {}


def test_review_json_lists_every_item_with_path_and_values(upper, unit, capsys):
    capsys.readouterr()
    argv = ["review", "--workspace", str(upper.paths.root), "--unit", unit.unit_code]
    assert main([*argv, "--year", str(YEAR), "--stage", "self-evaluation", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    paths = [item["path"] for item in printed["items"]]
    assert len(paths) == len(set(paths))
    assert EXAMPLE in paths
    example = next(item for item in printed["items"] if item["path"] == EXAMPLE)
    assert example["values"]["score"] == example["score"]
    assert example["kind"] == "indicator"
    assert printed["items"][0]["path"] == "整体"
