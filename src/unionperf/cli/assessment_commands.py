"""``unionperf assessment``: list the year's 事前绩效评估, or record one from a JSON file."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from unionperf.cli.common import EXIT_OK, EXIT_PROBLEMS, open_workspace

Adder = Callable[..., argparse.ArgumentParser]


def add_assessment_commands(command: Adder) -> None:
    """Register ``assessment`` on the main parser's ``command`` helper."""
    assessment = command(
        "assessment",
        _assessment,
        "事前绩效评估：列出各项目的评估情况；或用 --project 和 --file 填写一个项目的评估",
    )
    assessment.add_argument("--year", type=int, required=True, help="年度，如 2024")
    assessment.add_argument("--project", help="项目名称、编码或 uid（与 --file 一起使用）")
    assessment.add_argument(
        "--file", type=Path, help="评估内容（JSON 对象，字段见 docs/cli.md），整份替换原有评估"
    )
    assessment.add_argument("--json", action="store_true", help="输出 JSON（列出时）")


def _assessment(args: argparse.Namespace) -> int:
    from unionperf.services.common.errors import InputError  # noqa: PLC0415

    if (args.project is None) != (args.file is None):
        raise InputError("--project 和 --file 须一起使用", "unionperf assessment")
    if args.file is not None:
        return _record(args)
    return _list(args)


def _record(args: argparse.Namespace) -> int:
    from unionperf.services.common.errors import InputError  # noqa: PLC0415
    from unionperf.services.cycle import assessment  # noqa: PLC0415

    with open_workspace(args, writer=True) as workspace:
        data = workspace.load_year(args.year)
        wanted = args.project.strip()
        project = next((p for p in data.projects if wanted in {p.uid, p.code, p.name}), None)
        if project is None:
            raise InputError(f"{args.year}年度没有项目“{wanted}”", "--project")
        record = assessment.read_assessment_file(args.file, project.uid)
        assessment.save_assessment(workspace, args.year, record)
    print(f"已保存项目“{project.name}”的事前绩效评估")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from unionperf.domain.assessment import CONCLUSION_LABELS, missing_fields  # noqa: PLC0415
    from unionperf.domain.money import format_money  # noqa: PLC0415
    from unionperf.services.cycle.assessment import major_projects  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        data = workspace.load_year(args.year)
    rows = major_projects(data)
    blocked = False
    listed = []
    for row in rows:
        held = row.assessment
        missing = missing_fields(held) if held is not None else []
        if held is None:
            status = "尚未填写"
        elif missing:
            status = "未填完"
        else:
            assert held.conclusion is not None
            status = CONCLUSION_LABELS[held.conclusion]
        settled = held is not None and not missing and held.positive
        blocked = blocked or (row.required and not settled)
        listed.append((row, held, missing, status))
    if args.json:
        print(
            json.dumps(
                {
                    "threshold": str(data.settings.assessment_threshold),
                    "projects": [
                        {
                            "uid": row.project.uid,
                            "name": row.project.name,
                            "budget": f"{row.budget:.2f}",
                            "required": row.required,
                            "conclusion": held.conclusion.value
                            if held is not None and held.conclusion is not None
                            else None,
                            "missing": missing,
                        }
                        for row, held, missing, _status in listed
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        threshold = format_money(data.settings.assessment_threshold)
        print(f"{args.year}年度事前绩效评估门槛：{threshold}元（0 表示不要求）")
        for row, _held, _missing, status in listed:
            need = "须评估" if row.required else "已有评估"
            print(f"{row.project.name}：预算{format_money(row.budget)}元，{need}，{status}")
        if not listed:
            print("没有需要事前绩效评估的项目")
    return EXIT_PROBLEMS if blocked else EXIT_OK
