"""Commands of the signed package: keys, export, verify, feedback, evidence, submissions."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from unionperf.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    add_passphrase_option,
    open_workspace,
    passphrase_from,
)

if TYPE_CHECKING:
    from unionperf.services.common.workspace import Workspace

Adder = Callable[..., argparse.ArgumentParser]


def add_package_commands(command: Adder) -> None:
    """Register the package commands on the main parser's ``command`` helper."""
    key = command(
        "key",
        _key_help,
        "签名密钥：show（显示）、export（导出公钥）、sheet（登记表）、rotate（更换）",
    )
    key_commands = key.add_subparsers(title="key commands", metavar="ACTION")
    for name, handler, text in (
        ("show", _key_show, "显示密钥编号（指纹）与单位"),
        ("export", _key_export, "导出 minisign 格式的公钥"),
        ("sheet", _key_sheet, "生成公钥登记表（PDF，上级工会工作区为公钥告知表）"),
        ("rotate", _key_rotate, "更换签名密钥（旧密钥签署更换声明）"),
    ):
        sub = key_commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler, command_name=f"key {name}")
        sub.add_argument("--workspace", type=Path, help="工作区文件夹")
        if name == "export":
            sub.add_argument("--out", type=Path, required=True, help="公钥文件（.pub）")
        if name == "sheet":
            sub.add_argument("--out", type=Path, required=True, help="输出文件夹")
        if name == "rotate":
            add_passphrase_option(sub)
    export = command("export", _export, "生成并签名报送数据包")
    export.add_argument("--year", type=int, required=True)
    export.add_argument(
        "--stage", required=True, help="targets、monitoring-YYYY-MM-DD 或 self-evaluation"
    )
    export.add_argument("--out", type=Path, required=True, help="输出文件夹（如U盘）")
    add_passphrase_option(export)
    verify = command("verify", _verify, "校验数据包（不修改任何数据）", workspace=False)
    verify.add_argument("package", type=Path)
    verify.add_argument("--key", "--trust", dest="key", type=Path, help="应使用的公钥（.pub）")
    verify.add_argument("--json", action="store_true")
    feedback = command("feedback", _feedback, "上级工会：生成签名的审核反馈数据包")
    feedback.add_argument("--unit", required=True, help="下级单位的统一社会信用代码")
    feedback.add_argument("--year", type=int, required=True)
    feedback.add_argument("--stage", required=True)
    feedback.add_argument("--decision", choices=("approve", "return"), required=True)
    feedback.add_argument("--opinions", type=Path, required=True, help="意见文件（JSON）")
    feedback.add_argument("--out", type=Path, required=True)
    add_passphrase_option(feedback)
    trust = command("trust-upper", _trust_upper, "基层工会：导入上级工会的公钥（核对告知表）")
    trust.add_argument("--key", type=Path, required=True)
    trust.add_argument(
        "--key-id", required=True, help="上级工会公钥告知表上的密钥编号（与公钥文件核对）"
    )
    trust.add_argument("--name", default="", help="上级工会名称")
    trust.add_argument("--replace", action="store_true", help="更换已信任的上级工会公钥")
    evidence = command("evidence", _evidence_list, "佐证材料：列出，或用 --add 附加文件")
    evidence.add_argument("--year", type=int, required=True)
    evidence.add_argument("--stage", help="阶段（附加时必填）")
    evidence.add_argument("--owner", default="unit", help="项目编号（uid），单位整体为 unit")
    evidence.add_argument("--add", type=Path, metavar="FILE", help="要附加的文件")
    evidence.add_argument("--description", default="")
    submissions = command("submissions", _submissions, "列出报送记录")
    submissions.add_argument("--year", type=int)


def _key_help(args: argparse.Namespace) -> int:
    from unionperf.services.common.errors import ServiceError  # noqa: PLC0415

    raise ServiceError("请指定 key show、key export、key sheet 或 key rotate")


def _key_show(args: argparse.Namespace) -> int:
    from unionperf.services.common.signing import key_info  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        info = key_info(workspace)
    print(f"密钥编号（指纹）：{info.key_id}")
    print(f"单位：{info.unit_name} {info.unit_code}".rstrip())
    if info.rotations:
        print(f"已更换密钥 {info.rotations} 次")
    return EXIT_OK


def _key_export(args: argparse.Namespace) -> int:
    from unionperf.services.common.signing import export_public_key, key_info  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        path = export_public_key(workspace, args.out)
        info = key_info(workspace)
    print(f"已导出公钥：{path}（密钥编号 {info.key_id}）")
    return EXIT_OK


def _key_sheet(args: argparse.Namespace) -> int:
    from unionperf.services.common.signing import key_info  # noqa: PLC0415
    from unionperf.services.cycle.key_sheet import print_key_sheet  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        info = key_info(workspace)
        path = print_key_sheet(workspace, args.out)
    print(f"已生成公钥登记表：{path}（密钥编号 {info.key_id}）")
    return EXIT_OK


def _key_rotate(args: argparse.Namespace) -> int:
    from unionperf.services.common.signing import key_info, rotate  # noqa: PLC0415

    passphrase = passphrase_from(args)
    with open_workspace(args, writer=True) as workspace:
        announcement = rotate(workspace, passphrase)
        info = key_info(workspace)
    print(f"已更换签名密钥：{announcement.old_key_id} → {info.key_id}")
    print("下一个数据包将附带由旧密钥签署的更换声明；请同时向上级工会报送新公钥。")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.submit import export_package  # noqa: PLC0415

    passphrase = passphrase_from(args)
    with open_workspace(args, writer=True) as workspace:
        result = export_package(workspace, args.year, args.stage, args.out, passphrase)
    item = result.submission
    print(f"已生成数据包：{result.path}")
    print(f"序号 {item.sequence}；SHA-256 {item.sha256}；密钥编号 {item.key_id}")
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from unionperf.services.common.verify import (  # noqa: PLC0415
        PackageError,
        summary,
        verify_file,
    )

    try:
        package = verify_file(args.package, args.key)
    except PackageError as error:
        if args.json:
            print(
                json.dumps(
                    {"valid": False, "check": error.code, "reason": str(error)}, ensure_ascii=False
                )
            )
        print(f"unionperf: 校验失败 (invalid) [{error.code}]：{error}", file=sys.stderr)
        return EXIT_PROBLEMS
    report = summary(package)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    unit = report["unit"]
    print(
        f"校验通过：{unit['name']}（{unit['code']}）{report['year']}年度 {report['stage']} "
        f"第{report['sequence']}次"
    )
    print(
        f"签名密钥编号：{report['signer_key_id']}"
        + ("" if report["trusted"] else "（未指定公钥：请与纸质报送回执上的密钥编号核对）")
    )
    print(f"SHA-256：{report['sha256']}")
    print(f"文件：{len(report['files'])}个")
    scores = report.get("scores")
    if scores:
        for project in scores["projects"]:
            print(f"  {project['total']:>7}  {project['grade']}  {project['name']}")
        if scores.get("unit"):
            print(f"  {scores['unit']['total']:>7}  {scores['unit']['grade']}  单位整体")
    return EXIT_OK


def _feedback(args: argparse.Namespace) -> int:
    from unionperf.services.upper.feedback import create_feedback  # noqa: PLC0415
    from unionperf.services.upper.opinions import parse_decision, read_opinions  # noqa: PLC0415

    passphrase = passphrase_from(args)
    with open_workspace(args, writer=True) as workspace:
        summary, opinions = read_opinions(args.opinions)
        path = create_feedback(
            workspace,
            unit_code=args.unit,
            year=args.year,
            stage=args.stage,
            decision=parse_decision(args.decision),
            summary=summary,
            opinions=opinions,
            out_dir=args.out,
            passphrase=passphrase,
        )
    print(f"已生成反馈数据包：{path}")
    return EXIT_OK


def _trust_upper(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.feedback import trust_upper  # noqa: PLC0415

    with open_workspace(args, writer=True) as workspace:
        key = trust_upper(workspace, args.key, args.name, args.key_id, replace=args.replace)
    print(f"已导入上级工会公钥，密钥编号 {key.key_id_hex}")
    return EXIT_OK


def _evidence_list(args: argparse.Namespace) -> int:
    from unionperf.services.common.errors import InputError  # noqa: PLC0415
    from unionperf.services.cycle import evidence  # noqa: PLC0415

    with open_workspace(args, writer=args.add is not None) as workspace:
        if args.add is not None:
            if not args.stage:
                raise InputError("附加佐证材料时请用 --stage 指定阶段", "佐证材料")
            item = evidence.attach(
                workspace,
                args.year,
                args.owner,
                args.stage,
                source=args.add,
                description=args.description,
            )
            print(f"已附加：{item.filename}（{item.size}字节，SHA-256 {item.sha256[:16]}…）")
            return EXIT_OK
        for item in evidence.listing(workspace, args.year, args.stage):
            print(f"{item.stage:<26} {item.owner_uid:<12} {item.filename}  {item.size}字节")
    return EXIT_OK


def _submissions(args: argparse.Namespace) -> int:
    from unionperf.cli.upper_commands import print_received  # noqa: PLC0415
    from unionperf.domain.unit import UnitLevel  # noqa: PLC0415
    from unionperf.services.cycle.submit import submissions  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        unit = workspace.unit()
        if unit is not None and unit.level is UnitLevel.UPPER:
            return print_received(workspace, args.year)
        for item in submissions(workspace, args.year):
            print(
                f"{item.created_at}  {item.year} {item.stage:<26} 第{item.sequence}次  "
                f"{item.sha256[:16]}…  {item.file_name}"
            )
        years = [args.year] if args.year is not None else workspace.years()
        for year in years:
            _print_feedback(workspace, year)
    return EXIT_OK


def _print_feedback(workspace: Workspace, year: int) -> None:
    """The upper level's feedback the unit imported for a year, each opinion by its item's path."""
    from unionperf.domain.feedback import Decision  # noqa: PLC0415
    from unionperf.domain.item_paths import STAGE_PATH  # noqa: PLC0415
    from unionperf.domain.year import stage_label  # noqa: PLC0415
    from unionperf.services.cycle.locks import feedback_of  # noqa: PLC0415

    for item in feedback_of(workspace, year):
        decision = "退回" if item.decision is Decision.RETURN else "通过"
        print(
            f"上级反馈：{year}年度 {stage_label(item.stage)} 第{item.sequence}次 {decision}"
            f"（{item.sender or '上级工会'}，导入于 {item.received_at}）"
        )
        for opinion in item.opinions:
            print(f"    {opinion.label or STAGE_PATH}：{opinion.text}")
