"""Commands of the upper level's review: review, decisions, rescore."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from unionperf.cli.common import EXIT_OK, open_workspace

if TYPE_CHECKING:
    from unionperf.services.upper.decisions import DecisionRecord
    from unionperf.services.upper.review import Review

Adder = Callable[..., argparse.ArgumentParser]
STAGE_HELP = "targets、monitoring-YYYY-MM-DD 或 self-evaluation"


def add_review_commands(command: Adder) -> None:
    """Register review, decisions and rescore on the main parser's ``command`` helper."""
    review = command(
        "review", _review, "上级工会：查看下级单位某阶段报送的数据（只读，含各项路径）"
    )
    review.add_argument("--unit", required=True, help="下级单位的统一社会信用代码")
    review.add_argument("--year", type=int, required=True)
    review.add_argument("--stage", required=True, help=STAGE_HELP)
    review.add_argument("--json", action="store_true", help="输出 JSON")
    decisions = command(
        "decisions", _decisions, "上级工会：列出对某单位的全部审核决定（通过/退回）"
    )
    decisions.add_argument("--unit", required=True, help="下级单位的统一社会信用代码")
    decisions.add_argument("--year", type=int, help="只列出该年度")
    decisions.add_argument("--json", action="store_true", help="输出 JSON")
    rescore = command("rescore", _rescore, "上级工会：复评下级单位自评中的一个指标（保留两个得分）")
    rescore.add_argument("--unit", required=True, help="下级单位的统一社会信用代码")
    rescore.add_argument("--year", type=int, required=True)
    rescore.add_argument("--item", required=True, help="指标路径，如 项目/…/指标/…（见 review）")
    rescore.add_argument("--score", required=True, help="上级复评得分")
    rescore.add_argument("--reason", required=True, help="复评理由")


def _review(args: argparse.Namespace) -> int:
    from unionperf.services.upper.review import review  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        result = review(workspace, args.unit, args.year, args.stage)
    if args.json:
        _print_json(review_json(result))
        return EXIT_OK
    print(
        f"{result.unit_name}（{result.unit_code}）{result.year}年度 {result.stage_label} "
        f"第{result.sequence}次报送，接收于 {result.received_at}"
    )
    for item in result.items:
        print(item.path)
        for value in item.values:
            print(f"    {value.label}：{value.text}")
    if result.decisions:
        print("审核决定：")
        for decision in result.decisions:
            print(f"  {_decision_line(decision)}")
    return EXIT_OK


def review_json(result: Review) -> dict[str, Any]:
    """The review as ``review --json`` prints it."""
    return {
        "unit": {"code": result.unit_code, "name": result.unit_name},
        "year": result.year,
        "stage": result.stage,
        "sequence": result.sequence,
        "received_at": result.received_at,
        "sha256": result.sha256,
        "items": [
            {
                "path": item.path,
                "kind": item.kind.value,
                "owner": item.owner,
                "item": item.item,
                "name": item.name,
                "light": item.light.value if item.light else None,
                "score": _decimal(item.score),
                "upper_score": _decimal(item.upper_score),
                "values": {value.key: value.text for value in item.values},
            }
            for item in result.items
        ],
        "decisions": [decision_json(item) for item in result.decisions],
    }


def _decisions(args: argparse.Namespace) -> int:
    from unionperf.services.upper.decisions import decisions  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        history = decisions(workspace, args.unit, args.year)
    if args.json:
        _print_json({"unit": args.unit, "decisions": [decision_json(item) for item in history]})
        return EXIT_OK
    if not history:
        print(f"尚未对单位 {args.unit} 作出审核决定")
    for item in history:
        print(f"{item.year} {item.stage:<26} {_decision_line(item)}")
        for opinion in item.opinions:
            print(f"    {opinion.label or '整体'}：{opinion.text}")
    return EXIT_OK


def decision_json(item: DecisionRecord) -> dict[str, Any]:
    """One decision as ``decisions --json`` and ``review --json`` print it."""
    return {
        "year": item.year,
        "stage": item.stage,
        "sequence": item.sequence,
        "decision": item.decision.value,
        "created_at": item.created_at,
        "file": item.file_name,
        "responds_to_sequence": item.responds_to,
        "summary": item.summary,
        "opinions": [
            {
                "path": opinion.label,
                "owner": opinion.owner,
                "item": opinion.item,
                "text": opinion.text,
            }
            for opinion in item.opinions
        ],
    }


def _decision_line(item: DecisionRecord) -> str:
    answered = f"（答复第{item.responds_to}次报送）" if item.responds_to else ""
    reason = f"：{item.summary}" if item.summary else ""
    return (
        f"第{item.sequence}次反馈 {item.decision.label}{answered} {item.created_at}{reason}"
        f"；意见{len(item.opinions)}条"
    )


def _rescore(args: argparse.Namespace) -> int:
    from unionperf.services.upper.rescore import rescore  # noqa: PLC0415

    with open_workspace(args, writer=True) as workspace:
        done = rescore(
            workspace, args.unit, args.year, path=args.item, score=args.score, reason=args.reason
        )
    own = "—" if done.unit_score is None else f"{done.unit_score:.2f}"
    print(f"已复评：{done.path}")
    print(f"  单位自评得分 {own} → 上级复评得分 {done.upper_score:.2f}（两个得分均保留）")
    print(
        f"  所属项目或单位整体得分 {done.owner_total:.2f} → "
        f"{done.owner_upper_total:.2f}（{done.owner_upper_grade.value}）"
    )
    if done.unit_total is not None and done.unit_upper_total is not None:
        grade = done.unit_upper_grade.value if done.unit_upper_grade else ""
        print(f"  单位整体得分 {done.unit_total:.2f} → {done.unit_upper_total:.2f}（{grade}）")
    return EXIT_OK


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))
