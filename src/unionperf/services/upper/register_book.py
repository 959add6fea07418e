"""The register as an Excel workbook: export it, and import units (all or nothing).

One sheet 下级单位 with the columns :data:`COLUMNS`. An exported workbook imports again
unchanged. A row may list a unit without a key (a roster of the units expected to report: they
count as 未报 on the board until their key is registered); a row with a key must carry both the
key id read off the unit's paper sheet and the public key, and they must match. An import never
replaces a registered key (that needs ``register --replace`` with a reason): such a row, like
every other problem, is refused with its cell, and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unionperf.domain.credit_code import credit_code_error
from unionperf.domain.key_ids import KeyIdError, group_key_id, normalise_key_id
from unionperf.exchange import minisign
from unionperf.exchange.minisign import PublicKey, SignatureError
from unionperf.forms.tables_xlsx import (
    Column,
    Table,
    TableReadError,
    cell_address,
    header_columns,
    read_table,
    write_tables,
)
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.files import write_atomically
from unionperf.services.common.ports import RegisterPort
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.register import unit_error

SHEET = "下级单位"
NAME, CODE, CONTACT, KEY_ID, PUBLIC_KEY = (
    "单位名称",
    "统一社会信用代码",
    "联系人及电话",
    "密钥编号",
    "公钥",
)
COLUMNS = (
    Column(NAME, width=36),
    Column(CODE, width=22),
    Column(CONTACT, width=24),
    Column(KEY_ID, width=22),
    Column(PUBLIC_KEY, width=64),
)
SHOWN_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class RegisterImport:
    """What an import changed, in units."""

    added: int
    updated: int
    """Registered units whose name or contact changed."""
    keys_set: int
    """Units listed without a key whose key the workbook registered."""
    unchanged: int


class RegisterImportRefused(ServiceError):  # noqa: N818 - the name the window and CLI use
    """The workbook was refused; nothing was saved. ``problems`` lists each with its cell."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        lines = list(self.problems[:SHOWN_PROBLEMS])
        if len(self.problems) > len(lines):
            lines.append(f"……另有{len(self.problems) - len(lines)}个问题")
        super().__init__(
            "\n".join([f"登记表未导入：发现{len(self.problems)}个问题，未保存任何修改。", *lines])
        )

    def details(self) -> list[str]:
        """Every problem with its cell."""
        return list(self.problems)


def export_register(workspace: Workspace, out_file: Path) -> Path:
    """Write the register as a workbook (``.xlsx``) and return its path.

    Raises:
        ServiceError: the file cannot be written.
    """
    with workspace.reading() as uow:
        held = uow.register.subordinates()
    rows = [
        (
            item.name,
            item.unit_code,
            item.contact,
            group_key_id(item.key_id) if item.has_key else "",
            _key_line(item.public_key) if item.has_key else "",
        )
        for item in held
    ]
    blob = write_tables(
        [
            Table(
                SHEET,
                COLUMNS,
                rows,
                notes=(
                    "密钥编号须与单位盖章的公钥登记表一致；没有公钥的单位可只填前三列（列入名册，待登记公钥）。",
                ),
            )
        ]
    )
    return write_atomically(out_file.parent, out_file.name, blob)


@dataclass(frozen=True, slots=True)
class _Row:
    number: int
    name: str
    code: str
    contact: str
    key: PublicKey | None


def import_register(workspace: Workspace, source: Path) -> RegisterImport:
    """Add and update units from a workbook, all or nothing.

    Raises:
        RegisterImportRefused: any problem (each named by its cell); nothing is saved.
        ServiceError: the file cannot be read.
    """
    try:
        blob = source.read_bytes()
    except OSError as error:
        raise ServiceError(f"无法读取登记表 {source}：{error.strerror or error}") from error
    try:
        sheet, rows = read_table(blob, prefer=SHEET)
    except TableReadError as error:
        raise RegisterImportRefused([f"{source.name}：{error}"]) from error
    problems: list[str] = []
    read = _read_rows(sheet, rows, problems)
    with workspace.unit_of_work() as uow:
        counts = _check_against_register(uow.register, sheet, read, problems)
        if problems:
            raise RegisterImportRefused(problems)
        for row in read:
            uow.register.register(
                row.code,
                row.name,
                row.key.to_file() if row.key else "",
                row.key.key_id_hex if row.key else "",
                contact=row.contact,
            )
    return counts


def _read_rows(
    sheet: str, rows: list[tuple[int, tuple[Any, ...]]], problems: list[str]
) -> list[_Row]:
    expected = f"（应有 {NAME}、{CODE}、{CONTACT}、{KEY_ID}、{PUBLIC_KEY}）"
    columns = header_columns(sheet, rows, (NAME, CODE), problems, expected)
    if columns is None:
        return []
    read: list[_Row] = []
    seen: dict[str, int] = {}
    for number, values in rows[1:]:

        def cell(title: str, values: tuple[Any, ...] = values) -> str:
            index = columns.get(title)
            if index is None or index >= len(values) or values[index] is None:
                return ""
            return str(values[index]).strip()

        def where(title: str, number: int = number) -> str:
            return f"{sheet}!{cell_address(number, columns.get(title, 0) + 1)}"

        if _is_note(cell(NAME), cell(CODE)):
            continue
        code, name = cell(CODE).upper(), cell(NAME)
        reason = unit_error(code, name)
        code_wrong = credit_code_error(code) is not None
        if reason is not None:
            problems.append(f"{where(CODE if code_wrong else NAME)}：{reason}")
            continue
        if code in seen:
            problems.append(f"{where(CODE)}：统一社会信用代码 {code} 与第{seen[code]}行重复")
            continue
        seen[code] = number
        key = _row_key(cell(KEY_ID), cell(PUBLIC_KEY), where, problems)
        read.append(_Row(number, name, code, cell(CONTACT), key))
    return read


def _is_note(name: str, code: str) -> bool:
    """The notes line written under an exported table (no code, a sentence in the first cell)."""
    return not code and name.startswith("密钥编号须与")


class _KeyProblem(Exception):  # noqa: N818 - a problem of one cell, reported with it
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _row_key(typed: str, line: str, where: Any, problems: list[str]) -> PublicKey | None:
    """The row's public key checked against its key id (``None``: none, or a problem noted)."""
    try:
        return _checked_key(typed, line)
    except _KeyProblem as problem:
        problems.append(f"{where(problem.column)}：{problem}")
        return None


def _checked_key(typed: str, line: str) -> PublicKey | None:
    if not typed and not line:
        return None
    if not line:
        raise _KeyProblem(PUBLIC_KEY, "填写了密钥编号但没有公钥；请补上公钥，或删去密钥编号")
    try:
        key = minisign.parse_public_key(line)
    except SignatureError as error:
        raise _KeyProblem(PUBLIC_KEY, f"公钥无效（{error}）") from error
    if not typed:
        raise _KeyProblem(KEY_ID, "请填写单位公钥登记表上的密钥编号，以核对公钥")
    try:
        key_id = normalise_key_id(typed)
    except KeyIdError as error:
        raise _KeyProblem(KEY_ID, str(error)) from error
    if key_id != key.key_id_hex:
        raise _KeyProblem(
            KEY_ID,
            f"密钥编号 {group_key_id(key_id)} 与公钥的编号 {group_key_id(key.key_id_hex)} 不一致",
        )
    return key


def _check_against_register(
    records: RegisterPort, sheet: str, rows: list[_Row], problems: list[str]
) -> RegisterImport:
    added = updated = keys_set = unchanged = 0
    key_rows: dict[str, _Row] = {}
    for row in rows:
        held = records.subordinate(row.code)
        place = f"{sheet}!第{row.number}行"
        if row.key is not None:
            other = key_rows.get(row.key.key_id_hex)
            if other is not None:
                problems.append(
                    f"{place}：公钥与第{other.number}行（{other.code}）相同，一个公钥只能用于一个单位"
                )
                continue
            key_rows[row.key.key_id_hex] = row
            owner = records.key_owner(row.key.key_id_hex)
            if owner is not None and owner != row.code:
                problems.append(f"{place}：该公钥已登记给单位 {owner}，一个公钥只能用于一个单位")
                continue
            if held is not None and held.has_key and held.key_id != row.key.key_id_hex:
                problems.append(
                    f"{place}：单位 {row.code} 已登记另一公钥 {group_key_id(held.key_id)}；"
                    "更换公钥请用 unionperf register --replace 并说明原因"
                )
                continue
        if held is None:
            added += 1
        elif row.key is not None and not held.has_key:
            keys_set += 1
        elif (held.name, held.contact) != (row.name, row.contact):
            updated += 1
        else:
            unchanged += 1
    return RegisterImport(added, updated, keys_set, unchanged)


def _key_line(public_key: str) -> str:
    """The base64 line of a ``.pub`` text (what the workbook holds)."""
    lines = [line.strip() for line in public_key.splitlines() if line.strip()]
    return lines[-1] if lines else ""
