"""统一社会信用代码 (GB 32100-2015) validation."""

from __future__ import annotations

import pytest

from unionperf.domain.credit_code import check_character, credit_code_error, is_valid_credit_code

VALID = "91350100M000100Y43"


def test_valid_sample_code():
    assert credit_code_error(VALID) is None
    assert is_valid_credit_code(VALID) is True


def test_check_character_of_sample():
    assert check_character(VALID[:17]) == "3"


@pytest.mark.parametrize(
    ("first17", "expected"),
    [
        # weighted sum 0 → (31 - 0) % 31 = 0
        ("00000000000000000", "0"),
        # 1 × weight 1 → 31 - 1 = 30 → the 31st character "Y"
        ("10000000000000000", "Y"),
    ],
)
def test_check_character_edge_values(first17, expected):
    assert check_character(first17) == expected


@pytest.mark.parametrize("first17", ["9135010", "91350100M000100Y4X", "91350100M000100I4"])
def test_check_character_rejects_bad_input(first17):
    with pytest.raises(ValueError, match="not 17 code characters"):
        check_character(first17)


@pytest.mark.parametrize(("code", "length"), [("", 0), (VALID[:17], 17), (VALID + "0", 19)])
def test_wrong_length(code, length):
    assert credit_code_error(code) == f"统一社会信用代码应为18位，现为{length}位"
    assert is_valid_credit_code(code) is False


@pytest.mark.parametrize(
    ("code", "position", "char"),
    [
        ("91350100I000100Y43", 9, "I"),
        ("9135010OM000100Y43", 8, "O"),
        ("91350100M000100Z43", 16, "Z"),
        ("91350100M000100y43", 16, "y"),
        ("91350100M000100Y4O", 18, "O"),
    ],
)
def test_bad_character_is_named_with_its_position(code, position, char):
    assert credit_code_error(code) == (
        f"统一社会信用代码第{position}位“{char}”不是有效字符（数字或除I、O、Z、S、V外的大写字母）"
    )


def test_region_code_must_be_digits():
    assert credit_code_error("91AB0100M000100Y43") == (
        "统一社会信用代码第3–8位应为登记管理机关行政区划码（数字）"
    )


def test_wrong_check_digit_names_the_expected_character():
    assert credit_code_error("91350100M000100Y44") == (
        "统一社会信用代码校验位错误：第18位应为“3”，现为“4”"
    )
    assert is_valid_credit_code("91350100M000100Y44") is False


def test_every_wrong_check_character_is_caught():
    wrong = [char for char in "0123456789ABCDEFGHJKLMNPQRTUWXY" if char != "3"]
    assert all(credit_code_error(VALID[:17] + char) is not None for char in wrong)
