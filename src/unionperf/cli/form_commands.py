"""Commands of the standard forms and the Excel fill-in workbook."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from unionperf.cli.common import EXIT_OK, open_workspace

Adder = Callable[..., argparse.ArgumentParser]


def add_form_commands(command: Adder) -> None:
    """Register ``forms``, ``template`` and ``import`` on the main parser's ``command`` helper."""
    forms = command("forms", _forms, "生成标准表格（每类表格一个 PDF，另加一个 Excel 工作簿）")
    forms.add_argument("--year", type=int, required=True)
    forms.add_argument("--stage", help="只生成该阶段的表格（另附报送回执）；不指定时生成全部")
    forms.add_argument("--out", type=Path, required=True)
    template = command("template", _template, "导出可编辑的 Excel 填报表（含工作区现有数据）")
    template.add_argument("--year", type=int, required=True)
    template.add_argument("--out", type=Path, required=True, help="填报表文件（.xlsx）")
    imported = command("import", _import, "导入 Excel 填报表（全部通过才保存）")
    imported.add_argument("--year", type=int, required=True)
    imported.add_argument("file", type=Path, help="填报表文件（.xlsx）")


def _forms(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.forms import write_forms  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        written = write_forms(workspace, args.year, args.stage, args.out)
    for path in written.paths:
        print(f"已生成：{path}")
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.fillin import export_template  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        path = export_template(workspace, args.year, args.out)
    print(f"已导出填报表：{path}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.fillin import import_template  # noqa: PLC0415

    with open_workspace(args, writer=True) as workspace:
        report = import_template(workspace, args.year, args.file)
    print(report.summary())
    return EXIT_OK
