"""Commands of the parameter package (参数下发): params set, show, export, preview."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from unionperf.cli.common import (
    EXIT_OK,
    add_passphrase_option,
    open_workspace,
    passphrase_from,
)

if TYPE_CHECKING:
    from unionperf.domain.settings import RuleSettings
    from unionperf.services.common.workspace import Workspace

Adder = Callable[..., argparse.ArgumentParser]


def add_params_commands(command: Adder) -> None:
    """Register ``params`` and its actions on the main parser's ``command`` helper."""
    params = command(
        "params", _params_help, "参数下发：set（设置）、show（查看）、export（生成参数包）、preview"
    )
    actions = params.add_subparsers(title="params commands", metavar="ACTION")
    for name, handler, text in (
        ("set", _set, "上级工会：设置要下发的指标库、规则设置、报送截止日期"),
        ("show", _show, "查看参数：上级工会为要下发的参数，基层工会为已应用的参数包"),
        ("export", _export, "上级工会：生成签名的参数包（序号递增）"),
        ("preview", _preview, "基层工会：核验参数包并列出应用后的变化（不作修改）"),
    ):
        sub = actions.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler, command_name=f"params {name}")
        sub.add_argument("--workspace", type=Path, help="工作区文件夹")
        if name == "set":
            sub.add_argument("--library", type=Path, help="指标库文件（JSON，格式同内置指标库）")
            sub.add_argument("--settings", type=Path, help="规则设置文件（JSON）")
            sub.add_argument("--deadlines", type=Path, help="报送截止日期文件（JSON 列表）")
        if name == "export":
            sub.add_argument("--out", type=Path, required=True, help="输出文件夹")
            sub.add_argument("--note", default="", help="随参数包下发的说明")
            add_passphrase_option(sub)
        if name == "preview":
            sub.add_argument("package", type=Path, help="参数包（.upkg）")


def _params_help(args: argparse.Namespace) -> int:
    from unionperf.services.common.errors import ServiceError  # noqa: PLC0415

    raise ServiceError("请指定 params set、params show、params export 或 params preview")


def _set(args: argparse.Namespace) -> int:
    from unionperf.services.common.errors import InputError  # noqa: PLC0415
    from unionperf.services.upper import params  # noqa: PLC0415

    if args.library is None and args.settings is None and args.deadlines is None:
        raise InputError("请用 --library、--settings 或 --deadlines 指定要设置的参数", "参数下发")
    with open_workspace(args, writer=True) as workspace:
        if args.library is not None:
            library = params.set_library(workspace, args.library)
            print(f"已设置指标库：{library.title} {library.version}，{len(library.entries)}个指标")
        if args.settings is not None:
            params.set_settings(workspace, args.settings)
            print("已设置规则设置")
        if args.deadlines is not None:
            deadlines = params.set_deadlines(workspace, args.deadlines)
            print(f"已设置报送截止日期{len(deadlines)}个")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from unionperf.domain.unit import UnitLevel  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        unit = workspace.unit()
        if unit is not None and unit.level is UnitLevel.UPPER:
            _show_upper(workspace)
        else:
            _show_unit(workspace)
    return EXIT_OK


def _show_upper(workspace: Workspace) -> None:
    from unionperf.services.upper.params import parameters  # noqa: PLC0415

    held = parameters(workspace)
    library = held.library
    print(
        f"指标库：{library.title} {library.version}，{len(library.entries)}个指标"
        if library
        else "指标库：未设置（不下发）"
    )
    print(f"规则设置：{'已设置' if held.settings else '未设置（不下发）'}")
    if held.settings:
        for change in _setting_lines(held.settings):
            print(f"  {change}")
    print(f"报送截止日期：{len(held.deadlines)}个")
    for deadline in held.deadlines:
        print(f"  {deadline.label}：{deadline.due.isoformat()}")
    for item in held.sent:
        print(f"已下发 第{item.sequence}次 {item.created_at} {item.file_name}")
    print(f"下一个参数包序号：{held.next_sequence}")


def _setting_lines(settings: RuleSettings) -> list[str]:
    from unionperf.domain.parameters import settings_changes  # noqa: PLC0415
    from unionperf.domain.settings import RuleSettings  # noqa: PLC0415

    defaults = RuleSettings()
    changes = settings_changes(defaults, settings)
    return [f"{item.label}：{item.new}（默认 {item.old}）" for item in changes] or ["与默认相同"]


def _show_unit(workspace: Workspace) -> None:
    from unionperf.services.cycle.params import active_library, applied  # noqa: PLC0415

    library = active_library(workspace)
    print(f"使用的指标库：{library.title} {library.version}，{len(library.entries)}个指标")
    history = applied(workspace)
    if not history:
        print("尚未应用上级工会的参数包")
    for item in history:
        years = "、".join(map(str, item.applied_years)) or "无"
        print(
            f"第{item.sequence}次参数包 {item.sender} 应用于 {item.received_at}："
            f"{'含指标库；' if item.library else ''}规则设置用于年度 {years}"
        )


def _export(args: argparse.Namespace) -> int:
    from unionperf.services.upper.params import export_params  # noqa: PLC0415

    passphrase = passphrase_from(args)
    with open_workspace(args, writer=True) as workspace:
        made = export_params(workspace, args.out, passphrase, args.note)
    print(f"已生成参数包：{made.path}")
    library = f"{made.library_entries}个指标" if made.library_entries is not None else "不下发"
    settings = "下发" if made.settings else "不下发"
    print(
        f"序号 {made.sequence}；指标库 {library}；规则设置 {settings}；"
        f"截止日期 {made.deadlines}个；密钥编号 {made.key_id}"
    )
    return EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.params import preview_params  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        preview = preview_params(workspace, args.package)
    for line in preview.lines():
        print(line)
    print("用 unionperf receive 导入即应用以上变化")
    return EXIT_OK
