"""The workbook's zip container, checked before a byte of it is decompressed.

The file size, the central directory's size and member count (read from the end record before
zipfile lists the members), each member's and all members' declared uncompressed sizes, the
compression methods and encryption are checked here. zipfile then stops every member at its
declared size and checks its CRC, so a member that lies about its size is refused as damaged
(:func:`~unionperf.forms.fillin.xml_stream.damaged`) without being decompressed further.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from io import BytesIO

from unionperf.forms.fillin import limits
from unionperf.forms.fillin.limits import megabytes
from unionperf.forms.fillin.xml_stream import Refused, check_part_size

_END = b"PK\x05\x06"
_END_SIZE = 22
_NOT_OURS = "不是软件导出的填报表，已拒绝"


def open_archive(blob: bytes) -> zipfile.ZipFile:
    """The workbook's zip, once its size, directory and members are within the limits.

    Raises:
        Refused: not a zip, or over a limit.
    """
    if len(blob) > limits.MAX_FILE_BYTES:
        raise Refused(
            "",
            "",
            f"文件有{megabytes(len(blob))}，超过填报表的上限{megabytes(limits.MAX_FILE_BYTES)}："
            + _NOT_OURS,
        )
    _check_directory(blob)
    try:
        archive = zipfile.ZipFile(BytesIO(blob))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise not_a_workbook() from error
    members = archive.infolist()
    _check_count(len(members))
    for info in members:
        if info.flag_bits & 0x1:
            raise Refused("", "", f"部件“{info.filename}”已加密：请先在 Excel 或 WPS 中取消密码")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused(
                "", "", f"部件“{info.filename}”使用了 Excel 不使用的压缩方式：" + _NOT_OURS
            )
    return archive


def not_a_workbook() -> Refused:
    """The refusal of a file that is no .xlsx at all."""
    return Refused(
        "",
        "",
        "文件不是有效的 Excel 工作簿（.xlsx）：无法作为 zip 压缩包打开"
        "（受密码保护的工作簿请先在 Excel 或 WPS 中取消密码）",
    )


def check_part_sizes(archive: zipfile.ZipFile, sheets: Mapping[str, str]) -> None:
    """Each member within the part limit, all of them within the total limit.

    ``sheets`` maps the sheets' parts to their names, for the message (see :mod:`limits`).

    Raises:
        Refused: naming the sheet (or the part) that is too large.
    """
    total = 0
    for info in archive.infolist():
        check_part_size(info, sheets.get(info.filename, ""))
        total += info.file_size
    if total > limits.MAX_TOTAL_BYTES:
        raise Refused(
            "",
            "",
            f"工作簿解压后共有{megabytes(total)}，超过上限{megabytes(limits.MAX_TOTAL_BYTES)}"
            f"（最大的单位约需 40 MB）：{_NOT_OURS}（未解压）",
        )


def _check_directory(blob: bytes) -> None:
    """The end record's member count and directory size, before zipfile reads the directory."""
    tail = blob[-(_END_SIZE + 0xFFFF) :]
    end = tail.rfind(_END)
    if end < 0 or len(tail) - end < _END_SIZE:
        raise not_a_workbook()
    record = tail[end : end + _END_SIZE]
    count = int.from_bytes(record[10:12], "little")
    size = int.from_bytes(record[12:16], "little")
    _check_count(count)
    if size > limits.MAX_DIRECTORY_BYTES:
        raise Refused(
            "",
            "",
            f"工作簿的压缩目录有{megabytes(size)}，超过上限"
            f"{megabytes(limits.MAX_DIRECTORY_BYTES)}：{_NOT_OURS}",
        )


def _check_count(count: int) -> None:
    if count > limits.MAX_MEMBERS:
        raise Refused(
            "",
            "",
            f"工作簿包含{count}个部件，超过上限{limits.MAX_MEMBERS}个"
            f"（软件导出的填报表有15个）：{_NOT_OURS}",
        )
