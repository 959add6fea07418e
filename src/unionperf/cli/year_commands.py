"""Commands of the year and the unit: ``year add``, ``explain`` and ``unit``.

The writing ones open the workspace as its writer (the one-writer lock, ``unionperf.lock``):
while a window or another command holds it they are refused with who holds it, and nothing is
written. ``unit`` without options only reads.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from unionperf.cli.common import EXIT_OK, open_workspace

if TYPE_CHECKING:
    from unionperf.domain.unit import UnitProfile
    from unionperf.services.common.workspace import Workspace

Adder = Callable[..., argparse.ArgumentParser]

UNIT_OPTIONS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("--name",), "name", "工会名称"),
    (("--credit-code",), "credit_code", "统一社会信用代码（18位，按 GB 32100 校验）"),
    (("--upper-union",), "upper_union", "上级工会"),
    (("--chair",), "chair", "工会主席（单位负责人）"),
    (("--accountant", "--preparer"), "accountant", "会计（填报人）"),
    (("--audit-chair",), "audit_chair", "经费审查委员会主任"),
    (("--phone", "--contact-phone"), "contact_phone", "联系电话"),
    (("--address",), "address", "地址"),
    (("--members",), "member_count", "会员人数"),
    (("--staff",), "staff_count", "工会工作人员数"),
)
"""Option names, profile field and label of ``unit`` (also the order it prints the profile)."""
COUNTS = frozenset({"member_count", "staff_count"})


def add_year_commands(command: Adder) -> None:
    """Register ``year``, ``explain`` and ``unit`` on the main parser's ``command`` helper."""
    year = command("year", _year_help, "年度：add（新建年度，可从上一年度复制）")
    actions = year.add_subparsers(title="year commands", metavar="ACTION")
    add = actions.add_parser(
        "add",
        help="新建年度",
        description="新建年度；用 --copy-from 从更早的年度复制预算科目、延续项目、绩效目标和"
        "规则设置（不复制执行数、监控、自评、签字和说明）",
    )
    add.set_defaults(handler=_year_add, command_name="year add")
    add.add_argument(
        "--workspace", type=Path, help="工作区文件夹（默认：“文档”中的“工会预算绩效工作区”）"
    )
    add.add_argument("--year", type=int, required=True, help="新年度，如 2026")
    add.add_argument("--copy-from", type=int, metavar="Y0", help="从这个年度复制，如 2025")
    add.add_argument(
        "--renew",
        nargs="+",
        action="extend",
        metavar="项目",
        help="把这些已结束的项目（项目代码或标识）作为新年度的新增项目复制，可写多个",
    )
    add.add_argument(
        "--renew-ended", action="store_true", help="把所有已结束的项目都作为新增项目复制"
    )
    add.add_argument(
        "--blank-amounts",
        action="store_true",
        help="作为新增项目复制时不带年初预算数（留空待填）；默认带上年的年初预算数",
    )
    explain = command("explain", _explain, "说明一个提示问题（与窗口中“说明…”相同）")
    explain.add_argument("--year", type=int, required=True)
    explain.add_argument("--code", required=True, help="问题代码，如 P007（见 unionperf check）")
    explain.add_argument(
        "--location", required=True, help="问题位置：unionperf check 所列的位置，或位置键"
    )
    explain.add_argument("--text", required=True, help="说明文字；空字符串撤回已有说明")
    unit = command("unit", _unit, "单位信息：不带选项时显示，带选项时修改这些项")
    for names, field, label in UNIT_OPTIONS:
        unit.add_argument(
            *names, dest=field, type=int if field in COUNTS else str, metavar="…", help=label
        )


def _year_help(args: argparse.Namespace) -> int:
    from unionperf.services.common.errors import ServiceError  # noqa: PLC0415

    raise ServiceError("请指定 year add（例如：unionperf year add --year 2026 --copy-from 2025）")


def _year_add(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.new_year import start_year  # noqa: PLC0415

    with open_workspace(args, writer=True) as workspace:
        made = start_year(
            workspace,
            args.year,
            args.copy_from,
            renew=_renewals(workspace, args),
            renew_amounts=not args.blank_amounts,
        )
    print(made.summary())
    if made.backup is not None:
        when = made.backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"  新建之前已备份（{when}，{made.backup.path.name}）；可用 unionperf restore 恢复")
    if made.source is None:
        return EXIT_OK
    for name in made.projects:
        print(f"  延续项目：{name}")
    for name in made.renewed:
        print(f"  新增项目（上年已结束，再次开展）：{name}")
    for name in made.ended:
        print(f"  未复制（项目期已结束）：{name}")
    for name, reason in made.cleared:
        print(f"  未复制（已清理退出）：{name}（原因：{reason}）")
    if made.opening_balance is not None:
        print(f"  上年结余：{made.opening_balance}元（按{made.source}年度全年执行数计算）")
    elif made.source == made.year - 1:
        print(f"  上年决算数和上年结余未填：{made.source}年度还没有全年执行数，请在年度预算中填写")
    else:
        print(f"  上年决算数和上年结余未填：{made.source}年度不是上一年度，请在年度预算中填写")
    return EXIT_OK


def _renewals(workspace: Workspace, args: argparse.Namespace) -> tuple[str, ...]:
    """The ended projects to run again: those named, or with ``--renew-ended`` all of them."""
    if not args.renew_ended or args.copy_from is None:
        return tuple(args.renew or ())
    from unionperf.services.cycle.new_year import renewable  # noqa: PLC0415

    if args.copy_from not in workspace.years():
        return ()  # start_year refuses the missing year with the years held
    ended = renewable(workspace.load_year(args.copy_from), args.year)
    return tuple(project.uid for project in ended)


def _explain(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.explanations import explain_problem  # noqa: PLC0415

    with open_workspace(args, writer=True) as workspace:
        problem = explain_problem(workspace, args.year, args.code, args.location, args.text)
    done = "已说明" if args.text.strip() else "已撤回说明"
    print(f"{done}：{problem.code.value} {problem.where.label}：{problem.message}")
    return EXIT_OK


def _unit(args: argparse.Namespace) -> int:
    changes = {
        field: getattr(args, field)
        for _, field, _ in UNIT_OPTIONS
        if getattr(args, field) is not None
    }
    if not changes:
        with open_workspace(args, writer=False) as workspace:
            unit = workspace.unit()
        if unit is None:
            print("尚未填写单位信息（用 unionperf unit --name … --credit-code … 填写）")
        else:
            _print_unit(unit)
        return EXIT_OK
    from unionperf.services.common.unit_profile import update_unit  # noqa: PLC0415

    with open_workspace(args, writer=True) as workspace:
        saved = update_unit(workspace, **changes)
    print("已保存单位信息：")
    _print_unit(saved)
    return EXIT_OK


def _print_unit(unit: UnitProfile) -> None:
    from unionperf.domain.unit import UNIT_LEVEL_LABELS  # noqa: PLC0415

    print(f"级别：{UNIT_LEVEL_LABELS[unit.level]}")
    for _, field, label in UNIT_OPTIONS:
        value = getattr(unit, field)
        print(f"{label.split('（')[0]}：{value if value not in ('', None) else '（未填）'}")
