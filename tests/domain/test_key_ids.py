"""The key id read off the sealed key registration sheet: typed by hand or scanned from its QR."""

from __future__ import annotations

import pytest

from unionperf.domain.key_ids import (
    KeyIdError,
    TypedKeyId,
    group_key_id,
    normalise_key_id,
    read_typed_key_id,
)

KEY = "1A2B3C4D5E6F7A8B"


@pytest.mark.parametrize(
    "typed",
    [
        KEY,
        "1a2b3c4d5e6f7a8b",
        "1A2B 3C4D 5E6F 7A8B",
        " 1A2B-3C4D-5E6F-7A8B\n",
        "１Ａ２Ｂ　３Ｃ４Ｄ　５Ｅ６Ｆ　７Ａ８Ｂ",  # full-width, as a Chinese input method types it
    ],
)
def test_a_typed_key_id_is_read_whatever_the_spacing_and_case(typed):
    assert normalise_key_id(typed) == KEY


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "请填写"),
        ("1A2B 3C4D 5E6F 7A8", "现为15位"),
        ("1A2B3C4D5E6F7A8B9", "现为17位"),
        ("1A2B3C4D5E6F7A8G", "“G”不是十六进制数字"),
        ("1A2B3C4D5E6F7A8O", "“O”不是十六进制数字"),
    ],
)
def test_a_mistyped_key_id_is_refused_with_the_reason(typed, message):
    with pytest.raises(KeyIdError, match=message):
        normalise_key_id(typed)


def test_the_sheet_groups_the_id_in_fours():
    assert group_key_id(KEY) == "1A2B 3C4D 5E6F 7A8B"


def test_the_qr_text_gives_the_id_the_code_and_the_key():
    qr = f"UnionPerf;code=91350100M000100Y43;key={KEY.lower()};pub=RWRabc=="
    assert read_typed_key_id(qr) == TypedKeyId(KEY, "91350100M000100Y43", "RWRabc==")
    assert read_typed_key_id(KEY) == TypedKeyId(KEY)
    chinese = f"工会签名公钥;信用代码=91350100M000100Y43;密钥={KEY};公钥=RWRabc=="
    assert read_typed_key_id(chinese) == TypedKeyId(KEY, "91350100M000100Y43", "RWRabc==")


def test_a_qr_text_without_a_key_id_is_refused():
    with pytest.raises(KeyIdError, match="二维码内容中没有密钥编号"):
        read_typed_key_id("UnionPerf;code=91350100M000100Y43")
