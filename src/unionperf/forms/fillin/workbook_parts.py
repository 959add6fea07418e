"""The workbook-level parts the sheets need: sheet names and parts, shared strings, date styles.

Each part is streamed through :func:`~unionperf.forms.fillin.xml_stream.parse_part` and keeps
only what the import uses: the sheets' names and zip paths (xl/workbook.xml and its
relationships), the date epoch, the shared string table (each string at most
:data:`~limits.MAX_CELL_TEXT` characters, longer ones kept as their length only) and which cell
formats show dates (xl/styles.xml).
"""

from __future__ import annotations

import posixpath
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from unionperf.forms.fillin import limits
from unionperf.forms.fillin.limits import megabytes
from unionperf.forms.fillin.xml_stream import PartHandler, Refused, parse_part

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT_RELATIONSHIPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)


def names(*locals_: str) -> dict[str, str]:
    """Element names as expat reports them (main and strict namespace, or none) → local name."""
    found: dict[str, str] = {}
    for local in locals_:
        for namespace in (MAIN, STRICT):
            found[f"{namespace}}}{local}"] = local
        found[local] = local
    return found


@dataclass(frozen=True, slots=True)
class TooLong:
    """A text over :data:`~limits.MAX_CELL_TEXT`: only its length is kept."""

    length: int


class Content:
    """The memory held by cell values so far, against :data:`~limits.MAX_CONTENT_BYTES`."""

    def __init__(self) -> None:
        self.used = 0
        self.cells = 0

    def add(self, size: int, sheet: str, cell: str) -> None:
        """Count ``size`` more bytes held.

        Raises:
            Refused: over the limit, naming where it was reached.
        """
        self.used += size
        if self.used > limits.MAX_CONTENT_BYTES:
            raise Refused(
                sheet,
                cell,
                f"工作簿的单元格内容合计超过{megabytes(limits.MAX_CONTENT_BYTES)}"
                "（最大的单位约需 27 MB）：请删除多余的行或过长的文字后再导入",
            )

    def count_cells(self, count: int, sheet: str, cell: str) -> None:
        """``count`` more non-empty cells.

        Raises:
            Refused: over :data:`~limits.MAX_CELLS`.
        """
        self.cells += count
        if self.cells > limits.MAX_CELLS:
            raise Refused(
                sheet,
                cell,
                f"工作簿的非空单元格超过{limits.MAX_CELLS:,}个（最大的单位约有59万个）："
                "请删除多余的行后再导入",
            )


@dataclass
class Book:
    """What the sheets need from the workbook-level parts."""

    sheets: dict[str, str] = field(default_factory=dict)
    """Sheet name → zip path of its part, in the workbook's order."""
    epoch: datetime = CALENDAR_WINDOWS_1900
    shared: list[str | TooLong] = field(default_factory=list)
    date_styles: frozenset[int] = frozenset()
    relations: dict[str, tuple[str, str]] = field(default_factory=dict)
    """The workbook's relationships: id → (type, zip path)."""


def read_book(archive: zipfile.ZipFile) -> Book:
    """The sheets and the date epoch (xl/workbook.xml and its relationships).

    Raises:
        Refused: a part is missing, malformed or over a limit.
    """
    main = _main_part(archive)
    folder = posixpath.dirname(main)
    rels_path = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
    relations = _relations(archive, rels_path, folder)
    workbook = _WorkbookHandler()
    _parse(archive, main, workbook)
    book = Book(
        epoch=CALENDAR_MAC_1904 if workbook.date1904 else CALENDAR_WINDOWS_1900,
        relations=relations,
    )
    for name, relation in workbook.sheets:
        target = relations.get(relation)
        if target is None or target[1] not in archive.NameToInfo:
            raise Refused(name, "", f"工作簿缺少工作表“{name}”的内容：文件可能已损坏")
        book.sheets[name] = target[1]
    return book


def read_shared_and_styles(archive: zipfile.ZipFile, book: Book, content: Content) -> None:
    """Fill in the shared strings and the date styles of ``book``.

    Raises:
        Refused: a part is malformed or over a limit.
    """
    for kind, path in book.relations.values():
        if kind.endswith("/sharedStrings") and path in archive.NameToInfo:
            strings = _SharedStrings(content)
            _parse(archive, path, strings)
            book.shared = strings.items
        elif kind.endswith("/styles") and path in archive.NameToInfo:
            styles = _Styles()
            _parse(archive, path, styles)
            book.date_styles = styles.date_styles()


def _parse(archive: zipfile.ZipFile, path: str, handler: PartHandler) -> None:
    if path not in archive.NameToInfo:
        raise Refused("", "", f"工作簿缺少部件“{path}”：文件可能已损坏，请用 Excel 或 WPS 重新保存")
    parse_part(archive, path, handler)


def _main_part(archive: zipfile.ZipFile) -> str:
    """The workbook part named by the package relationships (normally xl/workbook.xml)."""
    if "_rels/.rels" in archive.NameToInfo:
        for kind, path in _relations(archive, "_rels/.rels", "").values():
            if kind.endswith("/officeDocument"):
                return path
    return "xl/workbook.xml"


def _relations(archive: zipfile.ZipFile, path: str, folder: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, zip path of the target)."""
    handler = _RelationsHandler()
    _parse(archive, path, handler)
    found: dict[str, tuple[str, str]] = {}
    for identifier, kind, target, mode in handler.items:
        if mode == "External":
            continue
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[identifier] = (kind, posixpath.normpath(joined))
    return found


_RELATION = f"{RELATIONSHIPS}}}Relationship"


class _RelationsHandler(PartHandler):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str, str, str]] = []

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        if name == _RELATION:
            if len(self.items) >= limits.MAX_MEMBERS:
                self.refuse("", f"部件“{self.member}”的关系超过{limits.MAX_MEMBERS}个")
            self.items.append(
                (
                    attributes.get("Id", ""),
                    attributes.get("Type", ""),
                    attributes.get("Target", ""),
                    attributes.get("TargetMode", ""),
                )
            )


_WORKBOOK = names("sheet", "workbookPr")


class _WorkbookHandler(PartHandler):
    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[tuple[str, str]] = []
        self.date1904 = False

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        local = _WORKBOOK.get(name)
        if local == "sheet":
            if len(self.sheets) >= limits.MAX_MEMBERS:
                self.refuse("", f"工作簿的工作表超过{limits.MAX_MEMBERS}个")
            relation = next(
                (
                    attributes[f"{ns}}}id"]
                    for ns in DOCUMENT_RELATIONSHIPS
                    if f"{ns}}}id" in attributes
                ),
                "",
            )
            self.sheets.append((attributes.get("name", ""), relation))
        elif local == "workbookPr":
            self.date1904 = attributes.get("date1904", "0").lower() in ("1", "true")


_STRINGS = names("si", "t", "rPh")


class _SharedStrings(PartHandler):
    """The shared string table: each ``<si>``'s ``<t>`` runs joined (phonetic runs left out)."""

    def __init__(self, content: Content) -> None:
        super().__init__()
        self.content = content
        self.items: list[str | TooLong] = []
        self.parts: list[str] = []
        self.length = 0
        self.collect = False
        self.phonetic = 0

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        local = _STRINGS.get(name)
        if local == "si":
            self.parts = []
            self.length = 0
        elif local == "t":
            self.collect = not self.phonetic
        elif local == "rPh":
            self.phonetic += 1

    def closed(self, name: str) -> None:
        local = _STRINGS.get(name)
        if local == "t":
            self.collect = False
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "si":
            if len(self.items) >= limits.MAX_CELLS:
                self.refuse("", f"共享字符串超过{limits.MAX_CELLS:,}个，已拒绝")
            if self.length > limits.MAX_CELL_TEXT:
                self.items.append(TooLong(self.length))
            else:
                text = "".join(self.parts)
                self.content.add(sys.getsizeof(text) + 8, "", "")
                self.items.append(text)
            self.parts = []

    def data(self, text: str) -> None:
        if self.collect:
            self.length += len(text)
            if self.length <= limits.MAX_CELL_TEXT:
                self.parts.append(text)


_STYLES = names("numFmt", "cellXfs", "xf")


class _Styles(PartHandler):
    """The number format of each cell format (``cellXfs``), to tell which show dates."""

    def __init__(self) -> None:
        super().__init__()
        self.formats: dict[int, str] = {}
        self.cell_formats: list[int] = []
        self.in_cell_xfs = False

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        local = _STYLES.get(name)
        if local == "numFmt":
            if len(self.formats) >= limits.MAX_STYLES:
                self.refuse("", f"数字格式超过{limits.MAX_STYLES}个，已拒绝")
            self.formats[_number(attributes.get("numFmtId"))] = attributes.get("formatCode", "")[
                :256
            ]
        elif local == "cellXfs":
            self.in_cell_xfs = True
        elif local == "xf" and self.in_cell_xfs:
            if len(self.cell_formats) >= limits.MAX_STYLES:
                self.refuse("", f"单元格格式超过{limits.MAX_STYLES}个，已拒绝")
            self.cell_formats.append(_number(attributes.get("numFmtId")))

    def closed(self, name: str) -> None:
        if _STYLES.get(name) == "cellXfs":
            self.in_cell_xfs = False

    def date_styles(self) -> frozenset[int]:
        """The indexes of the cell formats that show a date (not a duration)."""
        found = set()
        for index, number in enumerate(self.cell_formats):
            code = self.formats.get(number, BUILTIN_FORMATS.get(number, ""))
            if code and is_date_format(code) and not is_timedelta_format(code):
                found.add(index)
        return frozenset(found)


_INDEX_DIGITS = 9


def _number(text: str | None) -> int:
    try:
        return int(text or 0) if len(text or "") <= _INDEX_DIGITS else -1
    except ValueError:
        return -1
