"""The English finder the scans use: it catches English words and lets codes and units pass."""

from __future__ import annotations

import pytest

from tests.chinese import english_words


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2024_cover-self-evaluation.pdf", ["cover-self-evaluation"]),
        ("绩效自评（self-evaluation）", ["self-evaluation"]),
        (
            "核对命令：unionperf verify 数据包文件 --key 单位公钥.pub",
            ["unionperf", "verify", "key"],
        ),
        (
            "untrusted comment: minisign public key 1A2B3C4D5E6F7A8B",
            ["untrusted", "comment", "minisign", "public", "key"],
        ),
        ("&Look in:", ["Look", "in"]),
        ("报送阶段 运行监控（截至2024-03-31）（monitoring-2024-03-31）", ["monitoring-2024-03-31"]),
    ],
)
def test_english_is_found(text, found):
    assert english_words(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "2024年绩效自评报送回执.pdf",
        "81310115MC2K7Q8P1A_2024年绩效自评_第1次.upkg",
        "数据包 SHA-256：9f86d081 884c7d65 9a2feaa0 c55ad015",
        "签名密钥编号（指纹） 1A2B 3C4D 5E6F 7A8B",
        "公钥 RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7",
        "文件(&F)",
        "删除后可按 Ctrl+Z 恢复",
        "扫描件 (*.pdf *.jpg);;所有文件 (*)",
        "执行率（B/A）",
        "项目代码 GH2024-01，问题 E012",
        "导出Excel填报表…（XLSX），用 WPS 打开",
        "{count} 个问题",
    ],
)
def test_codes_units_and_chinese_pass(text):
    assert english_words(text) == []
