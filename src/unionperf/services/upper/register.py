"""The upper level's register of its units (下级单位): each unit's code, name, contact and key.

A unit's key is trusted only when the key id read off its sealed key registration sheet (typed,
or the sheet's QR text) matches the ``.pub`` file; one key serves one unit; replacing a unit's
key needs a reason and keeps the old key in the history (packages it signed stay recognised).
The register can be exported to and imported from Excel (:mod:`.register_book`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from unionperf.domain.credit_code import credit_code_error
from unionperf.domain.key_ids import KeyIdError, group_key_id, read_typed_key_id
from unionperf.exchange import minisign
from unionperf.exchange.minisign import PublicKey, SignatureError
from unionperf.services.common.errors import InputError
from unionperf.services.common.ports import RegisterPort
from unionperf.services.common.verify import read_public_key
from unionperf.services.common.workspace import Workspace

WHERE = "下级单位登记"


@dataclass(frozen=True, slots=True)
class RegisteredUnit:
    """A unit of the register as the window and the command line list it."""

    code: str
    name: str
    contact: str
    key_id: str
    """The registered key's id (empty while the unit is listed without a key)."""
    registered_at: str
    """When the current key was registered (UTC, ISO)."""
    replaced_keys: int
    """How many earlier keys the history holds."""

    @property
    def has_key(self) -> bool:
        """Whether a key is registered (packages can be received)."""
        return bool(self.key_id)


@dataclass(frozen=True, slots=True)
class KeyHistoryEntry:
    """A replaced key of a unit: its id, when it was registered and replaced, and why."""

    key_id: str
    registered_at: str
    retired_at: str
    reason: str


@dataclass(frozen=True, slots=True)
class Registration:
    """What ``register`` did."""

    code: str
    name: str
    key_id: str
    added: bool
    """A new unit (else a registered one was changed)."""
    replaced_key_id: str = ""
    """The key id replaced (empty when the key did not change)."""


def register(
    workspace: Workspace,
    key_file: Path,
    unit_code: str,
    name: str,
    *,
    key_id: str,
    contact: str | None = None,
    replace_reason: str | None = None,
) -> Registration:
    """Register a unit with its public key after checking the key id on its paper sheet.

    Args:
        workspace: the upper level's workspace.
        key_file: the unit's ``.pub`` file.
        unit_code: the unit's credit code (GB 32100).
        name: the unit's name.
        key_id: the key id typed from the sealed key registration sheet, or its QR text.
        contact: 联系人及电话 (``None`` keeps a registered unit's contact).
        replace_reason: the reason, when the unit's registered key is to be replaced.

    Returns:
        What was registered.

    Raises:
        InputError: a bad code, name or key id; the key file's id differs from the paper; the
            key serves another unit, or is one this unit replaced; the unit has another key and
            no reason to replace it was given. Nothing is saved.
        ServiceError: the key file cannot be read.
    """
    reason = unit_error(unit_code, name)
    if reason is not None:
        raise InputError(reason, WHERE)
    if replace_reason is not None and not replace_reason.strip():
        raise InputError("更换公钥须说明原因（--reason）", WHERE)
    try:
        typed = read_typed_key_id(key_id)
    except KeyIdError as error:
        raise InputError(str(error), WHERE) from error
    if typed.unit_code and typed.unit_code != unit_code:
        raise InputError(
            f"二维码中的统一社会信用代码 {typed.unit_code} 与所登记单位 {unit_code} 不一致", WHERE
        )
    key = read_public_key(key_file)
    if typed.key_id != key.key_id_hex:
        raise InputError(
            f"密钥编号不一致：公钥文件为 {group_key_id(key.key_id_hex)}，"
            f"登记表为 {group_key_id(typed.key_id)}。请向单位核实，未登记",
            WHERE,
        )
    if typed.public_key_line and _key_line_differs(typed.public_key_line, key):
        raise InputError("二维码中的公钥与公钥文件不一致：请向单位核实，未登记", WHERE)
    with workspace.unit_of_work() as uow:
        held = uow.register.subordinate(unit_code)
        _check_key(uow.register, unit_code, key)
        replaced = ""
        if held is not None and held.has_key and held.key_id != key.key_id_hex:
            if replace_reason is None:
                raise InputError(
                    f"单位 {unit_code} 已登记公钥 {group_key_id(held.key_id)}；"
                    "更换公钥请加 --replace 并用 --reason 说明原因（旧公钥将保留在历史中）",
                    WHERE,
                )
            replaced = held.key_id
        elif replace_reason is not None and (held is None or not held.has_key):
            raise InputError(f"单位 {unit_code} 尚未登记公钥，无需 --replace", WHERE)
        uow.register.register(
            unit_code,
            name.strip(),
            key.to_file(),
            key.key_id_hex,
            contact=None if contact is None else contact.strip(),
            reason=(replace_reason or "").strip(),
        )
    return Registration(unit_code, name.strip(), key.key_id_hex, held is None, replaced)


def unit_error(unit_code: str, name: str) -> str | None:
    """Why a unit's credit code (GB 32100) or its name is refused, or ``None``."""
    reason = credit_code_error(unit_code)
    if reason is not None:
        return reason
    if not name.strip():
        return "请填写单位名称"
    return None


def _key_line_differs(line: str, key: PublicKey) -> bool:
    try:
        return minisign.parse_public_key(line) != key
    except SignatureError:
        return True


def _check_key(records: RegisterPort, unit_code: str, key: PublicKey) -> None:
    """Refuse a key that serves another unit, or that this unit replaced earlier."""
    owner = records.key_owner(key.key_id_hex)
    if owner is None:
        return
    if owner != unit_code:
        held = records.subordinate(owner)
        name = held.name if held else owner
        raise InputError(
            f"公钥 {group_key_id(key.key_id_hex)} 已登记给 {name}（{owner}）："
            "一个公钥只能用于一个单位，请向单位核实",
            WHERE,
        )
    held = records.subordinate(unit_code)
    if held is not None and held.key_id != key.key_id_hex:
        raise InputError(
            f"公钥 {group_key_id(key.key_id_hex)} 是该单位已更换的旧公钥，不能重新启用", WHERE
        )


def units(workspace: Workspace) -> list[RegisteredUnit]:
    """Every unit of the register, by credit code."""
    with workspace.reading() as uow:
        held = uow.register.subordinates()
    return [
        RegisteredUnit(
            item.unit_code,
            item.name,
            item.contact,
            item.key_id if item.has_key else "",
            item.registered_at,
            len(item.retired_keys),
        )
        for item in held
    ]


def key_history(workspace: Workspace, unit_code: str) -> list[KeyHistoryEntry]:
    """A unit's replaced keys, oldest first.

    Raises:
        InputError: the unit is not registered.
    """
    with workspace.reading() as uow:
        if uow.register.subordinate(unit_code) is None:
            raise InputError(f"单位 {unit_code} 未登记", WHERE)
        history = uow.register.key_history(unit_code)
    return [
        KeyHistoryEntry(item.key_id, item.registered_at, item.retired_at, item.reason)
        for item in history
    ]


def list_unit(workspace: Workspace, unit_code: str, name: str, contact: str = "") -> bool:
    """Put a unit on the register without a key (a roster entry), or rename a listed one.

    The unit counts as expected (未报) on the board; its packages are refused until its key
    is registered with :func:`register` (the key id checked against its paper sheet).

    Returns:
        Whether the unit was new.

    Raises:
        InputError: a bad credit code or an empty name.
    """
    reason = unit_error(unit_code, name)
    if reason is not None:
        raise InputError(reason, WHERE)
    with workspace.unit_of_work() as uow:
        added = uow.register.subordinate(unit_code) is None
        uow.register.register(unit_code, name.strip(), "", "", contact=contact.strip())
    return added
