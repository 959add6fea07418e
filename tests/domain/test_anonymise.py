"""The support copy's anonymiser: texts replaced, money scaled, problems and scores kept."""

from __future__ import annotations

import dataclasses
import typing
from decimal import Decimal

import pytest

from unionperf.demo.data import demo_unit, demo_years
from unionperf.domain.anonymise import (
    KEPT_FIELDS,
    MONEY_FIELDS,
    TEXT_FIELDS,
    Anonymiser,
    numeral,
)
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.credit_code import is_valid_credit_code
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import IndicatorKind
from unionperf.domain.problems import ProblemCode
from unionperf.domain.results import score_year
from unionperf.domain.unit import UnitProfile
from unionperf.domain.validation import check_year
from unionperf.domain.validation.evaluation_rules import is_boilerplate
from unionperf.domain.validation.target_rules import is_vague_target
from unionperf.domain.year import YearData


def _dataclasses(root: type) -> dict[type, dict[str, typing.Any]]:
    """Every dataclass reachable from ``root`` by its field types, with their field types."""
    found: dict[type, dict[str, typing.Any]] = {}
    pending = [root]
    while pending:
        kind = pending.pop()
        if kind in found:
            continue
        hints = typing.get_type_hints(kind)
        found[kind] = {field.name: hints[field.name] for field in dataclasses.fields(kind)}
        for hint in found[kind].values():
            stack = [hint]
            while stack:
                item = stack.pop()
                if isinstance(item, type) and dataclasses.is_dataclass(item):
                    pending.append(item)
                stack.extend(typing.get_args(item))
    return found


def _leaves(hint: typing.Any) -> set[typing.Any]:
    args = typing.get_args(hint)
    return set().union(*(_leaves(arg) for arg in args)) if args else {hint}


def test_every_text_and_decimal_field_is_classified():
    """A field added later must be put in one of the tables: replaced, scaled or kept."""
    unclassified = []
    for kind, fields in _dataclasses(YearData).items():
        if kind.__name__ in {"CategoryCatalogue", "Category"}:
            continue  # the program's vocabulary, not typed by the user
        for name, hint in fields.items():
            if not _leaves(hint) & {str, Decimal}:
                continue
            if not (
                name in MONEY_FIELDS.get(kind, ())
                or name in TEXT_FIELDS.get(kind, {})
                or name in KEPT_FIELDS.get(kind, ())
                or (kind.__name__ == "RuleSettings" and name == "weights")
            ):
                unclassified.append(f"{kind.__name__}.{name}")
    assert unclassified == []


def _money(data: YearData) -> list[Decimal | None]:
    values: list[Decimal | None] = [data.opening_balance, data.settings.exemption_threshold]
    for line in data.budget:
        values += [line.last_year_actual, line.budget, line.adjustment, line.executed]
    for project in data.projects:
        values.append(project.midterm_budget)
        for funding in project.funding:
            values += [funding.initial, funding.adjusted, funding.executed]
    for entry in data.monitoring:
        values += [entry.executed, entry.forecast]
    return values


def _structure(data: YearData) -> list[str]:
    return sorted(problem.key for problem in check_year(data))


def _scores(data: YearData) -> list[tuple]:
    score = score_year(data)
    rows = [
        (
            item.project.uid,
            item.exempt,
            item.score.execution.rate,
            item.score.total,
            item.score.grade,
        )
        for item in score.projects
    ]
    if score.unit is not None:
        rows.append(
            (UNIT_OWNER, False, score.unit.execution.rate, score.unit.total, score.unit.grade)
        )
    return rows


@pytest.mark.parametrize("year", demo_years(), ids=lambda data: str(data.year))
def test_an_integer_factor_scales_every_amount_and_keeps_problems_and_scores(year):
    anonymous = Anonymiser(Decimal(3)).year(year)
    assert _money(anonymous) == [None if v is None else v * 3 for v in _money(year)]
    assert _structure(anonymous) == _structure(year)
    assert _scores(anonymous) == _scores(year)
    assert [p.uid for p in anonymous.projects] == [p.uid for p in year.projects]


def test_texts_are_replaced_blank_kept_and_equal_texts_stay_equal():
    first, second = demo_years()
    anonymiser = Anonymiser(Decimal("1.37"))
    one, two = anonymiser.year(first), anonymiser.year(second)
    originals = {p.uid: p for p in (*first.projects, *second.projects)}
    for project in (*one.projects, *two.projects):
        original = originals[project.uid]
        assert project.name != original.name
        assert project.name.startswith("项目")
        assert (project.responsible == "") == (original.responsible.strip() == "")
    kept_across_years = {p.uid for p in first.projects} & {p.uid for p in second.projects}
    for uid in kept_across_years:
        assert next(p.name for p in one.projects if p.uid == uid) == next(
            p.name for p in two.projects if p.uid == uid
        )
    assert one.unit.name == two.unit.name != first.unit.name
    assert one.unit.chair != first.unit.chair
    for signoff in one.signoffs:
        assert signoff.name.startswith("人员")
    for explanation in one.explanations:
        assert explanation.text.startswith("文字")


def test_amounts_are_rounded_to_fen_and_keep_zero_and_sign():
    anonymiser = Anonymiser(Decimal("1.37"))
    assert anonymiser.money(Decimal("100.01")) == Decimal("137.01")
    assert anonymiser.money(Decimal(0)) == 0
    assert anonymiser.money(Decimal("-5.00")) == Decimal("-6.85")
    for value in _money(anonymiser.year(demo_years()[1])):
        assert value is None or value == value.quantize(Decimal("0.01"))


def test_duplicate_and_blank_names_stay_duplicate_and_blank():
    data = demo_years()[1]
    first, second = data.projects[0], data.projects[1]
    data = dataclasses.replace(
        data,
        projects=(
            dataclasses.replace(first, name="职工书屋"),
            dataclasses.replace(second, name=" 职工书屋 "),
            *data.projects[2:],
        ),
    )
    anonymous = Anonymiser(Decimal(2)).year(data)
    assert anonymous.projects[0].name == anonymous.projects[1].name
    assert ProblemCode.PROJECT_DUPLICATE_NAME in {p.code for p in check_year(anonymous)}


@pytest.mark.parametrize(
    ("code", "valid"),
    [("81310115MC2K7Q8P1A", True), ("81310115MC2K7Q8P1B", False), ("123", False)],
)
def test_a_credit_code_keeps_its_validity_not_its_value(code, valid):
    assert is_valid_credit_code(code) is valid
    made = Anonymiser(Decimal(2)).unit(UnitProfile("某工会", code)).credit_code
    assert made != code
    assert is_valid_credit_code(made) is valid
    assert Anonymiser(Decimal(2)).unit(UnitProfile("某工会", "")).credit_code == ""


def test_a_vague_target_stays_vague_and_a_boilerplate_deviation_stays_boilerplate():
    data = demo_years()[1]
    project = next(
        p
        for p in data.projects
        if any(i.kind is IndicatorKind.QUALITATIVE for i in p.targets.indicators)
    )
    vague = "进一步提高职工满意度"
    indicators = tuple(
        dataclasses.replace(i, target_text=vague) if i.kind is IndicatorKind.QUALITATIVE else i
        for i in project.targets.indicators
    )
    changed = dataclasses.replace(
        project, targets=dataclasses.replace(project.targets, indicators=indicators)
    )
    data = dataclasses.replace(
        data, projects=tuple(changed if p.uid == project.uid else p for p in data.projects)
    )
    anonymiser = Anonymiser(Decimal(2))
    anonymous = anonymiser.year(data)
    texts = [
        i.target_text
        for p in anonymous.projects
        if p.uid == project.uid
        for i in p.targets.indicators
        if i.kind is IndicatorKind.QUALITATIVE
    ]
    assert texts
    assert all(is_vague_target(text) and vague not in text for text in texts)
    assert not is_vague_target(anonymiser.text("目标", "提高到95%"))
    result = IndicatorResult("x", deviation="同上")
    assert anonymiser._walk(result).deviation == "同上"
    assert is_boilerplate("同上")
    assert anonymiser._walk(IndicatorResult("x", deviation="因疫情延期")).deviation.startswith(
        "文字"
    )


def test_numerals_have_no_decimal_digit():
    assert numeral(1024) == "一〇二四"
    assert not any(char.isdecimal() for char in numeral(1234567890))


def test_the_unit_profile_keeps_level_and_counts():
    unit = demo_unit()
    anonymous = Anonymiser(Decimal(2)).unit(unit)
    assert (anonymous.level, anonymous.member_count, anonymous.staff_count) == (
        unit.level,
        unit.member_count,
        unit.staff_count,
    )
    for name in ("name", "upper_union", "accountant", "chair", "audit_chair", "address"):
        assert getattr(anonymous, name) != getattr(unit, name)
