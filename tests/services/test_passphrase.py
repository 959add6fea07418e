"""The passphrase rule and its strength hint."""

from __future__ import annotations

import pytest

from unionperf.services.common.passphrase import Strength, passphrase_problem, passphrase_strength


@pytest.mark.parametrize(
    ("passphrase", "strength"),
    [
        ("", Strength.REFUSED),
        ("abc", Strength.REFUSED),
        ("abcd", Strength.WEAK),
        ("abcdefgh", Strength.WEAK),
        ("abcd1234", Strength.FAIR),
        ("工会2024", Strength.WEAK),
        ("工会预算绩效2024", Strength.FAIR),
        ("Gonghui2024!", Strength.STRONG),
    ],
)
def test_strength(passphrase, strength):
    assert passphrase_strength(passphrase).strength is strength


def test_the_rule_is_the_key_files_rule():
    assert passphrase_problem("abc") == "签名口令至少4个字符"
    assert passphrase_problem("abcd") is None


def test_what_the_strength_is_made_of():
    report = passphrase_strength("Ab1!")
    assert (report.length, report.classes) == (4, 4)
