"""Money and decimal parsing: user text to ``Decimal`` yuan, yuan to integer fen and back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from unionperf.domain.money import (
    AmountError,
    fen_to_yuan,
    format_money,
    format_plain,
    parse_decimal,
    parse_money,
    round2,
    yuan_to_fen,
    yuan_to_wan,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", D(12)),
        ("１２３．４５", D("123.45")),
        ("－５", D(-5)),
        ("1,234.5", D("1234.5")),
        ("１，２３４，５６７．８９", D("1234567.89")),
        (" 220,000.00 ", D("220000.00")),
        ("¥1,000", D(1000)),
        ("￥ 88 000元", D(88000)),
        ("0.125", D("0.125")),
        (7, D(7)),
        (D("3.5"), D("3.5")),
    ],
)
def test_parse_decimal_accepts(text, expected):
    value = parse_decimal(text)
    assert value == expected
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(
    "text", ["十二", "一百元", "12元5角", "abc", "1.2.3", "", "   ", "，", "NaN", "Infinity"]
)
def test_parse_decimal_rejects(text):
    with pytest.raises(AmountError):
        parse_decimal(text)


def test_parse_decimal_rejects_non_finite_decimal():
    with pytest.raises(AmountError, match="不是有限数字"):
        parse_decimal(D("NaN"))


def test_amount_error_is_a_value_error():
    with pytest.raises(ValueError, match="不是数字"):
        parse_decimal("十二")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", "12.00"),
        ("１２．５", "12.50"),
        ("1,234.56", "1234.56"),
        ("-0.01", "-0.01"),
        ("1.230", "1.23"),
        (5, "5.00"),
    ],
)
def test_parse_money_gives_two_decimals(text, expected):
    value = parse_money(text)
    assert str(value) == expected


@pytest.mark.parametrize("text", ["1.234", "0.001", "１２．３４５", D("2.005")])
def test_parse_money_rejects_fractions_of_a_fen(text):
    with pytest.raises(AmountError, match="金额最多两位小数"):
        parse_money(text)


def test_parse_money_rejects_text_numbers():
    with pytest.raises(AmountError, match="不是数字"):
        parse_money("十二")


def test_parse_money_rejects_absurdly_large_amount_with_amount_error():
    with pytest.raises(AmountError, match="金额过大"):
        parse_money("1" + "0" * 30)


@pytest.mark.parametrize("text", ["1,23", "1e3", "1_000", "12,34,5", "--1"])
def test_parse_decimal_rejects_non_plain_notation(text):
    with pytest.raises(AmountError, match="不是数字"):
        parse_decimal(text)


def test_settings_unit_wide_is_only_switched_off_by_false():
    from unionperf.domain.settings import RuleSettings  # noqa: PLC0415

    assert RuleSettings.from_json({"unit_wide": "false"}).unit_wide is True
    assert RuleSettings.from_json({"unit_wide": False}).unit_wide is False


@pytest.mark.parametrize(
    ("yuan", "fen"),
    [
        (D("0.00"), 0),
        (D("0.01"), 1),
        (D("1234.50"), 123450),
        (D("-3.07"), -307),
        (D(220000), 22000000),
    ],
)
def test_fen_round_trip(yuan, fen):
    assert yuan_to_fen(yuan) == fen
    back = fen_to_yuan(fen)
    assert back == yuan
    assert str(back) == f"{yuan:.2f}"


def test_fen_round_trip_of_parsed_text():
    amount = parse_money("２０４，６００．００")
    assert fen_to_yuan(yuan_to_fen(amount)) == D("204600.00")


def test_yuan_to_fen_rejects_fraction_of_a_fen():
    with pytest.raises(AmountError, match="金额最多两位小数"):
        yuan_to_fen(D("0.005"))


def test_round2_is_half_up():
    assert round2(D("0.125")) == D("0.13")
    assert round2(D("0.135")) == D("0.14")
    assert round2(D("-0.125")) == D("-0.13")


def test_yuan_to_wan_and_formatting():
    assert yuan_to_wan(D(220000)) == D("22.00")
    assert yuan_to_wan(D(88000)) == D("8.80")
    assert yuan_to_wan(D(204650)) == D("20.47")
    assert format_money(D("220000")) == "220,000.00"
    assert format_money(D("-1")) == "-1.00"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D(12), "12"),
        (D("0.50"), "0.5"),
        (D("126.30"), "126.3"),
        (D("0.00"), "0"),
        (D("1E+3"), "1000"),
    ],
)
def test_format_plain(value, text):
    assert format_plain(value) == text
