"""Commands of the upper level's season: register, receive, deadline, board, aggregate.

Every command that changes the workspace opens it as the writer (``open_workspace(…,
writer=True)``); the others read beside a writer. Output is Chinese; ``--json`` gives the shapes
documented in ``docs/cli.md``; decimals are strings there, never floats.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unionperf.cli.common import EXIT_OK, EXIT_PROBLEMS, open_workspace
from unionperf.cli.upper_output import (
    aggregate_json,
    board_json,
    print_aggregate,
    print_board,
)

if TYPE_CHECKING:
    from unionperf.services.common.workspace import Workspace

Adder = Callable[..., argparse.ArgumentParser]


def add_upper_commands(command: Adder) -> None:
    """Register the upper level's commands on the main parser's ``command`` helper."""
    register = command(
        "register",
        _register,
        "上级工会：登记下级单位（核对公钥登记表上的密钥编号）；或导入、导出、列出登记表",
    )
    mode = register.add_mutually_exclusive_group(required=True)
    mode.add_argument("--key", type=Path, help="单位的公钥文件（.pub）")
    mode.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="FILE.xlsx",
        help="从 Excel 登记表导入单位（全部成功或全部不导入）",
    )
    mode.add_argument(
        "--export", dest="export_file", type=Path, metavar="FILE.xlsx", help="把登记表导出为 Excel"
    )
    mode.add_argument("--list", action="store_true", help="列出已登记的单位")
    mode.add_argument("--history", metavar="CODE", help="列出一个单位已更换的公钥")
    register.add_argument("--key-id", help="公钥登记表上的密钥编号（或其二维码内容）")
    register.add_argument("--unit-code", help="统一社会信用代码")
    register.add_argument("--name", help="单位名称")
    register.add_argument("--contact", help="联系人及电话")
    register.add_argument("--replace", action="store_true", help="更换该单位已登记的公钥")
    register.add_argument("--reason", help="更换公钥的原因（与 --replace 一起使用）")
    register.add_argument("--json", action="store_true", help="输出 JSON（--list）")

    receive = command("receive", _receive, "接收数据包或文件夹（上级：下级报送；基层：上级反馈）")
    receive.add_argument(
        "packages",
        type=Path,
        nargs="+",
        metavar="PATH",
        help="数据包文件，或文件夹（含子文件夹中的 .upkg）",
    )
    receive.add_argument("--json", action="store_true", help="输出 JSON")

    deadline = command("deadline", _deadline, "上级工会：设置或列出各阶段的报送截止日期")
    deadline.add_argument("--year", type=int, required=True)
    deadline.add_argument("--stage", help="targets、monitoring-YYYY-MM-DD 或 self-evaluation")
    when = deadline.add_mutually_exclusive_group()
    when.add_argument("--date", help="截止日期 YYYY-MM-DD（当天报送仍为按时）")
    when.add_argument("--clear", action="store_true", help="取消该阶段的截止日期")

    board = command("board", _board, "上级工会：报送情况（每个单位的状态、报送率、及时率）")
    board.add_argument("--year", type=int, required=True)
    board.add_argument(
        "--stage", help="阶段（默认：已接收数据包的最后一个阶段；尚无时为第一个设了截止日期的阶段）"
    )
    board.add_argument(
        "--status",
        help="只列出这些状态（逗号分隔）：missing,received,late,returned,resubmitted,approved",
    )
    board.add_argument("--search", default="", help="只列出代码或名称含此文字的单位")
    board.add_argument("--today", help="判断逾期的日期 YYYY-MM-DD（默认：今天）")
    _group_options(board)
    board.add_argument("--json", action="store_true", help="输出 JSON")
    board.add_argument("--out", type=Path, metavar="FILE.xlsx", help="同时导出为 Excel")

    aggregate = command("aggregate", _aggregate, "上级工会：汇总（收支、项目、执行率、评分、排名）")
    aggregate.add_argument("--year", type=int, required=True)
    aggregate.add_argument("--stage", help="阶段（默认：已接收绩效自评时为 self-evaluation）")
    aggregate.add_argument("--approved-only", action="store_true", help="只汇总已通过的单位")
    aggregate.add_argument("--today", help="判断按时的日期 YYYY-MM-DD（默认：今天）")
    _group_options(aggregate)
    aggregate.add_argument("--json", action="store_true", help="输出 JSON")
    aggregate.add_argument("--out", type=Path, metavar="FILE.xlsx", help="导出全部汇总表为 Excel")


def _group_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--units", help="一组单位的统一社会信用代码（逗号分隔）")
    parser.add_argument("--units-file", type=Path, help="一组单位：文本文件，每行一个代码")


def _fail(message: str) -> None:
    from unionperf.services.common.errors import InputError  # noqa: PLC0415

    raise InputError(message)


# -- register ----------------------------------------------------------------------------------


def _register(args: argparse.Namespace) -> int:
    if args.key is not None:
        return _register_key(args)
    if args.import_file is not None:
        from unionperf.services.upper.register_book import import_register  # noqa: PLC0415

        with open_workspace(args, writer=True) as workspace:
            done = import_register(workspace, args.import_file)
        print(
            f"已导入登记表：新增 {done.added} 个单位，登记公钥 {done.keys_set} 个，"
            f"更新 {done.updated} 个，未变 {done.unchanged} 个"
        )
        return EXIT_OK
    if args.export_file is not None:
        from unionperf.services.upper.register_book import export_register  # noqa: PLC0415

        with open_workspace(args, writer=False) as workspace:
            path = export_register(workspace, args.export_file)
        print(f"已导出登记表：{path}")
        return EXIT_OK
    if args.history:
        return _key_history(args)
    return _list_units(args)


def _register_key(args: argparse.Namespace) -> int:
    from unionperf.services.upper.register import register  # noqa: PLC0415

    missing = [
        option
        for option, value in (
            ("--key-id", args.key_id),
            ("--unit-code", args.unit_code),
            ("--name", args.name),
        )
        if not value
    ]
    if missing:
        _fail(f"登记单位还需要 {'、'.join(missing)}（密钥编号请照单位盖章的公钥登记表填写）")
    if args.replace and not (args.reason or "").strip():
        _fail("更换公钥须用 --reason 说明原因")
    if args.reason and not args.replace:
        _fail("--reason 只能与 --replace 一起使用")
    with open_workspace(args, writer=True) as workspace:
        done = register(
            workspace,
            args.key,
            args.unit_code,
            args.name,
            key_id=args.key_id,
            contact=args.contact,
            replace_reason=args.reason if args.replace else None,
        )
    if done.replaced_key_id:
        print(
            f"已更换公钥：{done.name}（{done.code}），密钥编号 {done.replaced_key_id} → "
            f"{done.key_id}（旧公钥已保留在历史中）"
        )
    else:
        verb = "已登记" if done.added else "已更新"
        print(f"{verb}：{done.name}（{done.code}），密钥编号 {done.key_id}")
    return EXIT_OK


def _list_units(args: argparse.Namespace) -> int:
    from unionperf.services.upper.register import units  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        held = units(workspace)
    if args.json:
        _print_json(
            {
                "units": [
                    {
                        "code": item.code,
                        "name": item.name,
                        "contact": item.contact,
                        "key_id": item.key_id or None,
                        "registered_at": item.registered_at,
                        "replaced_keys": item.replaced_keys,
                    }
                    for item in held
                ]
            }
        )
        return EXIT_OK
    for item in held:
        key = item.key_id or "（未登记公钥）"
        print(f"{item.code}  {key:<16}  {item.name}  {item.contact}".rstrip())
    print(f"共 {len(held)} 个单位，{sum(1 for item in held if not item.has_key)} 个未登记公钥")
    return EXIT_OK


def _key_history(args: argparse.Namespace) -> int:
    from unionperf.services.upper.register import key_history  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        history = key_history(workspace, args.history)
    if not history:
        print(f"单位 {args.history} 没有更换过公钥")
    for item in history:
        print(f"{item.key_id}  登记于 {item.registered_at}  更换于 {item.retired_at}")
        print(f"    原因：{item.reason or '（未记录）'}")
    return EXIT_OK


# -- receive -----------------------------------------------------------------------------------


def _receive(args: argparse.Namespace) -> int:
    from unionperf.services.inbox.receive import (  # noqa: PLC0415
        OutcomeKind,
        collect_packages,
        receive,
    )

    if not collect_packages(args.packages):
        _fail(f"没有找到数据包（.upkg）：{'、'.join(str(path) for path in args.packages)}")
    with open_workspace(args, writer=True) as workspace:
        outcomes = receive(workspace, args.packages)
    counts = {kind: sum(1 for item in outcomes if item.kind is kind) for kind in OutcomeKind}
    if args.json:
        _print_json(
            {
                "packages": [
                    {
                        "path": str(item.path),
                        "file": item.path.name,
                        "kind": item.kind.value,
                        "label": item.kind.label,
                        "status": item.status,
                        "code": item.code or None,
                        "message": item.message,
                        "unit": item.unit_code or None,
                        "year": item.year,
                        "stage": item.stage or None,
                        "sequence": item.sequence,
                        "supersedes": item.supersedes,
                    }
                    for item in outcomes
                ],
                "counts": {kind.value: count for kind, count in counts.items()},
            }
        )
    else:
        for item in outcomes:
            code = f" [{item.code}]" if item.code else ""
            said = item.message.startswith(item.kind.label)  # 已拒收（…）: not twice
            label = f"{item.kind.label}：" if item.refused and not said else ""
            print(f"{item.path.name}: {item.status}{code} — {label}{item.message}")
        if len(outcomes) > 1:
            print(
                f"共 {len(outcomes)} 个数据包："
                + "，".join(f"{kind.label} {count}" for kind, count in counts.items())
            )
    return EXIT_PROBLEMS if any(item.refused for item in outcomes) else EXIT_OK


# -- deadline ----------------------------------------------------------------------------------


def _deadline(args: argparse.Namespace) -> int:
    from unionperf.services.upper import deadlines  # noqa: PLC0415

    if args.date is None and not args.clear:
        with open_workspace(args, writer=False) as workspace:
            held = deadlines.deadlines(workspace, args.year)
        if not held:
            print(f"{args.year}年度尚未设置报送截止日期")
        for item in held:
            print(f"{item.stage:<26} {item.due.isoformat()}  {item.label}")
        return EXIT_OK
    if not args.stage:
        _fail("设置截止日期还需要 --stage")
    due = None if args.clear else deadlines.parse_day(args.date)
    with open_workspace(args, writer=True) as workspace:
        deadlines.set_deadline(workspace, args.year, args.stage, due)
    if due is None:
        print(f"已取消 {args.year}年度 {args.stage} 的截止日期")
    else:
        print(f"已设置 {args.year}年度 {args.stage} 的截止日期：{due.isoformat()}")
    return EXIT_OK


# -- board -------------------------------------------------------------------------------------


def _group(args: argparse.Namespace) -> frozenset[str] | None:
    codes: list[str] = []
    if args.units:
        codes += [code.strip().upper() for code in args.units.split(",") if code.strip()]
    if args.units_file is not None:
        from unionperf.services.common.errors import ServiceError  # noqa: PLC0415

        try:
            text = args.units_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise ServiceError(f"无法读取单位列表 {args.units_file}：{error}") from error
        codes += [line.strip().upper() for line in text.splitlines() if line.strip()]
    if (args.units or args.units_file is not None) and not codes:
        _fail("单位列表是空的")
    return frozenset(codes) if codes else None


def _day(text: str | None) -> Any:
    if text is None:
        return None
    from unionperf.services.upper.deadlines import parse_day  # noqa: PLC0415

    return parse_day(text)


def _stage_or_current(workspace: Workspace, args: argparse.Namespace) -> str | None:
    if args.stage:
        return str(args.stage)
    from unionperf.services.upper.status import current_stage  # noqa: PLC0415

    return current_stage(workspace, args.year)


def _board(args: argparse.Namespace) -> int:
    from unionperf.domain.board import BoardStatus  # noqa: PLC0415
    from unionperf.services.upper.status import BoardFilter, status_board  # noqa: PLC0415

    statuses: set[BoardStatus] = set()
    for word in (args.status or "").split(","):
        if word.strip():
            try:
                statuses.add(BoardStatus(word.strip()))
            except ValueError:
                names = "、".join(status.value for status in BoardStatus)
                _fail(f"未知状态“{word.strip()}”：可选 {names}")
    filters = BoardFilter(_group(args), frozenset(statuses), args.search)
    with open_workspace(args, writer=False) as workspace:
        stage = _stage_or_current(workspace, args)
        if stage is None:
            _fail(f"{args.year}年度尚未设置截止日期也未接收数据包：请用 --stage 指定阶段")
        assert stage is not None
        board = status_board(workspace, args.year, stage, today=_day(args.today), filters=filters)
    if args.out is not None:
        from unionperf.services.upper.tables import export_board  # noqa: PLC0415

        path = export_board(board, args.out)
        if not args.json:
            print(f"已导出：{path}")
    if args.json:
        _print_json(board_json(board))
        return EXIT_OK
    print_board(board)
    return EXIT_OK


# -- aggregate ---------------------------------------------------------------------------------


def _aggregate(args: argparse.Namespace) -> int:
    from unionperf.services.upper.aggregate import aggregate  # noqa: PLC0415
    from unionperf.services.upper.rescore import upper_scores  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        result = aggregate(
            workspace,
            args.year,
            args.stage,
            units=_group(args),
            approved_only=args.approved_only,
            today=_day(args.today),
            upper_scores=upper_scores(workspace, args.year),
        )
    if args.out is not None:
        from unionperf.services.upper.tables import export_aggregate  # noqa: PLC0415

        path = export_aggregate(result, args.out)
        if not args.json:
            print(f"已导出汇总表：{path}")
    if args.json:
        _print_json(aggregate_json(result))
    else:
        print_aggregate(result)
    return EXIT_OK


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


# -- submissions on an upper workspace, demo --upper -------------------------------------------


def print_received(workspace: Workspace, year: int | None) -> int:
    """``submissions`` on an upper workspace: every package received, current or superseded."""
    from unionperf.services.upper.received import received_packages  # noqa: PLC0415
    from unionperf.services.upper.tables import local_time  # noqa: PLC0415

    held = received_packages(workspace, year)
    for item in held:
        state = "现行" if item.current else "已替换"
        print(
            f"{local_time(item.received_at)}  {item.code}  {item.year} {item.stage:<22} "
            f"第{item.sequence}次 {state}  {item.sha256[:16]}…  {item.name}"
        )
    if not held:
        print("尚未接收任何数据包" if year is None else f"{year}年度尚未接收任何数据包")
    return EXIT_OK


def make_upper_demo(path: Path, passphrase: str, program: str) -> int:
    """``demo --upper``: the demo upper workspace (36 units, a season under way)."""
    from unionperf.services.inbox.upper_demo import YEAR, create_upper_demo  # noqa: PLC0415

    with create_upper_demo(path, passphrase, program=program) as workspace:
        from unionperf.services.upper.register import units  # noqa: PLC0415

        count = len(units(workspace))
    print(f"已创建演示上级工会工作区：{path}（{count} 个下级单位，{YEAR}年度报送情况）")
    if passphrase == "demo":
        from unionperf.services.common.passphrase import DEMO_NOTICE  # noqa: PLC0415

        print(DEMO_NOTICE)
    return EXIT_OK
