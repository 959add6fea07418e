"""Changing some fields of the union's profile (单位信息), as ``unionperf unit`` does."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from unionperf.domain.unit import UnitProfile
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace

__all__ = ["EDITABLE", "update_unit"]

EDITABLE = frozenset(item.name for item in fields(UnitProfile)) - {"level"}
"""The profile fields a user may change (the level is chosen when the workspace is made)."""


def update_unit(workspace: Workspace, **changes: Any) -> UnitProfile:
    """Save the profile with ``changes`` applied and return it; the other fields are kept.

    A workspace without a profile yet starts from an empty one, so its first change must give
    the name and a valid credit code.

    Raises:
        InputError: no name, a credit code that fails GB 32100 (the reason says which check),
            a negative count; nothing is saved.
    """
    unknown = set(changes) - EDITABLE
    if unknown:
        raise InputError(f"单位信息没有这些项：{'、'.join(sorted(unknown))}", "单位信息")
    current = workspace.unit() or UnitProfile("", "")
    workspace.save_unit(replace(current, **changes))
    saved = workspace.unit()
    assert saved is not None  # just saved
    return saved
