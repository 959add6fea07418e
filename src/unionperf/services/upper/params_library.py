"""参数下发's indicator library edited entry by entry: add, change, remove.

The library the upper level sends is kept as the library file's JSON document
(:mod:`.params`). An edit starts from the library set to send, or from the one bundled with the
program when none is set yet (so the units do not lose the other entries), checks the entry as
the library file is checked (:func:`~unionperf.services.common.indicator_library.parse_library`)
plus what a file cannot say (an id or a name already used), and stores the whole library again.
Each refusal is an :class:`InputError` naming the entry and the field, and nothing is saved.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

from unionperf.domain.framework import FRAMEWORKS
from unionperf.domain.indicators import Operator
from unionperf.services.common.errors import InputError, ServiceError, local_today
from unionperf.services.common.indicator_library import (
    FORMAT,
    IndicatorLibrary,
    LibraryEntry,
    LibraryError,
    default_library,
    parse_library,
)
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.params import WHERE, parameters
from unionperf.services.upper.params_edit import require_upper

__all__ = [
    "add_entry",
    "change_entry",
    "entry_problem",
    "library_document",
    "library_to_send",
    "new_entry_id",
    "reason",
    "remove_entry",
    "store_library",
]

MAX_NAME = 60
MAX_TEXT = 500


def library_to_send(workspace: Workspace) -> IndicatorLibrary:
    """The library set to send, or the bundled one an edit starts from."""
    held = parameters(workspace).library
    return held if held is not None else default_library()


def entry_problem(entry: LibraryEntry) -> str | None:
    """What is wrong with an entry typed in, as one Chinese sentence (``None``: nothing).

    Checks the fields the library file's reader checks, in the order a form shows them.
    """
    return next(_problems(entry), None)


def _problems(entry: LibraryEntry) -> Iterator[str]:
    name = entry.name.strip()
    if not name:
        yield "请填写指标名称"
    if len(name) > MAX_NAME:
        yield f"指标名称不能超过{MAX_NAME}个字"
    level1, level2 = entry.placements[0] if entry.placements else ("", "")
    if not any(
        framework.level2_of(one, two) is not None
        for framework in FRAMEWORKS.values()
        for one, two in entry.placements
    ):
        yield f"“{level1} › {level2}”不是任何指标体系中的一级/二级指标"
    if entry.operator is Operator.INTERVAL:
        yield "指标库不收区间指标：请选择 ≥、＞、＝、≤、＜ 或 定性"
    if entry.operator is Operator.QUALITATIVE:
        if not entry.target_text.strip():
            yield "定性指标请填写指标值（如“达到预期”）"
    elif entry.target is None:
        yield "定量指标请填写指标值（不小于0的数字）"
    elif not entry.target.is_finite() or entry.target < 0:
        yield f"指标值应为不小于0的数字，现为“{entry.target}”"
    elif not entry.unit.strip():
        yield "定量指标请填写计量单位（如“场”“%”“元”）"
    if len(entry.explanation) > MAX_TEXT:
        yield f"指标解释不能超过{MAX_TEXT}个字"


def add_entry(workspace: Workspace, entry: LibraryEntry) -> IndicatorLibrary:
    """Add an entry to the library to send (at the end); returns the library stored.

    Raises:
        InputError: not an upper-level workspace, the entry is wrong, its id is used, or an
            entry of that name already stands under its level-2 indicator.
    """
    require_upper(workspace)
    library = library_to_send(workspace)
    return store_library(workspace, library, [*library.entries, entry], entry)


def change_entry(workspace: Workspace, entry_id: str, entry: LibraryEntry) -> IndicatorLibrary:
    """Replace the entry ``entry_id`` (in its place) by ``entry``; returns the library stored.

    Raises:
        InputError: not an upper-level workspace, no such entry, or the changed entry is
            wrong or collides with another.
    """
    require_upper(workspace)
    library = library_to_send(workspace)
    if library.entry(entry_id) is None:
        raise InputError(f"指标库中没有编号为“{entry_id}”的指标", WHERE)
    entries = [entry if item.id == entry_id else item for item in library.entries]
    return store_library(workspace, library, entries, entry)


def remove_entry(workspace: Workspace, entry_id: str) -> IndicatorLibrary:
    """Remove the entry ``entry_id``; returns the library stored.

    Raises:
        InputError: not an upper-level workspace, no such entry, or it is the last one (a
            library holds at least one indicator; send the bundled one or none instead).
    """
    require_upper(workspace)
    library = library_to_send(workspace)
    if library.entry(entry_id) is None:
        raise InputError(f"指标库中没有编号为“{entry_id}”的指标", WHERE)
    entries = [item for item in library.entries if item.id != entry_id]
    if not entries:
        raise InputError("不能删除指标库中的最后一条指标：指标库至少要有一条指标", WHERE)
    return store_library(workspace, library, entries)


def reason(error: ServiceError) -> str:
    """A refusal's sentence without the place it is prefixed with (a form shows it in place)."""
    where = getattr(error, "where", "")
    return str(error).removeprefix(f"{where}：") if where else str(error)


def new_entry_id(used: Iterable[str]) -> str:
    """An id none of ``used`` is (``upper-1``, ``upper-2``…)."""
    numbers = [
        int(match.group(1)) for item in used if (match := re.fullmatch(r"upper-(\d+)", item))
    ]
    return f"upper-{max(numbers, default=0) + 1}"


def store_library(
    workspace: Workspace,
    library: IndicatorLibrary,
    entries: list[LibraryEntry],
    edited: LibraryEntry | None = None,
) -> IndicatorLibrary:
    """Check and store ``entries`` as the library to send (title kept, version: today).

    Raises:
        InputError: ``edited`` is wrong, or the entries together are not a valid library (the
            message names the entry and the field).
    """
    if edited is not None:
        problem = entry_problem(edited)
        if problem is not None:
            raise InputError(f"指标“{edited.name.strip() or '（未命名）'}”：{problem}", WHERE)
    cleaned = [_cleaned(item) for item in entries]
    _check_unique(cleaned)
    document = library_document(
        replace(library, entries=tuple(cleaned), version=local_today().isoformat())
    )
    text = json.dumps(document, ensure_ascii=False)
    try:
        stored = parse_library(text, "上级工会指标库")
    except LibraryError as error:
        raise InputError(str(error).split("。请重新安装")[0], WHERE) from error
    with workspace.unit_of_work() as uow:
        uow.params.set_upper_params(library=text)
    return stored


def library_document(library: IndicatorLibrary) -> dict[str, Any]:
    """The library as the library file's JSON document (what ``parse_library`` reads)."""
    return {
        "format": FORMAT,
        "title": library.title,
        "version": library.version,
        "note": library.note,
        "entries": [_entry_json(item) for item in library.entries],
    }


def _entry_json(entry: LibraryEntry) -> dict[str, Any]:
    qualitative = entry.operator is Operator.QUALITATIVE
    return {
        "id": entry.id,
        "placements": [list(pair) for pair in entry.placements],
        "name": entry.name,
        "kind": "qualitative" if qualitative else "quantitative",
        "operator": entry.operator.value,
        "target": entry.target_text if qualitative else _number_text(entry.target),
        "unit": entry.unit,
        "explanation": entry.explanation,
        "basis": entry.basis.value,
        "scope": entry.scope.value,
        "expense": list(entry.expense),
    }


def _number_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cleaned(entry: LibraryEntry) -> LibraryEntry:
    qualitative = entry.operator is Operator.QUALITATIVE
    return replace(
        entry,
        name=entry.name.strip(),
        unit=entry.unit.strip(),
        explanation=entry.explanation.strip(),
        target=None if qualitative else entry.target,
        target_text=entry.target_text.strip() if qualitative else "",
    )


def _check_unique(entries: list[LibraryEntry]) -> None:
    ids: dict[str, str] = {}
    names: set[tuple[tuple[str, str], str]] = set()
    for entry in entries:
        if entry.id in ids:
            raise InputError(
                f"指标“{entry.name}”的编号“{entry.id}”已被“{ids[entry.id]}”使用", WHERE
            )
        ids[entry.id] = entry.name
        key = (entry.placements[0], entry.name)
        if key in names:
            one, two = entry.placements[0]
            raise InputError(f"“{one} › {two}”下已有名为“{entry.name}”的指标", WHERE)
        names.add(key)
