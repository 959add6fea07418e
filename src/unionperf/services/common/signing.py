"""The workspace's signing key: show, export, rotate, unlock (for export and feedback)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from unionperf.exchange import age_keys, keys
from unionperf.exchange.keys import Announcement, KeyFileError
from unionperf.exchange.keys import WrongPassphraseError as WrongKeyPassphraseError
from unionperf.exchange.minisign import PublicKey
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.common.passphrase import check_new_passphrase
from unionperf.services.common.workspace import Workspace

log = logging.getLogger(__name__)


class WrongPassphraseError(ServiceError):
    """The passphrase does not unlock the workspace's key; the user may type it again."""


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """What ``unionperf key show`` prints."""

    key_id: str
    unit_name: str
    unit_code: str
    public_key: str
    rotations: int
    recipient: str = ""
    """The workspace's own age recipient (``age1…``, upper level), empty when it has none."""


def public_key(workspace: Workspace) -> PublicKey:
    """The workspace's current public key."""
    try:
        return keys.public_key(workspace.paths.keys)
    except KeyFileError as error:
        raise ServiceError(str(error)) from error


def key_info(workspace: Workspace) -> KeyInfo:
    """The key id (fingerprint), the unit and the public key text."""
    key = public_key(workspace)
    unit = workspace.unit()
    try:
        recipient = age_keys.recipient(workspace.paths.keys) or ""
    except age_keys.IdentityFileError as error:
        raise ServiceError(str(error)) from error
    return KeyInfo(
        key.key_id_hex,
        unit.name if unit else "",
        unit.credit_code if unit else "",
        key.to_file(),
        len(announcements(workspace)),
        recipient,
    )


def export_public_key(workspace: Workspace, out: Path) -> Path:
    """Write the public key in minisign ``.pub`` format to ``out``."""
    key = public_key(workspace)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(key.to_file(), encoding="utf-8")
    return out


def create_key(workspace: Workspace, passphrase: str) -> PublicKey:
    """Make the workspace's signing key (when it has none yet); the passphrase policy applies."""
    check_new_passphrase(passphrase)
    try:
        made = keys.create_key(workspace.paths.keys, passphrase)
    except KeyFileError as error:
        raise ServiceError(str(error)) from error
    with workspace.unit_of_work() as uow:
        uow.audit.record("create", "signing_key", made.key_id_hex, {})
    return made


def unlock(workspace: Workspace, passphrase: str) -> Ed25519PrivateKey:
    """The private key, unlocked with the passphrase.

    Keys still in the old PKCS#8 format (PBKDF2) are rewritten in minisign's scrypt format on
    this unlock, and every secret-key file is made readable by its owner only.

    Raises:
        WrongPassphraseError: the passphrase is wrong (a Chinese sentence says so).
        ServiceError: the workspace has no key, or its key file is not one.
    """
    folder = workspace.paths.keys
    try:
        key = keys.load_private_key(folder, passphrase)
    except WrongKeyPassphraseError as error:
        raise WrongPassphraseError(str(error)) from error
    except KeyFileError as error:
        raise ServiceError(str(error)) from error
    if not workspace.read_only:
        try:
            upgraded = keys.upgrade_keys(folder, passphrase)
            keys.protect_keys(folder)
        except OSError as error:
            log.warning("signing key not upgraded (%s): it still opens as it is", error)
        else:
            if upgraded:
                log.info("signing keys rewritten in minisign's format: %s", upgraded)
                with workspace.unit_of_work() as uow:
                    uow.audit.record(
                        "upgrade",
                        "signing_key",
                        keys.public_key(folder).key_id_hex,
                        {"format": ["pkcs8-pbkdf2", "minisign-scrypt"]},
                    )
    return key


def rotate(workspace: Workspace, passphrase: str, today: date | None = None) -> Announcement:
    """Replace the signing key; the old key signs an announcement that travels in packages."""
    unit = workspace.unit()
    code = unit.credit_code if unit else ""
    try:
        announcement = keys.rotate_key(
            workspace.paths.keys, passphrase, code, today or local_today()
        )
    except KeyFileError as error:
        raise ServiceError(str(error)) from error
    new_key = keys.public_key(workspace.paths.keys)
    with workspace.unit_of_work() as uow:
        uow.audit.record(
            "rotate",
            "signing_key",
            new_key.key_id_hex,
            {"old_key_id": announcement.old_key_id},
        )
    return announcement


def announcements(workspace: Workspace) -> list[Announcement]:
    """The chain of key-rotation announcements, oldest first."""
    try:
        return keys.announcements(workspace.paths.keys)
    except KeyFileError as error:
        raise ServiceError(str(error)) from error
