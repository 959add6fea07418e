"""Crafting hostile fill-in workbooks at the XML and zip level (no tests here).

openpyxl cannot write a formula with a cached value, values under merged cells, a DOCTYPE or a
zip member of a gigabyte; these helpers rewrite the parts of a saved workbook directly. Large
members are written through zipfile's streaming writer, so nothing large touches the disk.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from openpyxl.utils import column_index_from_string

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class Stream:
    """A member written from chunks as they come (nothing large sits in memory or on disk).

    With ``repeat``, the chunk source's middle chunk is the same block ``repeat`` times: it is
    compressed once and its deflate output repeated, so a gigabyte costs a second to build.
    """

    head: bytes
    block: bytes = b""
    repeat: int = 0
    tail: bytes = b""


Change = bytes | Callable[[bytes], bytes] | Stream | None


def rewrite(blob: bytes, changes: Mapping[str, Change]) -> bytes:
    """The workbook with members replaced: new bytes, a function of the old bytes, or a stream.

    ``None`` removes a member; a name not in the workbook is added.
    """
    source = zipfile.ZipFile(BytesIO(blob))
    names = [info.filename for info in source.infolist()]
    members: list[tuple[str, Stream]] = []
    for name in [*names, *(name for name in changes if name not in names)]:
        change = changes[name] if name in changes else source.read(name)
        if change is None:
            continue
        if isinstance(change, bytes):
            members.append((name, Stream(change)))
        elif isinstance(change, Stream):
            members.append((name, change))
        else:
            members.append((name, Stream(change(source.read(name)))))
    return _zip(members)


def _zip(members: list[tuple[str, Stream]]) -> bytes:
    """A zip of deflated members, written by hand so that a stream's block is deflated once."""
    out = BytesIO()
    central = BytesIO()
    for name, stream in members:
        packer = zlib.compressobj(9 if stream.repeat else 1, zlib.DEFLATED, -15)
        head = packer.compress(stream.head) + packer.flush(zlib.Z_FULL_FLUSH)
        block = (
            packer.compress(stream.block) + packer.flush(zlib.Z_FULL_FLUSH)
            if stream.repeat
            else b""
        )
        tail = packer.compress(stream.tail) + packer.flush()
        crc = zlib.crc32(stream.head)
        for _ in range(stream.repeat):
            crc = zlib.crc32(stream.block, crc)
        crc = zlib.crc32(stream.tail, crc)
        size = len(stream.head) + len(stream.block) * stream.repeat + len(stream.tail)
        packed = len(head) + len(block) * stream.repeat + len(tail)
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0x800, 8, 0, 0x21, crc, packed, size)
        offset = out.tell()
        out.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded)
        out.write(head)
        for _ in range(stream.repeat):
            out.write(block)
        out.write(tail)
        central.write(b"PK\x01\x02" + struct.pack("<H", 20) + fields)
        central.write(struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    count = len(members)
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


def sheet_path(blob: bytes, name: str) -> str:
    """The zip member holding the sheet called ``name``."""
    archive = zipfile.ZipFile(BytesIO(blob))
    workbook = archive.read("xl/workbook.xml").decode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    match = re.search(rf'<sheet name="{re.escape(name)}"[^>]*r:id="(\w+)"', workbook)
    assert match, name
    target = re.search(rf'Target="([^"]+)" Id="{match.group(1)}"', rels)
    assert target, match.group(1)
    path = target.group(1)
    return path.lstrip("/") if path.startswith("/") else f"xl/{path}"


def read_member(blob: bytes, name: str) -> bytes:
    """One member's bytes."""
    return zipfile.ZipFile(BytesIO(blob)).read(name)


def with_cell(blob: bytes, sheet: str, ref: str, cell_xml: str) -> bytes:
    """The workbook with the cell ``ref`` of ``sheet`` replaced by ``cell_xml`` (an ``<c>``).

    A cell the sheet does not hold yet is put into its row in column order.
    """
    path = sheet_path(blob, sheet)

    def change(old: bytes) -> bytes:
        text = old.decode()
        pattern = re.compile(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)
        if pattern.search(text):
            return pattern.sub(lambda _match: cell_xml, text, count=1).encode()
        row = re.sub(r"\D", "", ref)
        found = re.search(rf'<row r="{row}"[^>]*>(.*?)</row>', text, re.S)
        assert found, f"{sheet}: no row {row}"
        column = column_index_from_string(re.sub(r"\d", "", ref))
        position = found.end(1)
        for cell in re.finditer(r'<c r="([A-Z]+)\d+"', found.group(1)):
            if column_index_from_string(cell.group(1)) > column:
                position = found.start(1) + cell.start()
                break
        return (text[:position] + cell_xml + text[position:]).encode()

    return rewrite(blob, {path: change})


def number_cell(ref: str, value: str) -> str:
    """A numeric cell with ``value`` written as is into ``<v>``."""
    return f'<c r="{ref}" t="n"><v>{value}</v></c>'


def formula_cell(ref: str, formula: str, cached: str | None, kind: str = "n") -> str:
    """A formula cell, with a cached value or without one (as openpyxl and scripts write it)."""
    value = "" if cached is None else f"<v>{escape(cached)}</v>"
    return f'<c r="{ref}" t="{kind}"><f>{escape(formula)}</f>{value}</c>'


def text_cell(ref: str, text: str) -> str:
    """An inline string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def with_merge(blob: bytes, sheet: str, ranges: Iterable[str]) -> bytes:
    """The sheet with ``<mergeCells>`` over ``ranges`` (values under them are kept)."""
    items = "".join(f'<mergeCell ref="{item}"/>' for item in ranges)
    merged = f'<mergeCells count="{items.count("<mergeCell ")}">{items}</mergeCells>'

    def change(old: bytes) -> bytes:
        return old.replace(b"</sheetData>", b"</sheetData>" + merged.encode(), 1)

    return rewrite(blob, {sheet_path(blob, sheet): change})


def with_doctype(blob: bytes, member: str, doctype: str, text_entity: str | None = None) -> bytes:
    """A member with a DOCTYPE before its root; ``text_entity`` (``&lol9;``) put into a cell."""

    def change(old: bytes) -> bytes:
        text = old.decode()
        if text.startswith("<?xml"):
            end = text.index("?>") + 2
            text = text[:end] + doctype + text[end:]
        else:
            text = doctype + text
        if text_entity:
            text = re.sub(r"<t>[^<]*</t>", f"<t>{text_entity}</t>", text, count=1)
        return text.encode()

    return rewrite(blob, {member: change})


BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{level} "{("&lol" + str(level - 1) + ";") * 10}">'.replace("&lol0;", "&lol;")
        for level in range(1, 10)
    )
    + "]>"
)
"""The classic entity expansion: ``&lol9;`` is 10⁹ ``lol``s."""

EXTERNAL_ENTITY = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
"""An external entity: a reader that resolves it reads a local file into the workbook."""


def whitespace_sheet(size: int) -> Stream:
    """A sheet whose only row holds ``size`` bytes of spaces (deflates about 1000:1)."""
    block = 1 << 20
    return Stream(
        f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'.encode(),
        b" " * block,
        size // block,
        b"</row></sheetData></worksheet>",
    )


def rows_sheet(rows: int, dimension: str | None = None) -> Stream:
    """A sheet of ``rows`` rows, each one cell of bad text, with an optional (false) dimension."""
    head = f'<worksheet xmlns="{MAIN_NS}">'
    if dimension:
        head += f'<dimension ref="{dimension}"/>'
    cells = "".join(
        f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>坏</t></is></c></row>'
        for number in range(1, rows + 1)
    )
    return Stream(f"{head}<sheetData>{cells}</sheetData></worksheet>".encode())


def lying_size(blob: bytes, member: str, declared: int) -> bytes:
    """The workbook with ``member``'s declared uncompressed size patched to ``declared``."""
    data = bytearray(blob)
    archive = zipfile.ZipFile(BytesIO(blob))
    info = archive.getinfo(member)
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        name = bytes(data[central + 46 : central + 46 + length]).decode()
        if name == member:
            data[central + 24 : central + 28] = declared.to_bytes(4, "little")
            break
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def to_shared_strings(blob: bytes) -> bytes:
    """The workbook as Excel saves it: inline strings moved to a shared string table."""
    archive = zipfile.ZipFile(BytesIO(blob))
    table: dict[str, int] = {}
    inline = re.compile(
        r'<c r="([A-Z]+\d+)"([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', re.S
    )

    def share(match: re.Match[str]) -> str:
        index = table.setdefault(match.group(3), len(table))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{index}</v></c>'

    changes: dict[str, Change] = {}
    for info in archive.infolist():
        if info.filename.startswith("xl/worksheets/"):
            changes[info.filename] = inline.sub(
                share, archive.read(info.filename).decode()
            ).encode()
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in table)
    changes["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" '
        f'count="{len(table)}" uniqueCount="{len(table)}">{items}</sst>'
    ).encode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    relation = (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdStrings"/>'
    )
    changes["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", relation + "</Relationships>"
    ).encode()
    types = archive.read("[Content_Types].xml").decode()
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    changes["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    return rewrite(blob, changes)
