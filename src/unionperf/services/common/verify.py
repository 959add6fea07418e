"""Reading and verifying package files, and what ``unionperf verify`` says about a package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from unionperf.exchange import minisign
from unionperf.exchange.errors import PackageError
from unionperf.exchange.minisign import PublicKey, SignatureError
from unionperf.exchange.package import VerifiedPackage, verify_package
from unionperf.services.common.errors import ServiceError

__all__ = ["PackageError", "read_package", "read_public_key", "summary", "verify_file"]

MAX_PACKAGE_BYTES = 1 << 30


def read_package(path: Path) -> bytes:
    """The bytes of a package file, refusing absurd sizes before reading."""
    try:
        size = path.stat().st_size
        if size > MAX_PACKAGE_BYTES:
            raise PackageError("too-large", f"数据包过大（{size}字节）")
        return path.read_bytes()
    except OSError as error:
        raise ServiceError(f"无法读取数据包 {path}：{error.strerror or error}") from error


def read_public_key(path: Path) -> PublicKey:
    """A minisign public key from a file."""
    try:
        return minisign.parse_public_key(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ServiceError(f"无法读取公钥文件 {path}：{error.strerror or error}") from error
    except (SignatureError, UnicodeDecodeError) as error:
        raise ServiceError(f"公钥文件 {path} 无效：{error}") from error


def verify_file(path: Path, key_file: Path | None = None) -> VerifiedPackage:
    """Verify a package file (against a key file when given).

    Raises:
        PackageError: the first failed check.
    """
    key = read_public_key(key_file) if key_file is not None else None
    return verify_package(read_package(path), key)


def summary(package: VerifiedPackage) -> dict[str, Any]:
    """What ``unionperf verify`` prints about a valid package."""
    meta = package.meta
    result: dict[str, Any] = {
        "valid": True,
        "trusted": package.trusted,
        "unit": meta["unit"],
        "year": meta["year"],
        "stage": meta["stage"],
        "kind": meta["kind"],
        "sequence": meta["sequence"],
        "package_id": meta["package_id"],
        "sha256": package.sha256,
        "signer_key_id": package.signer.key_id_hex,
        "created_at": meta["created_at"],
        "files": list(package.files),
    }
    if package.data is not None:
        result["scores"] = meta.get("scores")
        result["validation"] = meta.get("validation")
    if package.feedback is not None:
        result["feedback"] = meta.get("feedback")
    return result
