"""``backups`` and ``restore``: the listing and the checks the window's restore dialog uses."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from unionperf.cli.common import EXIT_OK, program_name, workspace_path

if TYPE_CHECKING:
    from unionperf.services.common.backups import BackupEntry

Command = Callable[..., argparse.ArgumentParser]


def add_backup_commands(command: Command) -> None:
    """Register ``backups`` and ``restore``."""
    listing = command("backups", _list_backups, "列出工作区的备份（时间、原因、单位、年度、项目）")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    restore = command(
        "restore",
        _restore,
        "从备份恢复工作区：先检查备份（本单位的工作区、数据库版本、完整性、审计日志），"
        "恢复前先备份当前数据",
    )
    restore.add_argument(
        "backup", type=Path, help="备份文件（见 unionperf backups；也可只写 backups 中的文件名）"
    )


def _list_backups(args: argparse.Namespace) -> int:
    from unionperf.services.common.backups import RETENTION_TEXT, list_backups  # noqa: PLC0415

    entries = list_backups(workspace_path(args))
    if args.json:
        print(json.dumps([_as_json(item) for item in entries], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        print("还没有备份")
    for item in entries:
        print(
            f"{item.local_time()}  {item.reason_label}  {item.unit_text()}  "
            f"年度 {item.years_text()}  项目 {item.projects_text()}  {item.size_text()}"
        )
        print(f"    {item.path}")
        if item.refusal:
            print(f"    不能恢复：{item.refusal}")
    print(RETENTION_TEXT)
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from unionperf.services.common.backups import restore  # noqa: PLC0415

    root = workspace_path(args)
    offered: Path = args.backup
    in_folder = root / "backups" / offered.name
    if not offered.exists() and offered.name == str(offered) and in_folder.exists():
        offered = in_folder
    result = restore(root, offered, program=program_name(args))
    print(f"已恢复：{offered.name}")
    print(f"恢复前的数据已备份为 {result.safety.name}（可用 unionperf restore 再恢复回来）")
    return EXIT_OK


def _as_json(item: BackupEntry) -> dict[str, object]:
    return {
        "file": str(item.path),
        "taken_at": item.taken_at.isoformat(),
        "local_time": item.local_time(),
        "reason": item.reason,
        "reason_label": item.reason_label,
        "size": item.size,
        "readable": item.readable,
        "unit": item.unit_name,
        "credit_code": item.credit_code,
        "schema_revision": item.revision,
        "projects": [{"year": year, "count": count} for year, count in item.projects],
        "restorable": not item.refusal,
        "refusal": item.refusal or None,
    }
