"""The indicator library (指标库) that ships in ``resources/indicators/library.json``.

The library offers typical level-3 indicators for trade-union projects and for the unit as a
whole (domain.md §2, §3.2, §6.5), each with its operator, a typical target value and a unit. An
entry names where it belongs as (level 1, level 2) pairs, tried in order against the framework in
use, so one entry serves both the 3-category and the 4-category layout (成本指标 under 产出 in
one, 经济成本指标 under 成本 in the other). The file is checked when read; a broken file is a
:class:`LibraryError` that says, in Chinese, which entry and which field is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TypeVar

from unionperf.domain.framework import FRAMEWORKS, Framework
from unionperf.domain.indicators import (
    Indicator,
    IndicatorKind,
    Operator,
    StandardBasis,
)
from unionperf.resources import resource_path
from unionperf.services.common.errors import ServiceError

__all__ = [
    "LIBRARY_FILE",
    "IndicatorLibrary",
    "LibraryEntry",
    "LibraryError",
    "Scope",
    "default_library",
    "load_library",
    "parse_library",
]

LIBRARY_FILE = ("indicators", "library.json")
"""Where the bundled library lies under ``resources/``."""
FORMAT = 1
"""The library file format this version reads."""

E = TypeVar("E", bound=StrEnum)

_ADVICE = "请重新安装本软件，或向上级工会索取正确的指标库文件"


class LibraryError(ServiceError):
    """The indicator library file is missing or broken."""


class Scope(StrEnum):
    """Whom an entry suits: a project, the unit as a whole (部门整体), or either."""

    PROJECT = "project"
    UNIT = "unit"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One indicator of the library, with a typical target."""

    id: str
    name: str
    operator: Operator
    placements: tuple[tuple[str, str], ...]
    """(level 1, level 2) pairs; the first that the framework holds is used."""
    target: Decimal | None = None
    """The typical number for a quantitative indicator."""
    target_text: str = ""
    """The typical wording of a qualitative target."""
    unit: str = ""
    explanation: str = ""
    basis: StandardBasis = StandardBasis.PLAN
    scope: Scope = Scope.ANY
    expense: tuple[str, ...] = ()
    """Expenditure category codes (501 职工活动支出 …) of the projects it typically suits."""

    @property
    def kind(self) -> IndicatorKind:
        """Qualitative exactly when the operator is 定性."""
        if self.operator is Operator.QUALITATIVE:
            return IndicatorKind.QUALITATIVE
        return IndicatorKind.QUANTITATIVE

    def placement(self, framework: Framework) -> tuple[str, str] | None:
        """The (level 1, level 2) this entry takes in ``framework``, or ``None``."""
        return next(
            (pair for pair in self.placements if framework.level2_of(*pair) is not None), None
        )

    def to_indicator(self, uid: str, framework: Framework) -> Indicator:
        """A new indicator prefilled from this entry, placed in ``framework`` (points unset).

        Raises:
            LibraryError: the entry has no place in that framework.
        """
        place = self.placement(framework)
        if place is None:
            raise LibraryError(f"指标库中的“{self.name}”不适用于指标体系“{framework.title}”")
        return Indicator(
            uid=uid,
            level1=place[0],
            level2=place[1],
            name=self.name,
            operator=self.operator,
            target=self.target,
            target_text=self.target_text,
            unit=self.unit,
            explanation=self.explanation,
            basis=self.basis,
        )

    def display_target(self) -> str:
        """Operator, number and unit as forms show them (``≥12场``), or the wording."""
        level1, level2 = self.placements[0]
        return Indicator(
            uid=self.id,
            level1=level1,
            level2=level2,
            name=self.name,
            operator=self.operator,
            target=self.target,
            target_text=self.target_text,
            unit=self.unit,
        ).display_target


@dataclass(frozen=True, slots=True)
class IndicatorLibrary:
    """The entries of a library file, in file order."""

    title: str
    version: str
    entries: tuple[LibraryEntry, ...]
    note: str = ""

    def entry(self, entry_id: str) -> LibraryEntry | None:
        """The entry with that id, if any."""
        return next((item for item in self.entries if item.id == entry_id), None)

    def entries_for(
        self,
        framework: Framework,
        level1: str,
        level2: str,
        *,
        unit: bool = False,
        expense: str = "",
    ) -> list[LibraryEntry]:
        """The entries that fall under that category of ``framework``, the most suitable first.

        Args:
            framework: the indicator framework of the year.
            level1: the level-1 category.
            level2: the level-2 category.
            unit: whether the indicators are for the unit as a whole (else for a project).
            expense: the project's expenditure category code; entries made for it come first.
        """
        wanted = (level1, level2)
        found = [item for item in self.entries if item.placement(framework) == wanted]
        own_scope = Scope.UNIT if unit else Scope.PROJECT

        def rank(item: LibraryEntry) -> int:
            scope = 0 if item.scope is own_scope else 1 if item.scope is Scope.ANY else 2
            return scope * 2 + (0 if expense and expense in item.expense else 1)

        return sorted(found, key=rank)


def default_library() -> IndicatorLibrary:
    """The library shipped with the program (read once, then kept).

    Raises:
        LibraryError: the bundled file is missing or broken.
    """
    return _bundled()


@cache
def _bundled() -> IndicatorLibrary:
    return load_library(resource_path(*LIBRARY_FILE))


def load_library(path: Path) -> IndicatorLibrary:
    """Read and check a library file.

    Raises:
        LibraryError: the file cannot be read or is not a valid library; the message names the
            file, the entry and the field.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise LibraryError(f"找不到指标库文件“{path}”。{_ADVICE}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise LibraryError(f"无法读取指标库文件“{path}”：{error}。{_ADVICE}") from error
    return parse_library(text, str(path))


def parse_library(text: str, source: str = "指标库") -> IndicatorLibrary:
    """Read a library from its JSON text; ``source`` names it in error messages.

    Raises:
        LibraryError: the text is not a valid library.
    """
    try:
        raw = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise LibraryError(
            f"指标库文件“{source}”不是有效的JSON（第{error.lineno}行第{error.colno}列）。{_ADVICE}"
        ) from error
    where = f"指标库文件“{source}”"
    if not isinstance(raw, dict):
        raise LibraryError(f"{where}的内容应为一个对象。{_ADVICE}")
    if raw.get("format") != FORMAT:
        raise LibraryError(
            f"{where}的格式版本为“{raw.get('format')}”，本软件只能读取版本{FORMAT}。{_ADVICE}"
        )
    items = raw.get("entries")
    if not isinstance(items, list) or not items:
        raise LibraryError(f"{where}没有指标（缺少“entries”列表）。{_ADVICE}")
    entries: list[LibraryEntry] = []
    seen_ids: set[str] = set()
    seen_names: set[tuple[tuple[str, str], str]] = set()
    for number, item in enumerate(items, start=1):
        entry = _entry(item, f"{where}第{number}条指标")
        label = f"{where}第{number}条指标“{entry.name}”"
        if entry.id in seen_ids:
            raise LibraryError(f"{label}：编号“{entry.id}”与前面的指标重复。{_ADVICE}")
        if not any(entry.placement(framework) for framework in FRAMEWORKS.values()):
            pairs = "、".join(f"{one} › {two}" for one, two in entry.placements)
            raise LibraryError(f"{label}：“{pairs}”不是任何指标体系中的一级/二级指标。{_ADVICE}")
        key = (entry.placements[0], entry.name)
        if key in seen_names:
            raise LibraryError(f"{label}：同一二级指标下名称重复。{_ADVICE}")
        seen_ids.add(entry.id)
        seen_names.add(key)
        entries.append(entry)
    return IndicatorLibrary(
        title=_text(raw, "title", where, required=False) or "指标库",
        version=_text(raw, "version", where, required=False),
        entries=tuple(entries),
        note=_text(raw, "note", where, required=False),
    )


def _entry(item: object, where: str) -> LibraryEntry:
    if not isinstance(item, dict):
        raise LibraryError(f"{where}应为一个对象。{_ADVICE}")
    name = _text(item, "name", where)
    where = f"{where}“{name}”"
    entry_id = _text(item, "id", where)
    operator = _choice(item, "operator", where, Operator)
    kind = _choice(item, "kind", where, IndicatorKind)
    qualitative = operator is Operator.QUALITATIVE
    if (kind is IndicatorKind.QUALITATIVE) != qualitative:
        raise LibraryError(
            f"{where}：“kind”为“{kind.value}”，与“operator”“{operator.value}”不符"
            f"（定性指标的operator应为qualitative）。{_ADVICE}"
        )
    unit = _text(item, "unit", where, required=False)
    target: Decimal | None = None
    target_text = ""
    if qualitative:
        target_text = _text(item, "target", where)
    else:
        target = _number(item, "target", where)
        if not unit:
            raise LibraryError(f"{where}：定量指标缺少计量单位“unit”。{_ADVICE}")
    return LibraryEntry(
        id=entry_id,
        name=name,
        operator=operator,
        placements=_placements(item, where),
        target=target,
        target_text=target_text,
        unit=unit,
        explanation=_text(item, "explanation", where, required=False),
        basis=_choice(item, "basis", where, StandardBasis, StandardBasis.PLAN),
        scope=_choice(item, "scope", where, Scope, Scope.ANY),
        expense=_codes(item, where),
    )


def _text(item: dict[str, object], key: str, where: str, *, required: bool = True) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise LibraryError(f"{where}：缺少“{key}”或其值不是文字。{_ADVICE}")
    return value.strip()


def _number(item: dict[str, object], key: str, where: str) -> Decimal:
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise LibraryError(f"{where}：定量指标的“{key}”应为数字。{_ADVICE}")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as error:
        raise LibraryError(
            f"{where}：定量指标的“{key}”应为数字，现为“{value}”。{_ADVICE}"
        ) from error
    if not number.is_finite() or number < 0:
        raise LibraryError(f"{where}：“{key}”应为不小于0的数字，现为“{value}”。{_ADVICE}")
    return number


def _choice(
    item: dict[str, object], key: str, where: str, enum: type[E], default: E | None = None
) -> E:
    value = item.get(key)
    if value is None and default is not None:
        return default
    try:
        return enum(str(value))
    except ValueError as error:
        allowed = "、".join(member.value for member in enum)
        raise LibraryError(
            f"{where}：“{key}”的值“{value}”无效，应为{allowed}之一。{_ADVICE}"
        ) from error


def _placements(item: dict[str, object], where: str) -> tuple[tuple[str, str], ...]:
    value = item.get("placements")
    pairs: list[tuple[str, str]] = []
    if isinstance(value, list):
        for pair in value:
            if (
                not isinstance(pair, list)
                or len(pair) != 2  # noqa: PLR2004 - a (level 1, level 2) pair
                or not all(isinstance(part, str) and part.strip() for part in pair)
            ):
                pairs = []
                break
            pairs.append((pair[0].strip(), pair[1].strip()))
    if not pairs:
        raise LibraryError(
            f"{where}：“placements”应列出［一级指标, 二级指标］，"
            f'如 [["产出指标", "数量指标"]]。{_ADVICE}'
        )
    return tuple(pairs)


def _codes(item: dict[str, object], where: str) -> tuple[str, ...]:
    value = item.get("expense", [])
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise LibraryError(f'{where}：“expense”应为支出科目代码的列表，如 ["501"]。{_ADVICE}')
    return tuple(value)
