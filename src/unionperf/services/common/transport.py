"""Private transport: packages encrypted to the upper level's age recipient for email.

The upper level holds an age identity (made with its workspace, or by ``unionperf
encryption-key`` for a workspace made before), encrypted at rest with the workspace passphrase
(:mod:`unionperf.exchange.age_keys`). It hands out its recipient ``age1…`` with its public key;
a unit keeps it (:func:`trust_upper_recipient`) and may encrypt a package to it on export.
Receiving decrypts transparently; the signed package inside verifies as usual.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from unionperf.domain.unit import UnitLevel
from unionperf.exchange import age, age_keys
from unionperf.exchange.age import AgeHeader
from unionperf.exchange.age_keys import IdentityFileError
from unionperf.exchange.errors import PackageError
from unionperf.services.common import signing
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.files import write_atomically
from unionperf.services.common.verify import read_package
from unionperf.services.common.workspace import Workspace

__all__ = [
    "AgeHeader",
    "create_encryption_key",
    "decrypt_file",
    "encrypt_to",
    "encrypted_header",
    "encrypted_paths",
    "identity_for_batch",
    "own_recipient",
    "plain_package",
    "recipient_given",
    "recipient_in_file",
    "require_upper_recipient",
    "trust_upper_recipient",
    "unlock_identity",
    "upper_recipient",
    "write_key_file",
]

ENCRYPTED_SUFFIX = age.SUFFIX
NO_IDENTITY = (
    "本工作区没有加密密钥（age），不能解密这个加密数据包："
    "请确认它是发给本级工会的，上级工会可用 unionperf encryption-key 创建加密密钥"
)
PASSPHRASE_NEEDED = (
    "收到加密的数据包（.age）：需要口令来解锁本工作区的加密密钥"
    "（命令行用 --passphrase-file 或环境变量 UNIONPERF_PASSPHRASE）"
)
_PEEK = 64


def own_recipient(workspace: Workspace) -> str | None:
    """The workspace's own age recipient ``age1…`` (upper level), or ``None`` without identity.

    This is what the upper level hands out with its public key: on its key sheet, in
    ``unionperf key show`` and in its parameter package.
    """
    try:
        return age_keys.recipient(workspace.paths.keys)
    except IdentityFileError as error:
        raise ServiceError(str(error)) from error


def create_encryption_key(workspace: Workspace, passphrase: str) -> tuple[str, bool]:
    """The workspace's age recipient, making its identity first when it has none.

    A new identity is encrypted with the workspace passphrase: the one that opens the signing
    key (checked first, so the workspace keeps one passphrase).

    Returns:
        The recipient and whether it was made now.

    Raises:
        ServiceError: the passphrase does not open the signing key, or the files cannot be made.
    """
    held = own_recipient(workspace)
    if held is not None:
        return held, False
    unit = workspace.unit()
    if unit is None or unit.level is not UnitLevel.UPPER:
        raise ServiceError("只有上级工会的工作区需要加密密钥（基层工会用上级告知的加密收件人加密）")
    signing.unlock(workspace, passphrase)
    try:
        recipient = age_keys.create_identity(workspace.paths.keys, passphrase)
    except (IdentityFileError, OSError) as error:
        raise ServiceError(f"无法创建加密密钥：{error}") from error
    with workspace.unit_of_work() as uow:
        uow.audit.record("create", "encryption_key", recipient, {})
    return recipient, True


def unlock_identity(workspace: Workspace, passphrase: str) -> str:
    """The workspace's age identity, unlocked with the workspace passphrase.

    Raises:
        ServiceError: no identity, a wrong passphrase or a damaged file (Chinese sentence).
    """
    try:
        return age_keys.load_identity(workspace.paths.keys, passphrase)
    except IdentityFileError as error:
        raise ServiceError(str(error)) from error


def upper_recipient(workspace: Workspace) -> str | None:
    """The upper level's recipient a unit encrypts its packages to, if it was given."""
    with workspace.reading() as uow:
        return uow.submissions.upper_recipient()


def trust_upper_recipient(workspace: Workspace, recipient: str) -> str:
    """Keep the upper level's age recipient (``age1…``) for encrypted packages.

    Raises:
        InputError: not an age X25519 recipient (nothing is saved).
    """
    try:
        value = age.check_recipient(recipient)
    except age.AgeKeyError as error:
        raise InputError(str(error), "上级工会加密收件人") from error
    with workspace.unit_of_work() as uow:
        uow.submissions.trust_upper_recipient(value)
    return value


def require_upper_recipient(workspace: Workspace) -> str:
    """The upper level's recipient, before anything is signed for an encrypted export.

    Raises:
        InputError: the unit was not given the upper level's recipient.
    """
    recipient = upper_recipient(workspace)
    if recipient is None:
        raise InputError(
            "尚未导入上级工会的加密收件人（age1…），不能加密："
            "请用 unionperf trust-upper --key 公钥文件 --recipient age1… 导入",
            "加密后发送",
        )
    return recipient


def recipient_given(text: str | None, key_file: Path | None = None) -> str | None:
    """The upper level's recipient given with its public key, checked (``None``: none given).

    ``text`` is the recipient typed (``--recipient``); otherwise a line ``age1…`` in the key
    file (the file ``unionperf encryption-key --out`` writes holds both) is taken.

    Raises:
        InputError: the recipient is not an age X25519 recipient.
    """
    if text is None and key_file is not None:
        text = recipient_in_file(key_file)
    if text is None:
        return None
    try:
        return age.check_recipient(text)
    except age.AgeKeyError as error:
        raise InputError(str(error), "上级工会加密收件人") from error


def recipient_in_file(path: Path) -> str | None:
    """The ``age1…`` line of a key file, if it has one (unreadable files: ``None``)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((line.strip() for line in lines if line.strip().startswith("age1")), None)


def write_key_file(workspace: Workspace, out: Path) -> Path:
    """The upper level's public key and recipient in one file for its units (``trust-upper``).

    The file is the minisign ``.pub`` (two lines) followed by the recipient line ``age1…``.

    Raises:
        ServiceError: the workspace has no identity, or the file cannot be written.
    """
    recipient = own_recipient(workspace)
    if recipient is None:
        raise ServiceError("本工作区还没有加密密钥：请先运行 unionperf encryption-key 创建")
    text = signing.public_key(workspace).to_file() + recipient + "\n"
    return write_atomically(out.parent, out.name, text.encode("utf-8"))


def encrypt_to(recipient: str, blob: bytes) -> bytes:
    """A signed package encrypted to an age recipient (the signed bytes inside unchanged)."""
    try:
        return age.encrypt(blob, recipient)
    except age.AgeKeyError as error:
        raise ServiceError(str(error)) from error


def encrypted_header(blob: bytes) -> AgeHeader | None:
    """What an encrypted package says about its recipients; ``None`` when it is not encrypted.

    Raises:
        PackageError: ``age-damaged`` for a malformed header.
    """
    return age.read_header(blob) if age.is_encrypted(blob) else None


def encrypted_paths(paths: Iterable[Path]) -> list[Path]:
    """The files among ``paths`` that start like an age file (unreadable ones are left out)."""
    found = []
    for path in paths:
        try:
            with path.open("rb") as handle:
                head = handle.read(_PEEK)
        except OSError:
            continue
        if age.is_encrypted(head):
            found.append(path)
    return found


def identity_for_batch(
    workspace: Workspace, paths: Iterable[Path], passphrase: str | None
) -> str | None:
    """The identity to open the encrypted packages of a batch, unlocked once before it starts.

    ``None`` when no package is encrypted or the workspace has no identity (each encrypted
    package is then refused on its own, ``age-recipient``).

    Raises:
        ServiceError: an encrypted package, an identity, and no or a wrong passphrase.
    """
    if not encrypted_paths(paths) or own_recipient(workspace) is None:
        return None
    if not passphrase:
        raise ServiceError(PASSPHRASE_NEEDED)
    return unlock_identity(workspace, passphrase)


def plain_package(blob: bytes, identity: str | None) -> tuple[bytes, bool]:
    """The signed package of a file: decrypted when it is an age file, else as it is.

    Returns:
        The package's bytes and whether they were decrypted.

    Raises:
        PackageError: ``age-damaged`` or ``age-recipient`` (also when there is no identity).
    """
    if not age.is_encrypted(blob):
        return blob, False
    if identity is None:
        age.read_header(blob)  # a damaged file says so first
        raise PackageError(age.RECIPIENT, NO_IDENTITY)
    return age.decrypt(blob, identity), True


def decrypt_file(workspace: Workspace, path: Path, passphrase: str, out_dir: Path) -> Path:
    """Decrypt an encrypted package into ``out_dir`` (``x.upkg.age`` → ``x.upkg``), unverified.

    Raises:
        PackageError: not an encrypted package, damaged, or not for this workspace.
        ServiceError: no identity, a wrong passphrase, or the file cannot be read or written.
    """
    blob = read_package(path)
    if not age.is_encrypted(blob):
        raise PackageError("not-encrypted", f"这不是加密的数据包：{path.name}")
    plain, _ = plain_package(blob, unlock_identity(workspace, passphrase))
    name = (
        path.name[: -len(ENCRYPTED_SUFFIX)] if path.name.endswith(ENCRYPTED_SUFFIX) else path.name
    )
    if not name.endswith(".upkg"):
        name += ".upkg"
    return write_atomically(out_dir, name, plain)
