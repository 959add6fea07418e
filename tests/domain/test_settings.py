"""Workspace rule settings: the defaults of domain.md §9 and their JSON form."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from unionperf.domain.framework import FOUR_CATEGORY, THREE_CATEGORY
from unionperf.domain.settings import ReverseFormula, RuleSettings, SignoffRole

D = Decimal


def test_defaults_of_domain_md_section_9():
    settings = RuleSettings()
    assert settings.framework_code == "mof-2020-3cat"
    assert settings.weights == {
        "execution": D(10),
        "产出指标": D(50),
        "效益指标": D(30),
        "满意度指标": D(10),
    }
    assert sum(settings.weights.values()) == D(100)
    assert settings.reverse_formula is ReverseFormula.RATIO
    assert settings.over_delivery_ratio == D("1.20")
    assert settings.lag_points == D(10)
    assert settings.exemption_threshold == D(0)
    assert settings.monitoring_cutoffs == ((3, 31), (6, 30), (7, 31), (9, 30))
    assert settings.unit_wide is True
    assert settings.required_signoffs == (
        SignoffRole.PREPARER,
        SignoffRole.CHAIR,
        SignoffRole.AUDIT_CHAIR,
    )


def test_default_weights_are_not_shared_between_instances():
    first, second = RuleSettings(), RuleSettings()
    first.weights["产出指标"] = D(40)
    assert second.weights["产出指标"] == D(50)
    assert THREE_CATEGORY.default_weights()["产出指标"] == D(50)


def test_cutoff_dates_of_a_year():
    assert RuleSettings().cutoff_dates(2025) == [
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 7, 31),
        date(2025, 9, 30),
    ]


def test_29_february_falls_back_to_28_in_a_common_year():
    settings = RuleSettings(monitoring_cutoffs=((7, 31), (2, 29)))
    assert settings.cutoff_dates(2025) == [date(2025, 2, 28), date(2025, 7, 31)]
    assert settings.cutoff_dates(2024) == [date(2024, 2, 29), date(2024, 7, 31)]


def test_with_framework_takes_that_frameworks_weights():
    settings = RuleSettings(lag_points=D(8)).with_framework(FOUR_CATEGORY.code)
    assert settings.framework_code == "mof-2021-4cat"
    assert settings.weights == {
        "execution": D(10),
        "成本指标": D(10),
        "产出指标": D(40),
        "效益指标": D(30),
        "满意度指标": D(10),
    }
    assert settings.lag_points == D(8)


def test_default_to_json():
    assert RuleSettings().to_json() == {
        "framework": "mof-2020-3cat",
        "weights": {"execution": "10", "产出指标": "50", "效益指标": "30", "满意度指标": "10"},
        "reverse_formula": 1,
        "over_delivery_ratio": "1.2",
        "lag_points": "10",
        "exemption_threshold": "0",
        "monitoring_cutoffs": ["03-31", "06-30", "07-31", "09-30"],
        "unit_wide": True,
        "required_signoffs": ["preparer", "chair", "audit_chair"],
        "arrival_lag_points": "10",
        "assessment_threshold": "0",
    }


def test_json_round_trip_of_defaults():
    settings = RuleSettings()
    assert RuleSettings.from_json(settings.to_json()) == settings


def test_json_round_trip_of_changed_settings_through_text():
    settings = replace(
        RuleSettings().with_framework(FOUR_CATEGORY.code),
        reverse_formula=ReverseFormula.LINEAR,
        over_delivery_ratio=D("1.30"),
        lag_points=D("7.5"),
        exemption_threshold=D("5000.00"),
        monitoring_cutoffs=((6, 30), (12, 31)),
        unit_wide=False,
        required_signoffs=(SignoffRole.CHAIR,),
    )
    text = json.dumps(settings.to_json(), ensure_ascii=False)
    back = RuleSettings.from_json(json.loads(text))
    assert back == settings
    assert back.reverse_formula is ReverseFormula.LINEAR
    assert back.weights["成本指标"] == D(10)


def test_from_json_fills_missing_keys_with_defaults():
    assert RuleSettings.from_json({}) == RuleSettings()
    four = RuleSettings.from_json({"framework": FOUR_CATEGORY.code})
    assert four.weights == FOUR_CATEGORY.default_weights()


@pytest.mark.parametrize("cutoff", ["02-30", "13-01", "00-10", "07", "7/31", "ab-cd"])
def test_invalid_cutoff_is_rejected(cutoff):
    data = RuleSettings().to_json()
    data["monitoring_cutoffs"] = ["06-30", cutoff]
    with pytest.raises(ValueError, match=f"监控时点“{cutoff}”不是有效的月-日"):
        RuleSettings.from_json(data)


def test_leap_day_cutoff_is_accepted():
    data = {"monitoring_cutoffs": ["02-29"]}
    assert RuleSettings.from_json(data).monitoring_cutoffs == ((2, 29),)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("framework", "no-such-framework", "未知的指标体系“no-such-framework”"),
        ("reverse_formula", 3, "3 is not a valid ReverseFormula"),
        ("lag_points", "十", "不是数字"),
        ("required_signoffs", ["boss"], "'boss' is not a valid SignoffRole"),
    ],
)
def test_invalid_values_are_rejected(key, value, message):
    with pytest.raises(ValueError, match=message):
        RuleSettings.from_json({key: value})


def test_the_assessment_threshold_round_trips_and_defaults_to_none_asked():
    settings = RuleSettings(assessment_threshold=Decimal("500000"))
    assert RuleSettings.from_json(settings.to_json()).assessment_threshold == Decimal(500000)
    older = RuleSettings().to_json()
    del older["assessment_threshold"]  # settings written before the field existed
    assert RuleSettings.from_json(older).assessment_threshold == 0
