"""Commands of private transport: the upper level's encryption key, and decrypting a package.

``export --encrypt``, ``receive`` (which decrypts by itself) and ``trust-upper --recipient``
are options of the package commands (:mod:`unionperf.cli.package_commands`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from unionperf.cli.common import EXIT_OK, add_passphrase_option, open_workspace, passphrase_from

Adder = Callable[..., argparse.ArgumentParser]


def add_transport_commands(command: Adder) -> None:
    """Register ``encryption-key`` and ``decrypt`` on the main parser's ``command`` helper."""
    key = command(
        "encryption-key",
        _encryption_key,
        "上级工会：显示加密收件人（age1…，下级单位据此加密数据包）；没有加密密钥时先创建",
    )
    key.add_argument(
        "--out",
        type=Path,
        help="同时写出给下级单位的密钥文件（签名公钥与加密收件人），下级用 trust-upper --key 导入",
    )
    add_passphrase_option(key)
    decrypt = command(
        "decrypt", _decrypt, "上级工会：解密加密的数据包（.upkg.age → .upkg），不校验"
    )
    decrypt.add_argument("package", type=Path, help="加密的数据包（.upkg.age）")
    decrypt.add_argument("--out", type=Path, required=True, help="输出文件夹")
    add_passphrase_option(decrypt)


def _encryption_key(args: argparse.Namespace) -> int:
    from unionperf.services.common import transport  # noqa: PLC0415

    with open_workspace(args, writer=False) as workspace:
        recipient = transport.own_recipient(workspace)
    made = False
    if recipient is None:  # made now: the workspace passphrase locks it, as the signing key
        passphrase = passphrase_from(args)
        with open_workspace(args, writer=True) as workspace:
            recipient, made = transport.create_encryption_key(workspace, passphrase)
    if made:
        print("已创建加密密钥（age），私钥以工作区口令加密保存")
    print(f"加密收件人（age）：{recipient}")
    if args.out is not None:
        with open_workspace(args, writer=False) as workspace:
            path = transport.write_key_file(workspace, args.out)
        print(f"已写出密钥文件：{path}（下级单位用 unionperf trust-upper --key 导入）")
    return EXIT_OK


def _decrypt(args: argparse.Namespace) -> int:
    from unionperf.services.common import transport  # noqa: PLC0415
    from unionperf.services.common.errors import ServiceError  # noqa: PLC0415
    from unionperf.services.common.verify import PackageError  # noqa: PLC0415

    passphrase = passphrase_from(args)
    with open_workspace(args, writer=False) as workspace:
        try:
            path = transport.decrypt_file(workspace, args.package, passphrase, args.out)
        except PackageError as error:
            raise ServiceError(f"[{error.code}] {error}") from error
    print(f"已解密：{path}（尚未校验：请用 unionperf verify 或 receive）")
    return EXIT_OK
