"""The command line: argparse over the services, same problems and texts as the window.

Exit codes: 0 success; 1 the command ran but found problems (``check``); 2 an error, reported
in one line without a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from unionperf import __version__
from unionperf.cli.assessment_commands import add_assessment_commands
from unionperf.cli.backup_commands import add_backup_commands
from unionperf.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PROBLEMS,
    open_workspace,
    passphrase_from,
    program_name,
    workspace_path,
)
from unionperf.cli.common import add_passphrase_option as add_passphrase_option
from unionperf.cli.disclose_command import add_disclose_command
from unionperf.cli.form_commands import add_form_commands
from unionperf.cli.package_commands import add_package_commands
from unionperf.cli.params_commands import add_params_commands
from unionperf.cli.review_commands import add_review_commands
from unionperf.cli.selftest_command import add_selftest_command
from unionperf.cli.signoff_commands import add_signoff_commands
from unionperf.cli.support_commands import add_support_commands
from unionperf.cli.transport_commands import add_transport_commands
from unionperf.cli.upper_commands import add_upper_commands
from unionperf.cli.year_commands import add_year_commands

log = logging.getLogger(__name__)

PACKAGE_SUFFIX = ".upkg"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; with no command, start the window; with a package file, open it."""
    parser = _parser()
    args = parser.parse_args(package_argv(parser, sys.argv[1:] if argv is None else argv))
    _configure_output()
    try:
        return _run(args)
    except BrokenPipeError:
        # The reader went away (``unionperf check … | head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR


def package_argv(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """The arguments to parse: a lone package file becomes ``gui --open FILE``.

    The file manager opens a package with ``unionperf FILE`` (Windows file association,
    ``Exec=unionperf %f`` on Linux). A lone argument that is not a command and either ends in
    ``.upkg`` or names an existing file is such a package; everything else is left as it is.
    """
    arguments = list(argv)
    if len(arguments) != 1:
        return arguments
    text = arguments[0]
    if not text or text.startswith("-") or text in _command_names(parser):
        return arguments
    if text.lower().endswith(PACKAGE_SUFFIX) or Path(text).is_file():
        return ["gui", "--open", text]
    return arguments


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    names: set[str] = set()
    # argparse has no public list of its sub-commands (hidden ones like ``selftest`` included)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            names.update(action.choices)
    return names


def _run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _run_window)
    from unionperf.services.common.errors import ServiceError  # noqa: PLC0415 - keep start-up light

    try:
        return handler(args)
    except BrokenPipeError:
        raise
    except ServiceError as error:
        for line in error.details():  # every problem of a refused import or export
            print(line)
        return _fail(str(error).splitlines()[0])
    except KeyboardInterrupt:
        return _fail("已中断 (interrupted)")
    except OSError as error:
        return _fail(f"文件操作失败 (I/O error)：{error.strerror or error}：{error.filename or ''}")
    except Exception as error:
        report = _save_crash_report(error)
        return _fail(f"程序内部错误 (internal error)：{error}；详细报告已保存到 {report}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unionperf",
        description="工会预算绩效管理 · 基层单机版 (UnionPerf). 不带命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"unionperf {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        name: str,
        handler: Callable[[argparse.Namespace], int],
        text: str,
        *,
        workspace: bool = True,
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler, command_name=name)
        if workspace:
            sub.add_argument(
                "--workspace",
                type=Path,
                help="工作区文件夹（默认：“文档”中的“工会预算绩效工作区”）",
            )
        return sub

    gui = command("gui", _run_window, "打开窗口")
    gui.add_argument(
        "--open",
        type=Path,
        dest="open_package",
        metavar="PACKAGE",
        help="打开窗口后显示这个数据包（.upkg）是什么，并提供相应的操作（如导入上级反馈）",
    )
    demo = command("demo", _demo, "创建演示工作区（一个完整的基层工会年度数据）")
    demo.add_argument(
        "--size",
        choices=("normal", "large"),
        default="normal",
        help="large：200个项目×20个指标×12个监控时点，用于性能测试",
    )
    demo.add_argument(
        "--upper", action="store_true", help="创建演示上级工会工作区（30多个下级单位的报送情况）"
    )
    init = command("init", _init, "创建空工作区（同时创建签名密钥）")
    init.add_argument("--name", default="", help="工会名称")
    init.add_argument("--credit-code", default="", help="统一社会信用代码")
    init.add_argument("--upper", metavar="NAME", help="创建上级工会工作区（接收、审核下级数据包）")
    init.add_argument(
        "--database",
        metavar="URL",
        help="上级工会工作区的数据保存在 PostgreSQL 数据库中"
        "（postgresql+psycopg://用户名@服务器/库名；地址中不写密码，密码放在 ~/.pgpass、"
        "连接服务文件或环境变量 PGPASSWORD）；默认使用本机数据库文件",
    )
    add_passphrase_option(init)
    add_passphrase_option(demo)
    for name, handler, text in (
        ("score", _score, "计算年度绩效自评得分"),
        ("check", _check, "运行全部审核规则，列出问题"),
    ):
        sub = command(name, handler, text)
        sub.add_argument("--year", type=int, required=True, help="年度，如 2024")
        sub.add_argument("--json", action="store_true", help="输出 JSON")
    command("backup", _backup, "立即备份工作区数据库")
    add_backup_commands(command)
    add_package_commands(command)
    add_review_commands(command)
    add_params_commands(command)
    add_upper_commands(command)
    add_form_commands(command)
    add_disclose_command(command)
    add_signoff_commands(command)
    add_year_commands(command)
    add_transport_commands(command)
    add_support_commands(command)
    add_assessment_commands(command)
    add_selftest_command(commands)
    return parser


def _demo(args: argparse.Namespace) -> int:
    from unionperf.services.cycle.demo import create_demo  # noqa: PLC0415

    path = workspace_path(args)
    passphrase = passphrase_from(args, default="demo")
    if args.upper:
        from unionperf.cli.upper_commands import make_upper_demo  # noqa: PLC0415

        return make_upper_demo(path, passphrase, program_name(args))
    with create_demo(path, args.size, passphrase, program=program_name(args)) as workspace:
        years = workspace.years()
    print(f"已创建演示工作区：{path}（年度：{'、'.join(map(str, years))}）")
    if passphrase == "demo":
        from unionperf.services.common.passphrase import DEMO_NOTICE  # noqa: PLC0415

        print(DEMO_NOTICE)
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from unionperf.domain.unit import UnitLevel, UnitProfile  # noqa: PLC0415
    from unionperf.services.common.signing import key_info  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415

    path = workspace_path(args)
    if args.upper is not None:
        unit: UnitProfile | None = UnitProfile(args.upper, args.credit_code, level=UnitLevel.UPPER)
    elif args.name or args.credit_code:
        unit = UnitProfile(args.name, args.credit_code)
    else:
        unit = None
    if unit is not None:
        from unionperf.services.common.inputs import check_unit  # noqa: PLC0415

        check_unit(unit)
    passphrase = passphrase_from(args)
    with Workspace.create(
        path, unit, passphrase, program=program_name(args), database=args.database
    ) as workspace:
        info = key_info(workspace)
    print(f"已创建工作区：{path}")
    if args.database:
        print(f"数据保存在 PostgreSQL 数据库：{args.database}")
    print(f"签名密钥编号（指纹）：{info.key_id}")
    if info.recipient:
        print(f"加密收件人（age）：{info.recipient}")
    return EXIT_OK


def _score(args: argparse.Namespace) -> int:
    from unionperf.services.views.reports import score_report  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        data = workspace.load_year(args.year)
        report = score_report(data, workspace.score(args.year))
    if args.json:
        _print_json(report)
        return EXIT_OK
    print(f"{data.unit.name} {args.year}年度绩效自评得分")
    for item in report["projects"]:
        print(f"  {item['total']:>7}  {item['grade']}  {item['name']}")
    unit = report["unit"]
    if "total" in unit:
        print(f"  {unit['total']:>7}  {unit['grade']}  单位整体")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from unionperf.domain.problems import SEVERITY_LABELS, Severity  # noqa: PLC0415
    from unionperf.services.cycle.params import stage_deadlines  # noqa: PLC0415
    from unionperf.services.views.reports import problem_report  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        data = workspace.load_year(args.year)
        problems = workspace.check(args.year)
        breaks = workspace.audit_breaks()
        deadlines = stage_deadlines(workspace, args.year)
    hard = [p for p in problems if p.severity is Severity.HARD]
    if args.json:
        _print_json(
            {
                "year": args.year,
                "problems": [problem_report(p, data.explanation_for(p.key)) for p in problems],
                "audit": [{"seq": item.seq, "message": item.message} for item in breaks],
                "deadlines": [
                    {
                        "stage": deadline.stage,
                        "due": deadline.due.isoformat(),
                        "sent": deadline.sent,
                        "overdue": deadline.overdue,
                    }
                    for deadline in deadlines
                ],
                "hard": len(hard),
                "soft": len(problems) - len(hard),
            }
        )
    else:
        for problem in problems:
            note = data.explanation_for(problem.key)
            suffix = f"（已说明：{note}）" if note else ""
            print(
                f"{problem.code.value} [{SEVERITY_LABELS[problem.severity]}] "
                f"{problem.where.label}：{problem.message}{suffix}"
            )
        for item in breaks:
            print(f"AUDIT [强制] 审计日志：{item.message}")
        for deadline in deadlines:
            state = "已报送" if deadline.sent else "已逾期" if deadline.overdue else "待报送"
            print(
                f"截止日期 [{state}] {deadline.label}：{deadline.due.isoformat()}前报送"
                "（上级工会下发）"
            )
        print(
            f"共 {len(hard)} 个强制问题，{len(problems) - len(hard)} 个提示问题；"
            f"审计日志{'完整' if not breaks else '被改动'}"
        )
    return EXIT_PROBLEMS if hard or breaks else EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    with open_workspace(args, writer=True) as workspace:
        made = workspace.back_up("manual")
    print(f"已备份：{made.path}")
    return EXIT_OK


def _run_window(args: argparse.Namespace) -> int:
    from unionperf.ui.app import run  # noqa: PLC0415

    workspace = getattr(args, "workspace", None)
    return run(workspace, open_package=getattr(args, "open_package", None))


def _save_crash_report(error: BaseException) -> Path:
    """Write the traceback to the user log folder and return the file's path."""
    import traceback  # noqa: PLC0415
    from datetime import datetime  # noqa: PLC0415

    from platformdirs import user_log_path  # noqa: PLC0415

    folder = user_log_path("UnionPerf", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}.txt"
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    path.write_text(f"unionperf {__version__}\n{''.join(lines)}", encoding="utf-8")
    return path


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _fail(message: str) -> int:
    print(f"unionperf: 错误 (error)：{message}", file=sys.stderr)
    return EXIT_ERROR


def _configure_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
