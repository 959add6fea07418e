"""data.json: round trip, stage cuts, Chinese errors, the JSON Schema and robustness."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from unionperf.demo.data import demo_large_year, demo_years
from unionperf.domain.assessment import Conclusion, ExAnteAssessment
from unionperf.domain.budget import FundingSource, ProjectAttribute
from unionperf.domain.indicators import Indicator, Operator, Period, StandardBasis, Tier
from unionperf.domain.monitoring import (
    IndicatorProgress,
    Likelihood,
    MonitoringEntry,
    ReasonCategory,
    Suspension,
)
from unionperf.domain.project_years import ProjectYear
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitLevel
from unionperf.domain.year import Explanation, Stage, StageKind, YearData
from unionperf.exchange.codec import DATA_FORMAT_VERSION, CodecError, for_stage
from unionperf.exchange.codec_read import year_from_json
from unionperf.exchange.codec_write import year_to_json

D = Decimal
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "schemas" / "data.schema.json"
TOP_KEYS = [
    "format_version",
    "year",
    "unit",
    "settings",
    "catalogue",
    "opening_balance",
    "budget",
    "projects",
    "unit_targets",
    "points",
    "monitoring",
    "arrivals",
    "evaluations",
    "signoffs",
    "explanations",
    "assessments",
]


@cache
def _years() -> dict[str, YearData]:
    y2023, y2024 = demo_years()
    return {
        "2023": y2023,
        "2024": y2024,
        "large": demo_large_year(projects=5, indicators=6, points=3),
    }


@cache
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def _validator(schema: dict[str, Any] | None = None) -> Draft7Validator:
    return Draft7Validator(schema or _schema())


def _sorted_progress(data: YearData) -> YearData:
    """The year as data.json holds it: each entry's progress sorted by indicator uid (its order
    is unspecified) and each target set's indicators in canonical order (the demo of 2023 lists a
    时效 indicator before a 质量 one)."""
    entries = tuple(
        replace(entry, progress=tuple(sorted(entry.progress, key=lambda p: p.indicator_uid)))
        for entry in data.monitoring
    )
    order = data.framework.ordered
    projects = tuple(
        replace(item, targets=replace(item.targets, indicators=order(item.targets.indicators)))
        for item in data.projects
    )
    unit_targets = replace(data.unit_targets, indicators=order(data.unit_targets.indicators))
    return replace(data, monitoring=entries, projects=projects, unit_targets=unit_targets)


def _through_text(data: YearData) -> YearData:
    return year_from_json(json.loads(json.dumps(year_to_json(data), ensure_ascii=False)))


def _walk(value: Any):
    """Every value nested in a JSON document, the document included."""
    yield value
    children = value.values() if isinstance(value, dict) else value
    if isinstance(value, dict | list):
        for child in children:
            yield from _walk(child)


# ---------------------------------------------------------------------------------------------
# Round trip and the written form
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["2023", "2024", "large"])
def test_round_trip_of_demo_years(name):
    data = _years()[name]
    assert _through_text(data) == _sorted_progress(data)


@pytest.mark.parametrize("name", ["2023", "2024", "large"])
def test_written_form_is_plain_json_without_floats_in_a_fixed_order(name):
    data = _years()[name]
    document = year_to_json(data)
    assert list(document) == [*TOP_KEYS, "project_history"]
    assert document["format_version"] == DATA_FORMAT_VERSION == "1.4"
    assert not any(isinstance(value, float) for value in _walk(document))
    assert json.dumps(document, ensure_ascii=False) == json.dumps(
        year_to_json(data), ensure_ascii=False
    )


def test_progress_is_written_sorted_by_indicator_uid():
    data = _years()["2024"]
    entry = next(item for item in data.monitoring if len(item.progress) > 1)
    shuffled = replace(entry, progress=tuple(reversed(entry.progress)))
    document = year_to_json(replace(data, monitoring=(shuffled,)))
    uids = [item["indicator_uid"] for item in document["monitoring"][0]["progress"]]
    assert uids == sorted(uids)
    assert len(uids) == len(entry.progress)


def test_numbers_dates_enums_and_nulls():
    data = _years()["2024"]
    indicator = Indicator(
        "i1", "产出指标", "数量指标", "场次", Operator.GE, target=D("1.20"), points=D("5E+1")
    )
    qualitative = Indicator("i2", "效益指标", "社会效益指标", "制度", Operator.QUALITATIVE)
    progress = IndicatorProgress("i2", tier=Tier.PARTIAL, likelihood=Likelihood.POSSIBLE)
    entry = MonitoringEntry("m1", "unit", executed=D("12.5"), progress=(progress,))
    data = replace(
        data,
        opening_balance=D("-3"),
        unit_targets=replace(data.unit_targets, indicators=(indicator, qualitative)),
        monitoring=(entry,),
    )
    document = year_to_json(data)
    written = document["unit_targets"]["indicators"]
    assert document["opening_balance"] == "-3.00"
    assert (written[0]["operator"], written[0]["target"], written[0]["points"]) == (
        ">=",
        "1.20",
        "50",
    )
    assert (written[1]["operator"], written[1]["target"], written[1]["points"]) == (
        "qualitative",
        None,
        None,
    )
    assert document["monitoring"][0]["executed"] == "12.50"
    assert document["monitoring"][0]["forecast"] is None
    assert document["monitoring"][0]["progress"][0]["tier"] == "partial"
    assert document["projects"][0]["start"] == "2024-01-01"
    assert year_from_json(document) == data


def test_interval_target_round_trips_and_matches_the_schema():
    data = _years()["2024"]
    interval = Indicator(
        "iv",
        "效益指标",
        "社会效益指标",
        "帮扶覆盖率",
        Operator.INTERVAL,
        target=D(60),
        unit="%",
        points=D(5),
        target_upper=D("80.5"),
    )
    data = replace(data, unit_targets=replace(data.unit_targets, indicators=(interval,)))
    document = year_to_json(data)
    written = document["unit_targets"]["indicators"][0]
    assert (written["operator"], written["target"], written["target_upper"]) == (
        "interval",
        "60",
        "80.5",
    )
    assert not list(_validator().iter_errors(document))
    assert year_from_json(document) == data


def test_a_1_0_document_without_upper_bounds_still_reads():
    data = _years()["2024"]
    document = year_to_json(data)
    document["format_version"] = "1.0"
    for record in _walk(document):
        if isinstance(record, dict):
            record.pop("target_upper", None)
    assert year_from_json(document) == _sorted_progress(data)
    assert not list(_validator().iter_errors(document))


def test_revenue_arrival_round_trips_and_matches_the_schema():
    data = replace(_years()["2024"], settings=RuleSettings(arrival_lag_points=D("7.5")))
    assert len(data.arrivals) == 20  # 5 revenue categories × 4 points
    document = year_to_json(data)
    late = next(
        item
        for item in document["arrivals"]
        if item["point_uid"] == "m2024-06-30" and item["category_code"] == "403"
    )
    assert late == {
        "point_uid": "m2024-06-30",
        "category_code": "403",
        "amount": "12500.00",
        "received_on": "2024-03-15",
        "note": late["note"],
    }
    assert late["note"].startswith("上级工会二季度回拨补助")
    assert document["settings"]["arrival_lag_points"] == "7.5"
    assert not list(_validator().iter_errors(document))
    assert year_from_json(document) == _sorted_progress(data)


def test_arrival_without_a_date_is_null():
    data = replace(_years()["2024"], arrivals=(RevenueArrival("m2024-03-31", "402", D(5)),))
    (written,) = year_to_json(data)["arrivals"]
    assert written["received_on"] is None
    assert year_from_json(year_to_json(data)).arrivals == data.arrivals


def test_a_1_1_document_without_arrivals_still_reads():
    data = _years()["2024"]
    document = year_to_json(data)
    document["format_version"] = "1.1"
    del document["arrivals"]
    del document["settings"]["arrival_lag_points"]
    assert not list(_validator().iter_errors(document))
    read = year_from_json(document)
    assert read.arrivals == ()
    assert read.settings.arrival_lag_points == D(10)
    assert read == replace(_sorted_progress(data), arrivals=())


def _assessed() -> YearData:
    data = _years()["2024"]
    first, second = data.projects[0].uid, data.projects[1].uid
    return replace(
        data,
        settings=replace(data.settings, assessment_threshold=D("150000")),
        assessments=(
            ExAnteAssessment(
                first,
                necessity="会员需求调查",
                feasibility="场地已落实",
                expected_performance="覆盖会员800人次",
                funding_soundness="三家询价",
                risks="天气，备室内场地",
                conclusion=Conclusion.PASS_ADJUSTED,
                assessor="财务委员会",
                assessed_on=date(2023, 11, 20),
                evidence="会议纪要",
            ),
            ExAnteAssessment(second),  # begun: no conclusion, no date yet
        ),
    )


def test_assessments_round_trip_and_match_the_schema():
    data = _assessed()
    document = year_to_json(data)
    assert document["format_version"] == "1.4"
    assert document["settings"]["assessment_threshold"] == "150000"
    first, begun = document["assessments"]
    assert first["conclusion"] == "pass_adjusted"
    assert first["assessed_on"] == "2023-11-20"
    assert begun["conclusion"] is None
    assert begun["assessed_on"] is None
    assert not list(_validator().iter_errors(document))
    assert _through_text(data) == _sorted_progress(data)


def test_a_1_2_document_without_assessments_still_reads():
    data = _assessed()
    document = year_to_json(data)
    document["format_version"] = "1.2"
    del document["assessments"]
    del document["settings"]["assessment_threshold"]
    assert not list(_validator().iter_errors(document))
    read = year_from_json(document)
    assert read.assessments == ()
    assert read.settings.assessment_threshold == 0


def _multi_year(data: YearData) -> YearData:
    """The first project flagged for 清理退出, with two earlier years (one scored)."""
    first = data.projects[0]
    flagged = replace(first, clear_out=True, clear_out_reason="连续两年参与率偏低")
    history = (
        ProjectYear(data.year - 2, first.uid, "一期", D("1.00"), D("120000.50"), D(99000)),
        ProjectYear(
            data.year - 1, first.uid, "二期", D(0), D(130000), D(125000), D("58.25"), "差", True
        ),
    )
    return replace(data, projects=(flagged, *data.projects[1:]), project_history=history)


def test_multi_year_records_round_trip_and_match_the_schema():
    data = _multi_year(_years()["2024"])
    document = json.loads(json.dumps(year_to_json(data), ensure_ascii=False))
    assert document["projects"][0]["clear_out"] is True
    assert document["project_history"][1]["score"] == "58.25"
    assert document["project_history"][0]["score"] is None
    assert not list(_validator(_closed(_schema())).iter_errors(document))
    assert year_from_json(document) == _sorted_progress(data)


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2", "1.3"])
def test_an_older_document_without_multi_year_records_still_reads(version):
    data = _years()["2024"]
    document = year_to_json(_multi_year(data))
    document["format_version"] = version
    del document["project_history"]
    for project in document["projects"]:
        del project["clear_out"], project["clear_out_reason"]
    read = year_from_json(document)
    assert read == _sorted_progress(data)
    assert (read.projects[0].clear_out, read.project_history) == (False, ())
    assert not list(_validator().iter_errors(document))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["assessments"][0].update(project_uid="p-none"),
            "data.json 中 assessments[0].project_uid 不是本年度的项目：“p-none”",
        ),
        (
            lambda d: d["assessments"][1].update(project_uid=d["assessments"][0]["project_uid"]),
            "data.json 中 assessments[1] 与 assessments[0] 重复（同一项目只有一份事前绩效评估）",
        ),
        (
            lambda d: d["assessments"][0].update(conclusion="通过"),
            "data.json 中 assessments[0].conclusion 不是允许的值",
        ),
        (
            lambda d: d["assessments"][0].update(assessed_on="2023-11-31"),
            "data.json 中 assessments[0].assessed_on 不是有效日期：“2023-11-31”",
        ),
        (
            lambda d: d["assessments"][0].pop("risks"),
            "data.json 中 assessments[0].risks 缺失",
        ),
        (
            lambda d: d["settings"].update(assessment_threshold="many"),
            "data.json 中 settings.assessment_threshold 不是数值：“many”",
        ),
    ],
)
def test_a_bad_assessment_is_refused_with_its_path(change, message):
    document = year_to_json(_assessed())
    change(document)
    with pytest.raises(CodecError) as raised:
        year_from_json(document)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["project_history"][0].update(grade="A"),
            "data.json 中 project_history[0].grade 不是允许的等级（优、良、中、差或空）：“A”",
        ),
        (
            lambda d: d["project_history"][1].update(budget=1.5),
            "data.json 中 project_history[1].budget 不是金额：1.5",
        ),
        (
            lambda d: d["projects"][0].update(clear_out="是"),
            "data.json 中 projects[0].clear_out 不是 true 或 false：“是”",
        ),
        (lambda d: d.update(project_history={}), "data.json 中 project_history 不是数组：对象"),
    ],
)
def test_bad_multi_year_records_are_refused_with_their_path(change, message):
    document = year_to_json(_multi_year(_years()["2024"]))
    change(document)
    with pytest.raises(CodecError) as refused:
        year_from_json(document)
    assert str(refused.value) == message


def test_indicators_are_written_in_canonical_order():
    """Added 满意度 first and 效益 last: the package lists 产出, 效益, 满意度."""
    data = _years()["2024"]
    added = tuple(reversed(data.unit_targets.indicators))
    assert added[0].level1 == "满意度指标"
    data = replace(data, unit_targets=replace(data.unit_targets, indicators=added))
    written = [item["level1"] for item in year_to_json(data)["unit_targets"]["indicators"]]
    assert written == sorted(written, key=["产出指标", "效益指标", "满意度指标"].index)


@pytest.mark.parametrize("amount", [D("0.001"), D("12.345"), D("NaN"), D("Infinity")])
def test_an_amount_that_is_not_whole_fen_is_not_written(amount):
    with pytest.raises(CodecError, match=r"data\.json"):
        year_to_json(replace(_years()["2023"], opening_balance=amount))


def test_unknown_keys_are_ignored():
    document = year_to_json(_years()["2024"])
    records = [v for v in _walk(document) if isinstance(v, dict) and "execution" not in v]
    assert len(records) > 100  # every object but the weights map
    for record in records:
        record["x_later_minor_version"] = {"anything": [1, 2.5, None]}
    document["format_version"] = "1.7"
    assert year_from_json(document) == _sorted_progress(_years()["2024"])


# ---------------------------------------------------------------------------------------------
# Refusals with a Chinese message naming the JSON path
# ---------------------------------------------------------------------------------------------


def _broken(change) -> dict[str, Any]:
    document = year_to_json(_years()["2024"])
    change(document)
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["projects"][2]["funding"][0].update(adjusted="abc"),
            "data.json 中 projects[2].funding[0].adjusted 不是金额：“abc”",
        ),
        (
            lambda d: d["projects"][0]["funding"][0].update(initial=1200.0),
            "data.json 中 projects[0].funding[0].initial 不是金额：1200.0",
        ),
        (
            lambda d: d["budget"][1].update(executed="12.5"),
            "data.json 中 budget[1].executed 不是金额：“12.5”",
        ),
        (lambda d: d.pop("projects"), "data.json 中 projects 缺失"),
        (
            lambda d: d["projects"][1]["targets"]["indicators"][0].pop("operator"),
            "data.json 中 projects[1].targets.indicators[0].operator 缺失",
        ),
        (
            lambda d: d["projects"][1]["targets"]["indicators"][0].update(operator="≥"),
            "data.json 中 projects[1].targets.indicators[0].operator 不是允许的值"
            "（>=、>、=、<=、<、interval、qualitative）：“≥”",
        ),
        (
            lambda d: d["arrivals"][0].update(category_code="501"),
            "data.json 中 arrivals[0].category_code 不是收入科目：“501”",
        ),
        (
            lambda d: d["arrivals"][1].update(point_uid="m1999"),
            "data.json 中 arrivals[1].point_uid 不是本年度的监控时点：“m1999”",
        ),
        (
            lambda d: d["arrivals"][1].update(category_code="401"),
            "data.json 中 arrivals[1] 与 arrivals[0] 重复（同一监控时点的同一收入科目）",
        ),
        (
            lambda d: d["arrivals"][0].update(amount=100),
            "data.json 中 arrivals[0].amount 不是金额：100",
        ),
        (
            lambda d: d["arrivals"][0].update(received_on="2024-13-01"),
            "data.json 中 arrivals[0].received_on 不是有效日期：“2024-13-01”",
        ),
        (
            lambda d: d["settings"].update(arrival_lag_points="ten"),
            "data.json 中 settings.arrival_lag_points 不是数值：“ten”",
        ),
        (
            lambda d: d.update(arrivals={}),
            "data.json 中 arrivals 不是数组：对象",
        ),
        (
            lambda d: d["points"][0].update(cutoff="2024-02-30"),
            "data.json 中 points[0].cutoff 不是有效日期：“2024-02-30”",
        ),
        (
            lambda d: d["signoffs"][0].update(signed_on="2024/01/15"),
            "data.json 中 signoffs[0].signed_on 不是日期（YYYY-MM-DD）：“2024/01/15”",
        ),
        (lambda d: d.update(year="2024"), "data.json 中 year 不是整数：“2024”"),
        (lambda d: d.update(year=True), "data.json 中 year 不是整数：true"),
        (lambda d: d.update(year=2024.0), "data.json 中 year 不是整数：2024.0"),
        (lambda d: d.update(year=10000), "data.json 中 year 不在 1 到 9999 之间：10000"),
        (
            lambda d: d["unit"].update(staff_count=-1),
            "data.json 中 unit.staff_count 不在 0 到 9007199254740991 之间：-1",
        ),
        (
            lambda d: d["unit"].update(staff_count=10**5000),
            "data.json 中 unit.staff_count 不在 0 到 9007199254740991 之间：过大的整数",
        ),
        (
            lambda d: d["unit"].update(member_count=816.0),
            "data.json 中 unit.member_count 不是整数：816.0",
        ),
        (
            lambda d: d["projects"][0]["targets"]["indicators"][0].update(core="yes"),
            "data.json 中 projects[0].targets.indicators[0].core 不是 true 或 false：“yes”",
        ),
        (
            lambda d: d["monitoring"][0]["progress"][0].update(actual="1e3"),
            "data.json 中 monitoring[0].progress[0].actual 不是数值：“1e3”",
        ),
        (lambda d: d.update(evaluations={}), "data.json 中 evaluations 不是数组：对象"),
        (lambda d: d.update(unit=[]), "data.json 中 unit 不是对象：数组"),
        (
            lambda d: d.update(catalogue="acftu-1999"),
            "data.json 中 catalogue 不是已知的收支科目目录：“acftu-1999”",
        ),
        (
            lambda d: d["settings"].update(reverse_formula=1.0),
            "data.json 中 settings.reverse_formula 不是允许的值（1、2）：1.0",
        ),
        (
            lambda d: d["settings"].update(reverse_formula=3),
            "data.json 中 settings.reverse_formula 不是允许的值（1、2）：3",
        ),
        (
            lambda d: d["settings"].update(framework="mof-1999"),
            "data.json 中 settings 无效：未知的指标体系“mof-1999”",
        ),
        (
            lambda d: d["settings"]["weights"].update(execution="ten"),
            "data.json 中 settings.weights.execution 不是数值：“ten”",
        ),
        (
            lambda d: d["settings"].update(monitoring_cutoffs=["02-30"]),
            "data.json 中 settings 无效：监控时点“02-30”不是有效的月-日（MM-DD）",
        ),
        (
            lambda d: d.update(format_version="2.0"),
            "data.json 中 format_version 为 2.0：本软件只能读取 1.x 版的 data.json，"
            "请使用更新版本的软件打开",
        ),
    ],
)
def test_malformed_documents_are_refused_with_the_path(change, message):
    with pytest.raises(CodecError) as caught:
        year_from_json(_broken(change))
    assert str(caught.value) == message


@pytest.mark.parametrize("value", [None, [], "data", 3, 2.5, True])
def test_a_document_that_is_not_an_object_is_refused(value):
    with pytest.raises(CodecError, match=r"^data.json 不是对象"):
        year_from_json(value)


def test_long_bad_values_are_shortened_in_the_message():
    document = _broken(lambda d: d["budget"][0].update(budget="x" * 500))
    with pytest.raises(CodecError) as caught:
        year_from_json(document)
    assert len(str(caught.value)) < 100


# ---------------------------------------------------------------------------------------------
# What each stage carries
# ---------------------------------------------------------------------------------------------


@cache
def _full_year() -> YearData:
    return replace(_years()["2024"], explanations=(Explanation("SOFT|x", "说明"),))


def test_targets_stage_carries_no_monitoring_or_evaluation():
    data = _full_year()
    cut = for_stage(data, Stage(StageKind.TARGETS))
    assert (cut.points, cut.monitoring, cut.arrivals, cut.evaluations) == ((), (), (), ())
    assert cut.signoffs
    assert {item.stage for item in cut.signoffs} == {"targets"}
    assert cut.budget == data.budget
    assert cut.projects == data.projects
    assert cut.unit_targets == data.unit_targets
    assert cut.explanations == data.explanations
    assert (cut.unit, cut.settings, cut.opening_balance) == (
        data.unit,
        data.settings,
        data.opening_balance,
    )


@pytest.mark.parametrize(
    ("cutoff", "points"),
    [(date(2024, 3, 31), 1), (date(2024, 7, 31), 3), (date(2024, 8, 15), 3)],
)
def test_monitoring_stage_carries_the_points_up_to_its_cutoff(cutoff, points):
    data = _full_year()
    stage = Stage(StageKind.MONITORING, cutoff)
    cut = for_stage(data, stage)
    assert len(cut.points) == points
    assert all(point.cutoff <= cutoff for point in cut.points)
    uids = {point.uid for point in cut.points}
    assert cut.monitoring == tuple(item for item in data.monitoring if item.point_uid in uids)
    assert cut.monitoring
    assert cut.arrivals == tuple(item for item in data.arrivals if item.point_uid in uids)
    assert len(cut.arrivals) == 5 * points
    assert cut.evaluations == ()
    assert cut.signoffs == tuple(item for item in data.signoffs if item.stage == stage.name)
    assert cut.explanations == data.explanations
    assert (cut.budget, cut.projects, cut.unit_targets) == (
        data.budget,
        data.projects,
        data.unit_targets,
    )


def test_monitoring_stage_signoffs_are_its_own():
    cut = for_stage(_full_year(), Stage(StageKind.MONITORING, date(2024, 7, 31)))
    assert cut.signoffs
    assert {item.stage for item in cut.signoffs} == {"monitoring-2024-07-31"}


def test_self_evaluation_stage_carries_everything_with_its_signoffs():
    data = _full_year()
    cut = for_stage(data, Stage(StageKind.SELF_EVALUATION))
    assert {item.stage for item in cut.signoffs} == {"self-evaluation"}
    assert replace(cut, signoffs=data.signoffs) == data


def test_monitoring_stage_needs_a_cutoff():
    with pytest.raises(ValueError, match="截止日期"):
        for_stage(_full_year(), Stage(StageKind.MONITORING))


@pytest.mark.parametrize("stage", ["targets", "monitoring-2024-06-30", "self-evaluation"], ids=str)
def test_stage_cuts_round_trip_and_match_the_schema(stage):
    cut = for_stage(_full_year(), Stage.parse(stage))
    assert _through_text(cut) == _sorted_progress(cut)
    assert not list(_validator().iter_errors(year_to_json(cut)))


# ---------------------------------------------------------------------------------------------
# The JSON Schema (docs/schemas/data.schema.json)
# ---------------------------------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema():
    schema = _schema()
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] == "https://unionperf.invalid/schemas/data-1.0.json"
    later = {"arrivals", "assessments"}  # since 1.2 and 1.3
    assert schema["required"] == [key for key in TOP_KEYS if key not in later]


@pytest.mark.parametrize("name", ["2023", "2024", "large"])
def test_demo_years_match_the_schema(name):
    errors = list(_validator().iter_errors(year_to_json(_years()[name])))
    assert not errors, errors[0].message


def _closed(node: Any) -> Any:
    """The schema with ``additionalProperties: true`` turned into ``false`` everywhere."""
    if isinstance(node, dict):
        return {
            key: False if key == "additionalProperties" and value is True else _closed(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


@pytest.mark.parametrize("name", ["2023", "2024", "large"])
def test_schema_documents_every_key_written(name):
    errors = list(_validator(_closed(_schema())).iter_errors(year_to_json(_years()[name])))
    assert not errors, errors[0].message


ADDED_IN_MINOR_VERSIONS = {
    "target_upper",
    "arrivals",
    "arrival_lag_points",
    "assessments",
    "assessment_threshold",
    "clear_out",
    "clear_out_reason",
    "project_history",
}
"""Keys a later 1.x added: optional, so that documents of 1.0 stay valid."""


def test_every_record_requires_all_its_keys_and_allows_more():
    records = [_schema()] + [
        item for item in _schema()["definitions"].values() if item.get("type") == "object"
    ]
    for record in records:
        if "properties" not in record:  # the weights map
            continue
        expected = [key for key in record["properties"] if key not in ADDED_IN_MINOR_VERSIONS]
        assert record["required"] == expected
        assert record["additionalProperties"] is True


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("unit_level", UnitLevel),
        ("signoff_role", SignoffRole),
        ("funding_source", FundingSource),
        ("project_attribute", ProjectAttribute),
        ("operator", Operator),
        ("basis", StandardBasis),
        ("period", Period),
        ("tier", Tier),
        ("reason_category", ReasonCategory),
        ("likelihood", Likelihood),
        ("suspension", Suspension),
    ],
)
def test_schema_enums_are_the_domain_enums(name, kind: type[Enum]):
    assert _schema()["definitions"][name]["enum"] == [item.value for item in kind]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["projects"][0]["funding"][0].update(adjusted="12.5"),
        lambda d: d["projects"][0]["funding"][0].update(adjusted=12.5),
        lambda d: d.update(opening_balance="1,000.00"),
        lambda d: d["projects"][0]["targets"]["indicators"][0].update(target="1e3"),
        lambda d: d["points"][0].update(cutoff="2024/03/31"),
        lambda d: d["projects"][0].update(attribute="old"),
        lambda d: d["monitoring"][0]["progress"][0].update(tier="good"),
        lambda d: d["signoffs"][0].update(role="boss"),
        lambda d: d.pop("projects"),
        lambda d: d["evaluations"][0]["results"][0].pop("applicable"),
        lambda d: d.update(year="2024"),
        lambda d: d.update(year=0),
        lambda d: d["unit"].update(member_count=-5),
        lambda d: d.update(format_version="2.0"),
        lambda d: d.update(budget=None),
        lambda d: d["settings"].update(reverse_formula=3),
        lambda d: d["settings"]["weights"].update(execution="ten"),
        lambda d: d["arrivals"][0].update(amount="1e3"),
        lambda d: d["arrivals"][0].pop("note"),
        lambda d: d["settings"].update(arrival_lag_points=10),
        lambda d: d.update(arrivals=[{}] * 1001),
    ],
)
def test_broken_documents_fail_the_schema_and_the_reader(change):
    document = _broken(change)
    assert not _validator().is_valid(document)
    with pytest.raises(CodecError):
        year_from_json(document)


# ---------------------------------------------------------------------------------------------
# Robustness: any JSON value gives a year or a CodecError, nothing else
# ---------------------------------------------------------------------------------------------


@cache
def _small_document() -> dict[str, Any]:
    """A compact year that still has every part: monitoring, evaluations, explanations."""
    small = demo_large_year(projects=1, indicators=3, points=1)
    small = replace(small, explanations=_years()["2023"].explanations[:2])
    assert all((small.monitoring, small.evaluations, small.explanations, small.signoffs))
    return year_to_json(small)


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([-1, 0, 2**53, 1.0, 2024.0]),
    st.just(0).map(lambda _: 10**5000),  # too long for repr() (sys.int_info)
    st.floats(),
    st.text(max_size=6),
    st.sampled_from(
        [
            "",
            "1.00",
            "-0.50",
            "12",
            "1.5",
            "abc",
            "1e5",
            "NaN",
            "１２",
            "2024-07-31",
            "2024-02-30",
            "07-31",
            "02-30",
            "1.0",
            "2.0",
            ">=",
            "qualitative",
            "own",
            "achieved",
            "preparer",
            "unit",
            "acftu-2021",
            "mof-2021-4cat",
        ]
    ),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=5,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value below ``node``."""
    if isinstance(node, dict):
        keys: list[Any] = list(node)
    elif isinstance(node, list):
        keys = list(range(len(node)))
    else:
        return []
    found = []
    for key in keys:
        found.append((*prefix, key))
        found.extend(_paths(node[key], (*prefix, key)))
    return found


def _mutate(document: Any, path: tuple[Any, ...], action: str, value: Any) -> None:
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "drop":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif isinstance(parent[last], dict):
        parent[last]["x_extra"] = value
    elif isinstance(parent[last], list):
        parent[last].append(value)


def _decode_or_refuse(document: Any) -> YearData | None:
    try:
        result = year_from_json(document)
    except CodecError:
        return None
    assert isinstance(result, YearData)
    return result


@given(data=st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_documents_give_a_year_or_a_codec_error(data):
    document = copy.deepcopy(_small_document())
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        path = data.draw(st.sampled_from(_paths(document)), label="path")
        action = data.draw(st.sampled_from(["drop", "replace", "add"]), label="action")
        _mutate(document, path, action, data.draw(_VALUES, label="value"))
    result = _decode_or_refuse(document)
    if result is not None:
        # what the reader accepts the schema accepts, and it reads back the same
        assert _validator().is_valid(document)
        assert _through_text(result) == _sorted_progress(result)


@given(value=_VALUES)
@settings(max_examples=200, deadline=None)
def test_arbitrary_json_values_are_refused(value):
    with pytest.raises(CodecError):
        year_from_json(value)
