"""``unionperf disclose``: the year's disclosure sheet (绩效信息公开表) as PDF and workbook."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from unionperf.cli.common import EXIT_OK, open_workspace

Adder = Callable[..., argparse.ArgumentParser]


def add_disclose_command(command: Adder) -> None:
    """Register ``disclose`` on the main parser's ``command`` helper."""
    disclose = command(
        "disclose",
        _disclose,
        "生成绩效信息公开表（一页 PDF 和 Excel，供会员（代表）大会和公开栏使用，不含个人信息）",
    )
    disclose.add_argument("--year", type=int, required=True, help="年度，如 2024")
    disclose.add_argument("--out", type=Path, required=True, help="输出文件夹")


def _disclose(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.disclosure import write_disclosure  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        written = write_disclosure(workspace, args.year, args.out)
    for path in written.paths:
        print(f"已生成：{path}")
    return EXIT_OK
