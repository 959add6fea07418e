"""The upper level's register of its units: each unit's code, name and public key."""

from __future__ import annotations

from pathlib import Path

from unionperf.domain.credit_code import credit_code_error
from unionperf.exchange.minisign import PublicKey
from unionperf.services.common.errors import InputError
from unionperf.services.common.verify import read_public_key
from unionperf.services.common.workspace import Workspace


def register(workspace: Workspace, key_file: Path, unit_code: str, name: str) -> PublicKey:
    """Register a subordinate unit with its public key (first contact: check the paper sheet)."""
    reason = credit_code_error(unit_code)
    if reason is not None:
        raise InputError(reason, "下级单位")
    if not name.strip():
        raise InputError("请填写单位名称", "下级单位")
    key = read_public_key(key_file)
    with workspace.unit_of_work() as uow:
        uow.register.register(unit_code, name.strip(), key.to_file(), key.key_id_hex)
    return key
