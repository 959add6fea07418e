"""Commands of the sign-off: ``sign`` a stage as one role, ``adjust`` a signed-off stage.

Both write: they open the workspace as its writer (the one-writer lock), so they are refused
(exit 2), changing nothing, while a window or another command holds it. ``sign`` is refused,
with every open hard problem of the stage listed, until the stage is finished.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from unionperf.cli.common import EXIT_OK, open_workspace

if TYPE_CHECKING:
    from unionperf.domain.settings import SignoffRole

Adder = Callable[..., argparse.ArgumentParser]

STAGE_HELP = (
    "targets（绩效目标）、monitoring-YYYY-MM-DD（运行监控时点）或 self-evaluation（绩效自评）"
)
ROLES = {"preparer": "preparer", "chair": "chair", "audit": "audit_chair"}
"""The ``--role`` words and the :class:`SignoffRole` values they name."""


def add_signoff_commands(command: Adder) -> None:
    """Register ``sign`` and ``adjust`` on the main parser's ``command`` helper."""
    sign = command(
        "sign", _sign, "签字确认一个阶段（该阶段还有强制问题时拒绝签字，并列出这些问题）"
    )
    sign.add_argument("--year", type=int, required=True, help="年度，如 2024")
    sign.add_argument("--stage", required=True, help=STAGE_HELP)
    sign.add_argument(
        "--role",
        required=True,
        metavar="ROLE",
        help="preparer（填报人）、chair（工会主席，签字后锁定该阶段）或 audit（经审会主任）",
    )
    sign.add_argument("--name", required=True, help="签字人姓名")
    sign.add_argument("--date", help="签字日期 YYYY-MM-DD（默认今天）")
    adjust = command(
        "adjust",
        _adjust,
        "调整已由工会主席签字锁定的阶段：原因记入审计日志，撤回工会主席和经审会主任的签字",
    )
    adjust.add_argument("--year", type=int, required=True, help="年度，如 2024")
    adjust.add_argument("--stage", required=True, help=STAGE_HELP)
    adjust.add_argument("--reason", required=True, help="调整原因")


def _role(text: str) -> SignoffRole:
    from unionperf.domain.settings import SignoffRole  # noqa: PLC0415
    from unionperf.services.common.errors import InputError  # noqa: PLC0415

    value = ROLES.get(text.strip().lower())
    if value is None:
        raise InputError(
            f"未知角色“{text}”：应为 preparer（填报人）、chair（工会主席）或 audit（经审会主任）",
            "签字确认",
        )
    return SignoffRole(value)


def _date(text: str | None) -> date:
    from unionperf.services.common.errors import InputError, local_today  # noqa: PLC0415

    if text is None:
        return local_today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise InputError(f"“{text}”不是有效日期，应为 YYYY-MM-DD", "签字日期") from error


def _sign(args: argparse.Namespace) -> int:
    from unionperf.domain.settings import SIGNOFF_LABELS, SignoffRole  # noqa: PLC0415
    from unionperf.domain.year import Signoff, stage_label  # noqa: PLC0415
    from unionperf.services.common.stages import parse_stage  # noqa: PLC0415
    from unionperf.services.cycle.signoffs import sign_off  # noqa: PLC0415

    role, signed_on = _role(args.role), _date(args.date)
    with open_workspace(args, writer=True) as workspace:
        stage = parse_stage(workspace.load_year(args.year), args.stage.strip()).name
        sign_off(workspace, args.year, Signoff(stage, role, args.name.strip(), signed_on))
    label = stage_label(stage)
    print(
        f"已签字：{args.year}年度“{label}” · {SIGNOFF_LABELS[role]} {args.name.strip()}"
        f"（{signed_on.isoformat()}）"
    )
    if role is SignoffRole.CHAIR:
        print(f"“{label}”已锁定；如需修改，请先用 unionperf adjust 说明调整原因")
    return EXIT_OK


def _adjust(args: argparse.Namespace) -> int:
    from unionperf.domain.settings import SIGNOFF_LABELS  # noqa: PLC0415
    from unionperf.domain.year import stage_label  # noqa: PLC0415
    from unionperf.services.common.stages import parse_stage  # noqa: PLC0415
    from unionperf.services.cycle.locks import open_adjustment  # noqa: PLC0415

    with open_workspace(args, writer=True) as workspace:
        stage = parse_stage(workspace.load_year(args.year), args.stage.strip()).name
        withdrawn = open_adjustment(workspace, args.year, stage, args.reason)
        taken = workspace.backups()[0]
    label = stage_label(stage)
    print(f"已开始调整{args.year}年度“{label}”：{args.reason.strip()}（已记入审计日志）")
    when = taken.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
    print(f"调整之前已备份（{when}，{taken.path.name}）；可用 unionperf restore 恢复")
    if withdrawn:
        roles = "、".join(SIGNOFF_LABELS[role] for role in withdrawn)
        print(f"已撤回{roles}的签字；修改完成后请重新签字（unionperf sign）")
    return EXIT_OK
