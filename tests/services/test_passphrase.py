"""The passphrase rule and its strength hint."""

from __future__ import annotations

import pytest

from unionperf.services.common.passphrase import Strength, passphrase_problem, passphrase_strength


@pytest.mark.parametrize(
    ("passphrase", "strength"),
    [
        ("", Strength.REFUSED),
        ("abc", Strength.REFUSED),
        ("abcdefgh", Strength.REFUSED),
        ("abcd123456", Strength.REFUSED),  # a common one
        ("unionfinanc", Strength.WEAK),
        ("union2finance", Strength.FAIR),
        ("工会预算绩效2024", Strength.FAIR),
        ("Gonghui2024!", Strength.STRONG),
        ("我们工会的预算绩效很重要啊", Strength.FAIR),
        ("我们工会的预算绩效管理真的很重要", Strength.STRONG),
    ],
)
def test_strength(passphrase, strength):
    assert passphrase_strength(passphrase).strength is strength


def test_the_policy_names_its_reason():
    assert "至少10个字符" in (passphrase_problem("abc") or "")
    assert passphrase_problem("unionfinance") is None


def test_what_the_strength_is_made_of():
    report = passphrase_strength("Ab1!")
    assert (report.length, report.classes) == (4, 4)
