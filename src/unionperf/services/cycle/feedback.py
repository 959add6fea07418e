"""Feedback on the unit's side: trust the upper level's key, import the feedback it sends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from unionperf.domain.feedback import Decision
from unionperf.exchange import minisign
from unionperf.exchange.codec_feedback import decision_from_json, opinions_from_json
from unionperf.exchange.errors import PackageError
from unionperf.exchange.minisign import PublicKey
from unionperf.exchange.package import (
    verify_package,
)
from unionperf.services.common.errors import InputError
from unionperf.services.common.ports import SubmissionsPort
from unionperf.services.common.verify import read_public_key
from unionperf.services.common.workspace import Workspace


@dataclass(frozen=True, slots=True)
class UpperKey:
    """The upper level's public key as the unit checks it against the paper: id and name."""

    key_id: str
    name: str = ""

    @property
    def grouped_id(self) -> str:
        """The key id in groups of four, as the upper level's registration sheet prints it."""
        return " ".join(self.key_id[index : index + 4] for index in range(0, len(self.key_id), 4))


def read_upper_key(key_file: Path) -> UpperKey:
    """The key id of a public key file, to check against the paper before trusting it.

    Raises:
        ServiceError: the file cannot be read or is not a public key (a Chinese sentence).
    """
    return UpperKey(read_public_key(key_file).key_id_hex)


def trusted_upper_key(workspace: Workspace) -> UpperKey | None:
    """The upper level's key the unit trusts for feedback (``None`` before it was imported)."""
    with workspace.reading() as uow:
        held = uow.submissions.upper_key()
    if held is None:
        return None
    text, name = held
    return UpperKey(minisign.parse_public_key(text).key_id_hex, name)


def trust_upper(
    workspace: Workspace,
    key_file: Path,
    name: str = "",
    key_id: str | None = None,
    *,
    replace: bool = False,
) -> PublicKey:
    """Trust the upper level's public key for the feedback and parameter packages it sends down.

    Args:
        workspace: the unit's workspace.
        key_file: the upper level's ``.pub`` file.
        name: the upper union's name.
        key_id: the key id read off the upper level's key sheet (blanks and case ignored); the
            key is refused when it differs.
        replace: allow replacing a different key trusted before.

    Raises:
        InputError: the key id differs from the key's, or another key is trusted and
            ``replace`` is not given.
        ServiceError: the key file cannot be read or is not a minisign public key.
    """
    key = read_public_key(key_file)
    if key_id is not None:
        typed = "".join(key_id.split()).upper()
        if typed != key.key_id_hex:
            raise InputError(
                f"公钥文件的密钥编号 {key.key_id_hex} 与告知表上的 {typed or '（空）'} 不一致："
                "请向上级工会核实，不要导入",
                "上级工会公钥",
            )
    with workspace.unit_of_work() as uow:
        held = uow.submissions.upper_key()
        if held is not None and not replace:
            trusted = minisign.parse_public_key(held[0])
            if trusted.key_id != key.key_id:
                raise InputError(
                    f"已信任上级工会公钥 {trusted.key_id_hex}；更换为 {key.key_id_hex} 须确认"
                    "（命令行加 --replace）",
                    "上级工会公钥",
                )
        uow.submissions.trust_upper(key.to_file(), name, key.key_id_hex)
    return key


def receive_feedback(records: SubmissionsPort, blob: bytes, members: dict[str, bytes]) -> str:
    """Import a feedback package on the unit: its opinions, and the stage reopened when returned.

    Args:
        records: the unit's package records, in the receiving transaction.
        blob: the package file's bytes.
        members: the package's members, read from ``blob``.

    Returns:
        The Chinese message that reports the imported feedback.

    Raises:
        PackageError: no trusted upper key, not a valid feedback package, or an older one.
    """
    trusted = records.upper_key()
    if trusted is None:
        raise PackageError(
            "untrusted",
            "尚未导入上级工会的公钥：请先在“单位信息”中点“导入上级工会公钥…”，核对密钥编号后导入",
        )
    package = verify_package(blob, minisign.parse_public_key(trusted[0]), members=members)
    if package.meta["kind"] != "feedback" or package.feedback is None:
        raise PackageError("kind", "这不是上级工会的反馈数据包")
    meta, feedback = package.meta, package.feedback
    latest = records.last_feedback_sequence(int(meta["year"]), package.stage)
    if int(meta["sequence"]) <= latest:
        raise PackageError(
            "replay", f"已拒收（旧于已导入的第{latest}次反馈）：{meta['year']} {package.stage}"
        )
    decision = decision_from_json(meta["feedback"]["decision"])
    opinions = opinions_from_json(feedback.get("opinions", []))
    records.add_feedback(
        package.sha256,
        year=int(meta["year"]),
        stage=package.stage,
        sequence=int(meta["sequence"]),
        decision=decision,
        sender=str(meta["feedback"]["from"]),
        opinions=opinions,
    )
    if decision is Decision.RETURN:
        records.return_stage(
            int(meta["year"]), package.stage, str(feedback.get("summary", "")) or "上级工会退回"
        )
    verdict = "退回，已重新打开修改" if decision is Decision.RETURN else "通过"
    return f"已导入上级反馈：{meta['year']} {package.stage} {verdict}，意见{len(opinions)}条"
