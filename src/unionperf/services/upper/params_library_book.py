"""参数下发's indicator library as an Excel workbook: export it, import it (all or nothing).

One sheet 指标库 with the columns :data:`COLUMNS`, one indicator a row, in Chinese as a form
shows them (计算符号 ≥ ＞ ＝ ≤ ＜ 定性, 标准依据 计划标准…, 适用于 项目/单位整体/均可). An exported
workbook imports again unchanged. An import replaces the whole library to send; any problem is
refused with its cell and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from unionperf.domain.indicators import BASIS_LABELS, Operator, StandardBasis
from unionperf.forms.tables_xlsx import (
    Column,
    Table,
    TableReadError,
    cell_address,
    header_columns,
    read_table,
    write_tables,
)
from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.common.files import write_atomically
from unionperf.services.common.indicator_library import IndicatorLibrary, LibraryEntry, Scope
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.params_edit import require_upper
from unionperf.services.upper.params_library import (
    entry_problem,
    library_to_send,
    new_entry_id,
    reason,
    store_library,
)

__all__ = [
    "COLUMNS",
    "LibraryImportRefused",
    "export_library",
    "import_library",
    "operator_text",
    "scope_label",
]

SHEET = "指标库"
ID, LEVEL1, LEVEL2, NAME, OPERATOR, TARGET, UNIT, EXPLANATION, BASIS, SCOPE, EXPENSE, OTHER = (
    "编号",
    "一级指标",
    "二级指标",
    "指标名称",
    "计算符号",
    "指标值",
    "计量单位",
    "指标解释",
    "标准依据",
    "适用于",
    "支出科目",
    "其他体系中的归属",
)
COLUMNS = (
    Column(ID, width=18),
    Column(LEVEL1, width=12),
    Column(LEVEL2, width=16),
    Column(NAME, width=26),
    Column(OPERATOR, width=8),
    Column(TARGET, width=12),
    Column(UNIT, width=8),
    Column(EXPLANATION, width=48),
    Column(BASIS, width=12),
    Column(SCOPE, width=8),
    Column(EXPENSE, width=10),
    Column(OTHER, width=28),
)
REQUIRED = (LEVEL1, LEVEL2, NAME, OPERATOR)
SHOWN_PROBLEMS = 20
_OPERATORS = {
    Operator.GE: "≥",
    Operator.GT: "＞",
    Operator.EQ: "＝",
    Operator.LE: "≤",
    Operator.LT: "＜",
    Operator.QUALITATIVE: "定性",
}
_OPERATOR_ALIASES = {
    **{text: operator for operator, text in _OPERATORS.items()},
    **{operator.value: operator for operator in _OPERATORS},
    ">": Operator.GT,
    "=": Operator.EQ,
    "<": Operator.LT,
    "≧": Operator.GE,
    "≦": Operator.LE,
}
_SCOPES = {Scope.PROJECT: "项目", Scope.UNIT: "单位整体", Scope.ANY: "均可"}
_SEPARATOR = "；"
K = TypeVar("K")
_NOTE = "计算符号填 ≥、＞、＝、≤、＜ 或 定性；"


class LibraryImportRefused(ServiceError):  # noqa: N818 - named like RegisterImportRefused
    """The workbook was refused; nothing was saved. ``problems`` lists each with its cell."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        lines = list(self.problems[:SHOWN_PROBLEMS])
        if len(self.problems) > len(lines):
            lines.append(f"……另有{len(self.problems) - len(lines)}个问题")
        super().__init__(
            "\n".join([f"指标库未导入：发现{len(self.problems)}个问题，未保存任何修改。", *lines])
        )

    def details(self) -> list[str]:
        """Every problem with its cell."""
        return list(self.problems)


def operator_text(operator: Operator) -> str:
    """≥ ＞ ＝ ≤ ＜ or 定性."""
    return _OPERATORS.get(operator, operator.value)


def scope_label(scope: Scope) -> str:
    """项目, 单位整体 or 均可."""
    return _SCOPES[scope]


def export_library(workspace: Workspace, out_file: Path) -> Path:
    """Write the library to send (the bundled one when none is set) as a workbook.

    Raises:
        ServiceError: the file cannot be written.
    """
    library = library_to_send(workspace)
    rows = [_row(entry) for entry in library.entries]
    note = (
        f"{_NOTE}适用于填 项目、单位整体 或 均可；标准依据填 {'、'.join(BASIS_LABELS.values())}；"
        "支出科目与其他体系中的归属可留空，多项用“；”分隔（归属写作“一级指标›二级指标”）。"
    )
    blob = write_tables([Table(SHEET, COLUMNS, rows, notes=(note,))])
    return write_atomically(out_file.parent, out_file.name, blob)


def _row(entry: LibraryEntry) -> tuple[str, ...]:
    level1, level2 = entry.placements[0]
    qualitative = entry.operator is Operator.QUALITATIVE
    target = entry.target_text if qualitative else format(entry.target or Decimal(0), "f")
    return (
        entry.id,
        level1,
        level2,
        entry.name,
        operator_text(entry.operator),
        target,
        entry.unit,
        entry.explanation,
        BASIS_LABELS[entry.basis],
        _SCOPES[entry.scope],
        _SEPARATOR.join(entry.expense),
        _SEPARATOR.join(f"{one}›{two}" for one, two in entry.placements[1:]),
    )


@dataclass(frozen=True, slots=True)
class _Sheet:
    name: str
    columns: dict[str, int]


def import_library(workspace: Workspace, source: Path) -> IndicatorLibrary:
    """Replace the library to send by the workbook's, all or nothing.

    Raises:
        LibraryImportRefused: any problem (each named by its cell); nothing is saved.
        InputError: not an upper-level workspace.
        ServiceError: the file cannot be read.
    """
    require_upper(workspace)
    try:
        blob = source.read_bytes()
    except OSError as error:
        raise ServiceError(f"无法读取指标库工作簿 {source}：{error.strerror or error}") from error
    try:
        name, rows = read_table(blob, prefer=SHEET)
    except TableReadError as error:
        raise LibraryImportRefused([f"{source.name}：{error}"]) from error
    problems: list[str] = []
    entries = _read_rows(name, rows, problems)
    if not problems and not entries:
        problems.append(f"工作表“{name}”没有指标")
    if problems:
        raise LibraryImportRefused(problems)
    current = library_to_send(workspace)
    try:
        return store_library(workspace, current, entries)
    except InputError as error:
        raise LibraryImportRefused([f"{name}：{reason(error)}"]) from error


def _read_rows(
    name: str, rows: list[tuple[int, tuple[Any, ...]]], problems: list[str]
) -> list[LibraryEntry]:
    columns = header_columns(name, rows, REQUIRED, problems)
    if columns is None:
        return []
    sheet = _Sheet(name, columns)
    entries: list[LibraryEntry] = []
    used: set[str] = set()
    for number, values in rows[1:]:
        if _is_note(sheet, values):
            continue
        entry = _entry(sheet, number, values, problems)
        if entry is None:
            continue
        if not entry.id or entry.id in used:
            if entry.id:
                problems.append(f"{_where(sheet, number, ID)}：编号“{entry.id}”与前面的行重复")
                continue
            entry = replace(entry, id=new_entry_id(used))
        used.add(entry.id)
        entries.append(entry)
    return entries


def _is_note(sheet: _Sheet, values: tuple[Any, ...]) -> bool:
    first = _cell(sheet, values, ID)
    return first.startswith(_NOTE[:6]) and not _cell(sheet, values, NAME)


def _cell(sheet: _Sheet, values: tuple[Any, ...], title: str) -> str:
    index = sheet.columns.get(title)
    if index is None or index >= len(values) or values[index] is None:
        return ""
    value = values[index]
    if isinstance(value, float):  # a number typed in Excel: as it reads, never as binary
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def _where(sheet: _Sheet, number: int, title: str) -> str:
    return f"{sheet.name}!{cell_address(number, sheet.columns.get(title, 0) + 1)}"


def _entry(
    sheet: _Sheet, number: int, values: tuple[Any, ...], problems: list[str]
) -> LibraryEntry | None:
    def cell(title: str) -> str:
        return _cell(sheet, values, title)

    def refuse(title: str, text: str) -> None:
        label = f"（{cell(NAME)}）" if cell(NAME) else ""
        problems.append(f"{_where(sheet, number, title)}{label}：{text}")

    operator = _OPERATOR_ALIASES.get(cell(OPERATOR).replace(" ", ""))
    if operator is None:
        refuse(OPERATOR, f"计算符号“{cell(OPERATOR)}”无效，应为 ≥、＞、＝、≤、＜ 或 定性")
        return None
    basis = _pick(
        cell(BASIS), {label: key for key, label in BASIS_LABELS.items()}, StandardBasis.PLAN
    )
    scope = _pick(cell(SCOPE), {label: key for key, label in _SCOPES.items()}, Scope.ANY)
    if basis is None or scope is None:
        title = BASIS if basis is None else SCOPE
        refuse(title, f"“{cell(title)}”无效")
        return None
    target: Decimal | None = None
    if operator is not Operator.QUALITATIVE and cell(TARGET):
        try:
            target = Decimal(cell(TARGET).replace(",", ""))
        except InvalidOperation:
            refuse(TARGET, f"指标值应为数字，现为“{cell(TARGET)}”")
            return None
    others = _placements(cell(OTHER))
    if others is None:
        refuse(OTHER, "归属应写作“一级指标›二级指标”，多项用“；”分隔")
        return None
    entry = LibraryEntry(
        id=cell(ID),
        name=cell(NAME),
        operator=operator,
        placements=((cell(LEVEL1), cell(LEVEL2)), *others),
        target=target,
        target_text=cell(TARGET) if operator is Operator.QUALITATIVE else "",
        unit=cell(UNIT),
        explanation=cell(EXPLANATION),
        basis=basis,
        scope=scope,
        expense=tuple(
            code
            for code in cell(EXPENSE).replace(";", _SEPARATOR).split(_SEPARATOR)
            if code.strip()
        ),
    )
    problem = entry_problem(entry)
    if problem is not None:
        refuse(_column_of(problem), problem)
        return None
    return entry


def _pick(text: str, labels: dict[str, K], default: K) -> K | None:
    return labels.get(text) if text else default


def _placements(text: str) -> tuple[tuple[str, str], ...] | None:
    pairs: list[tuple[str, str]] = []
    for part in text.replace(";", _SEPARATOR).split(_SEPARATOR):
        if not part.strip():
            continue
        one, mark, two = part.replace(">", "›").partition("›")
        if not mark or not one.strip() or not two.strip():
            return None
        pairs.append((one.strip(), two.strip()))
    return tuple(pairs)


def _column_of(problem: str) -> str:
    """The column a problem of :func:`entry_problem` is about."""
    for title, words in (
        (NAME, "名称"),
        (LEVEL2, "一级/二级"),
        (UNIT, "计量单位"),
        (EXPLANATION, "解释"),
        (OPERATOR, "区间"),
    ):
        if words in problem:
            return title
    return TARGET
