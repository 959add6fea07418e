"""Shared pieces of the command line: exit codes, the workspace option, the passphrase."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unionperf.services.common.workspace import Workspace

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
PASSPHRASE_VARIABLE = "UNIONPERF_PASSPHRASE"


def workspace_path(args: argparse.Namespace) -> Path:
    """The ``--workspace`` folder, or the default one (the same as the window's wizard)."""
    from unionperf.services.common.workspace import default_workspace_path  # noqa: PLC0415

    return args.workspace if args.workspace is not None else default_workspace_path()


def open_workspace(args: argparse.Namespace, *, writer: bool) -> Workspace:
    """The workspace named by ``--workspace`` (or the default one), opened.

    A command that changes the workspace opens it as the ``writer``: it holds the workspace's
    one-writer lock until it ends and is refused, changing nothing, while another program holds
    it. A command that only reads takes no lock and runs beside a writer.
    """
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415

    return Workspace.open(workspace_path(args), writer=writer, program=program_name(args))


def program_name(args: argparse.Namespace) -> str:
    """What this process is, as a refused second writer is told: ``命令行 unionperf import``."""
    name = getattr(args, "command_name", "")
    return f"命令行 unionperf {name}".rstrip()


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    """``--passphrase-file``; the passphrase is never taken from the command line itself."""
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        help=f"签名口令文件（第一行）；未指定时读取环境变量 {PASSPHRASE_VARIABLE}",
    )


def passphrase_from(args: argparse.Namespace, default: str | None = None) -> str:
    """The passphrase from ``--passphrase-file`` or ``UNIONPERF_PASSPHRASE`` (else ``default``).

    Raises:
        ServiceError: none is given and there is no default, or the file cannot be read.
    """
    from unionperf.services.common.errors import ServiceError  # noqa: PLC0415

    path: Path | None = getattr(args, "passphrase_file", None)
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise ServiceError(f"无法读取口令文件 {path}：{error.strerror or error}") from error
        except UnicodeDecodeError as error:
            raise ServiceError(
                f"口令文件 {path} 不是 UTF-8 文本（第 {error.start + 1} 个字节无法识别）："
                "请用记事本等编辑器以 UTF-8 编码保存口令"
            ) from error
        if not lines or not lines[0]:
            raise ServiceError(f"口令文件 {path} 的第一行为空")
        return lines[0]
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value:
        return value
    if default is not None:
        return default
    raise ServiceError(
        "需要签名口令 (passphrase needed)："
        f"请设置环境变量 {PASSPHRASE_VARIABLE} 或使用 --passphrase-file"
    )
