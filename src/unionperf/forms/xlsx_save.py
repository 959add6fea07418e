"""Saving the forms workbook: each sheet serialised as soon as it is complete, fixed dates.

The same forms always give the same bytes: the document properties and every zip entry are
dated :data:`FIXED_TIME`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.functions import Element, SubElement

__all__ = ["FIXED_TIME", "Written", "save", "serialise"]

FIXED_TIME = datetime(2000, 1, 1)  # noqa: DTZ001 - a fixed stamp: same forms, same bytes


@dataclass(frozen=True)
class Written:
    """A worksheet's XML part and its relationships, as openpyxl's ``WorksheetWriter`` made them."""

    xml: bytes
    rels: Any


def serialise(ws: Any) -> Written:
    """Serialise a complete worksheet now, with openpyxl's own writer, then drop its cells.

    openpyxl serialises every sheet only when the workbook is saved, so all the cells of all
    the sheets (60,000 for the large demo's forms) live until then, and the cyclic garbage
    collector scans them again and again as more are made: about a fifth of the time. The
    XML is the same whenever it is made (the cell style indexes are handed out in the same
    order, sheet by sheet), so the sheet is written as soon as its layout is done; its cells,
    merged ranges and row and column sizes, which nothing reads afterwards, are released.
    """
    sink = _Sink()
    writer = _SheetWriter(ws, sink)
    writer.write()
    ws._cells = {}
    ws.row_dimensions.clear()
    ws.column_dimensions.clear()
    ws.merged_cells.ranges.clear()
    return Written(b"".join(sink.parts), writer._rels)


def save(workbook: Any, written: dict[str, Written]) -> bytes:
    """The xlsx bytes, with fixed dates in the properties and in every zip entry.

    ``written`` holds the sheets already serialised (:func:`serialise`), by title; any other
    sheet is serialised by openpyxl now.
    """
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps the current time as 'modified'.
    _Writer(workbook, _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED), written).save()
    return buffer.getvalue()


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries are all dated :data:`FIXED_TIME`: same forms, same bytes.

    ``ZipFile.writestr`` stamps the clock and ``ZipFile.write`` the time of openpyxl's temporary
    worksheet files.
    """

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        """Add ``data`` under a name or ZipInfo, dated :data:`FIXED_TIME`."""
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        entry = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16
        super().writestr(entry, data)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        """Add a file's content (openpyxl's temporary worksheet files), dated as above."""
        with open(filename, "rb") as handle:
            self.writestr(arcname or filename, handle.read())


class _Sink:
    """Where a worksheet's XML is written: a write-only list of byte chunks.

    The XML writer wraps its output in a ``TextIOWrapper``. Over a ``BytesIO``, which can also
    be read, the wrapper keeps a decoder and resets it on each of the half a million writes of
    the large demo's forms; over a temporary file (openpyxl's default) each sheet costs a file.
    """

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        """Keep a chunk of encoded XML."""
        self.parts.append(bytes(data))
        return len(data)


class _SheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's worksheet writer, with a direct ``<mergeCells>`` element.

    openpyxl formats each merged range as text, parses that text back into a new range object
    and then serialises it (about 100 ms for the large demo's 9,500 merged ranges). The element
    written here is the same, byte for byte: ``<mergeCells count="N">`` with one
    ``<mergeCell ref="A1:C1"/>`` per range, in the same order.
    """

    def write_merged_cells(self) -> None:
        """The sheet's merged ranges."""
        ranges = self.ws.merged_cells.ranges
        if ranges:
            merged = Element("mergeCells", count=str(len(ranges)))
            for item in ranges:
                SubElement(merged, "mergeCell", ref=item.coord)
            self.xf.send(merged)


class _Writer(ExcelWriter):  # type: ignore[misc]
    """openpyxl's workbook writer, storing the worksheets serialised by :func:`serialise`.

    ``write_worksheet`` does what openpyxl's does (an empty drawing, the relationships, the
    part in the archive and the manifest entry) with the XML already made. openpyxl is pinned
    (pyproject.toml); the tests read every workbook back with openpyxl.
    """

    def __init__(self, workbook: Any, archive: Any, written: dict[str, Written]) -> None:
        super().__init__(workbook, archive)
        self.written = written

    def write_worksheet(self, ws: Any) -> None:
        """Store one worksheet part."""
        done = self.written.get(ws.title)
        if done is None:  # the placeholder sheet of an empty workbook
            super().write_worksheet(ws)
            return
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        ws._rels = done.rels
        self._archive.writestr(ws.path[1:], done.xml)
        self.manifest.append(ws)
