"""Reading and verifying package files, and what ``unionperf verify`` says about a package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from unionperf.exchange import age, minisign
from unionperf.exchange.age import AgeHeader
from unionperf.exchange.errors import PackageError
from unionperf.exchange.minisign import PublicKey, SignatureError
from unionperf.exchange.package import VerifiedPackage, verify_package
from unionperf.services.common.errors import ServiceError

__all__ = [
    "EncryptedPackageError",
    "PackageError",
    "read_package",
    "read_public_key",
    "summary",
    "verify_file",
]

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
    """A minisign public key from a file (an ``age1…`` recipient line beside it is skipped)."""
    try:
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.strip().startswith("age1")]
        return minisign.parse_public_key("\n".join(lines))
    except OSError as error:
        raise ServiceError(f"无法读取公钥文件 {path}：{error.strerror or error}") from error
    except (SignatureError, UnicodeDecodeError) as error:
        raise ServiceError(f"公钥文件 {path} 无效：{error}") from error


class EncryptedPackageError(PackageError):
    """The file is a package encrypted for its recipient (age): it cannot be verified as it is."""

    def __init__(self, header: AgeHeader) -> None:
        super().__init__(
            "encrypted",
            f"这是加密的数据包（age 格式，收件人类型：{header.describe()}），"
            "只有收件人能解密：上级工会用 unionperf receive 接收时自动解密并校验，"
            "或先用 unionperf decrypt 解密，再校验解密出的 .upkg",
        )
        self.header = header


def verify_file(path: Path, key_file: Path | None = None) -> VerifiedPackage:
    """Verify a package file (against a key file when given).

    Raises:
        EncryptedPackageError: the file is encrypted (age); it says for which kind of recipient.
        PackageError: the first failed check (``age-damaged`` for a damaged encrypted file).
    """
    key = read_public_key(key_file) if key_file is not None else None
    blob = read_package(path)
    if age.is_encrypted(blob):
        raise EncryptedPackageError(age.read_header(blob))
    return verify_package(blob, key)


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
