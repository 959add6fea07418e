"""``unionperf support-export``: the anonymised copy of a workspace for support."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from unionperf.cli.common import EXIT_OK, open_workspace

Adder = Callable[..., argparse.ArgumentParser]


def add_support_commands(command: Adder) -> None:
    """Register ``support-export`` on the main parser's ``command`` helper."""
    export = command(
        "support-export",
        _support_export,
        "导出匿名支持数据：名称、人员和文字换成占位文字、金额按随机系数缩放的工作区副本（zip）",
    )
    export.add_argument(
        "--out", type=Path, required=True, help="输出文件（.zip）；给文件夹时使用默认文件名"
    )


def _support_export(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.support_export import support_export  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        result = support_export(workspace, args.out)
    years = "、".join(map(str, result.years)) or "无"
    print(f"已导出匿名支持数据：{result.path}")
    print(f"年度：{years}；佐证材料 {result.evidence} 个（占位文件）")
    if result.differing:
        print(
            "注意：以下年度的审核问题或得分与原数据不完全一致："
            + "、".join(map(str, result.differing))
        )
    else:
        print("审核问题（代码和位置）与得分结构与原数据一致")
    return EXIT_OK
