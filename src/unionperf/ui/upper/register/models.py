"""Table models of 下级单位: the register and a unit's replaced keys (columns are data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.key_ids import group_key_id
from unionperf.services.upper.register import KeyHistoryEntry, RegisteredUnit
from unionperf.services.upper.tables import local_time
from unionperf.ui.widgets.table_model import Column, Kind, RowTableModel

__all__ = ["HistoryModel", "RegisterModel", "matches"]

NO_KEY_COLOUR = "#fdf0c8"
"""A unit listed without a key: its packages are refused until the key is registered."""


def matches(unit: RegisteredUnit, text: str) -> bool:
    """Whether the search text is in the unit's name, credit code, contact or key id."""
    wanted = text.strip().lower().replace(" ", "")
    if not wanted:
        return True
    haystack = f"{unit.name}{unit.code}{unit.contact}{unit.key_id}".lower()
    return wanted in haystack


def _key(unit: RegisteredUnit) -> str:
    return (
        group_key_id(unit.key_id)
        if unit.has_key
        else QCoreApplication.translate("RegisterPage", "no key registered yet")
    )


class RegisterModel(RowTableModel[RegisteredUnit]):
    """The register: one row per unit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("RegisterPage", "Union name"),
                    lambda unit: unit.name,
                    width_chars=18,
                ),
                Column(
                    QCoreApplication.translate("RegisterPage", "Credit code"),
                    lambda unit: unit.code,
                    width_chars=13,
                ),
                Column(
                    QCoreApplication.translate("RegisterPage", "Contact"),
                    lambda unit: unit.contact,
                    width_chars=11,
                ),
                Column(
                    QCoreApplication.translate("RegisterPage", "Key id"),
                    _key,
                    colour=lambda unit: None if unit.has_key else NO_KEY_COLOUR,
                    width_chars=11,
                ),
                Column(
                    QCoreApplication.translate("RegisterPage", "Registered"),
                    lambda unit: local_time(unit.registered_at) if unit.has_key else "",
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("RegisterPage", "Keys replaced"),
                    lambda unit: str(unit.replaced_keys) if unit.replaced_keys else "",
                    Kind.NUMBER,
                    width_chars=4,
                ),
            ],
            parent,
        )


class HistoryModel(RowTableModel[KeyHistoryEntry]):
    """A unit's replaced keys, oldest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("RegisterPage", "Key id"),
                    lambda item: group_key_id(item.key_id),
                    width_chars=11,
                ),
                Column(
                    QCoreApplication.translate("RegisterPage", "Registered"),
                    lambda item: local_time(item.registered_at),
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("RegisterPage", "Replaced"),
                    lambda item: local_time(item.retired_at),
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("RegisterPage", "Reason"),
                    lambda item: item.reason,
                    width_chars=20,
                ),
            ],
            parent,
        )
