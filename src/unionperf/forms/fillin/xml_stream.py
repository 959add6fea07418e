"""Streaming one XML part of a workbook through expat, with bounded memory and no DTD.

Every part of the workbook is read here, in 64 KB chunks, by an expat parser that holds no more
than one tag or one piece of text at a time:

- a document type declaration, an entity declaration or an external entity is refused (the
  handlers defusedxml installs, plus a refusal of any DTD at all: Excel never writes one), as is
  any ``<!`` (comments, CDATA) or processing instruction after the XML declaration, before expat
  sees it, so that no token needs to be buffered whole;
- no more than :data:`~limits.MAX_TOKEN_BYTES` may pass between two ``<``, which bounds every
  tag with its attributes and every run of text;
- elements nest at most :data:`~limits.MAX_DEPTH` deep;
- names are not interned (``intern=None``): a part of a million distinct tag names costs
  nothing, where ElementTree's parsers keep each one.

defusedxml protects openpyxl (it uses it by itself once installed) but its parsers are
ElementTree's, which cache every name; expat is driven directly here with the same handlers.
"""

from __future__ import annotations

import zipfile
import zlib
from typing import NoReturn
from xml.parsers import expat

from unionperf.forms.fillin import limits
from unionperf.forms.fillin.layout import ImportProblem

CHUNK = 1 << 16
_BOM = 3


class Refused(Exception):  # noqa: N818 - a refusal, not a failure of the program
    """The workbook is refused as a whole: one problem, parsing stops at once."""

    def __init__(self, sheet: str, cell: str, message: str) -> None:
        super().__init__(message)
        self.problem = ImportProblem(sheet, cell, message)


def part_label(member: str, sheet: str) -> str:
    """How a message names a part: 此工作表 (the problem names the sheet) or 部件“…”."""
    return "此工作表" if sheet else f"部件“{member}”"


def damaged(member: str, sheet: str, detail: str = "") -> Refused:
    """The refusal of a part whose bytes do not decompress to what the zip records."""
    reason = f"（{detail}）" if detail else ""
    return Refused(
        sheet,
        "",
        f"工作簿已损坏：{part_label(member, sheet)}的压缩数据与记录的大小或校验值不符{reason}，"
        "请用 Excel 或 WPS 重新保存，或重新导出填报表",
    )


def dtd_refused(member: str, sheet: str) -> Refused:
    """The refusal of a DTD, an entity declaration or an external entity."""
    return Refused(
        sheet,
        "",
        f"{part_label(member, sheet)}含有文档类型定义（DTD）或实体声明：Excel 和 WPS 不会写入"
        "这些内容，它们可被用来耗尽内存（实体扩展）或读取本机文件（外部实体），已拒绝",
    )


def check_part_size(info: zipfile.ZipInfo, sheet: str = "") -> None:
    """One member within :data:`~limits.MAX_PART_BYTES`, checked before it is decompressed.

    Raises:
        Refused: the member is too large (naming the sheet, when it is one).
    """
    if info.file_size > limits.MAX_PART_BYTES:
        raise Refused(
            sheet,
            "",
            f"{part_label(info.filename, sheet)}解压后有{limits.megabytes(info.file_size)}，"
            f"超过单个部件的上限{limits.megabytes(limits.MAX_PART_BYTES)}："
            "不是软件导出的填报表，已拒绝（未解压）",
        )


class PartHandler:
    """Receives one part's elements (``{namespace}name``) and text; counts the nesting."""

    member = ""
    sheet = ""

    def __init__(self) -> None:
        self.depth = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        """An element opens (the nesting is checked, then :meth:`opened` is called)."""
        self.depth += 1
        if self.depth > limits.MAX_DEPTH:
            self.refuse("", f"XML 元素嵌套超过{limits.MAX_DEPTH}层，不是 Excel 写出的内容")
        self.opened(name, attributes)

    def end(self, name: str) -> None:
        """An element closes."""
        self.depth -= 1
        self.closed(name)

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        """Override: an element opened."""

    def closed(self, name: str) -> None:
        """Override: an element closed."""

    def data(self, text: str) -> None:
        """Override: a piece of text (long text comes in several pieces)."""

    def refuse(self, cell: str, message: str) -> NoReturn:
        """Stop reading: the workbook is refused with this problem."""
        raise Refused(self.sheet, cell, message)


def parse_part(archive: zipfile.ZipFile, member: str, handler: PartHandler) -> None:
    """Stream ``member`` through ``handler``; any problem of the part raises :class:`Refused`.

    The member's declared size was checked before (zipfile stops at it and checks the CRC).
    """
    handler.member = member
    sheet = handler.sheet
    check_part_size(archive.getinfo(member), sheet)
    parser = expat.ParserCreate("utf-8", "}", intern=None)
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def forbidden(*_args: object) -> NoReturn:
        raise dtd_refused(member, sheet)

    parser.StartDoctypeDeclHandler = forbidden
    parser.EntityDeclHandler = forbidden
    parser.UnparsedEntityDeclHandler = forbidden
    parser.ExternalEntityRefHandler = forbidden
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.data
    try:
        with archive.open(member) as stream:
            _feed(parser, stream, member, sheet)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        raise damaged(member, sheet, str(error)[:80]) from error
    except expat.ExpatError as error:
        raise Refused(
            sheet,
            "",
            f"{part_label(member, sheet)}不是格式正确的 XML（第{error.lineno}行第{error.offset}列："
            f"{expat.ErrorString(error.code)}），文件可能已损坏，请用 Excel 或 WPS 重新保存",
        ) from error


def _feed(parser: expat.XMLParserType, stream: object, member: str, sheet: str) -> None:
    """Check each chunk's bytes, then hand it to expat."""
    read = stream.read  # type: ignore[attr-defined]
    gap = 0
    offset = 0
    carry = b""
    while chunk := read(CHUNK):
        data = carry + chunk
        bang = data.find(b"<!")
        if bang >= 0:
            if data[bang + 2 : bang + 4] == b"--" or data[bang + 2 : bang + 3] == b"[":
                raise Refused(
                    sheet,
                    "",
                    f"{part_label(member, sheet)}含有 XML 注释或 CDATA 段：Excel 和 WPS 不会写入"
                    "这些内容，已拒绝；请用 Excel 或 WPS 重新保存",
                )
            raise dtd_refused(member, sheet)
        question = data.find(b"<?")
        while question >= 0:
            if offset - len(carry) + question > _BOM:  # the XML declaration, after a BOM at most
                raise Refused(
                    sheet,
                    "",
                    f"{part_label(member, sheet)}含有 XML 处理指令：Excel 和 WPS 不会写入，已拒绝",
                )
            question = data.find(b"<?", question + 1)
        first = chunk.find(b"<")
        if first < 0:
            gap += len(chunk)
        else:
            gap += first
            if gap <= limits.MAX_TOKEN_BYTES:
                gap = len(chunk) - chunk.rfind(b"<") - 1
        if gap > limits.MAX_TOKEN_BYTES:
            raise Refused(
                sheet,
                "",
                f"{part_label(member, sheet)}有超过{limits.megabytes(limits.MAX_TOKEN_BYTES)}"
                "的连续内容没有任何 XML 标记（例如大量空白），不是 Excel 写出的内容，已拒绝",
            )
        parser.Parse(chunk, False)
        carry = chunk[-1:]
        offset += len(chunk)
    parser.Parse(b"", True)
