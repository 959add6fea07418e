"""The canonical zip layout of a package, made and read with ``struct`` instead of ``zipfile``.

:func:`unionperf.exchange.bag.write_zip` makes the layout with ``zipfile`` (members stored, a
fixed time and attributes), and verification rebuilds it from the members and compares bytes.
:func:`canonical` makes the very same bytes directly (``tests/exchange/test_zip_layout.py``
compares them with ``zipfile``'s on many member sets) and answers ``None`` wherever ``zipfile``
would write anything else (zip64 records, a directory, a name ``zipfile`` rewrites): the caller
then uses ``zipfile``. :func:`members` slices the members out of a zip laid out that way; the
caller keeps them only when :func:`canonical` of them gives the zip back byte for byte.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Sequence

__all__ = ["ATTRIBUTES", "UTF8_NAME", "canonical", "members"]

ATTRIBUTES = (stat.S_IFREG | 0o644) << 16
"""The external attributes of every member (a regular file, rw-r--r--, Unix)."""
UTF8_NAME = 0x800
"""The flag ``zipfile`` sets on a member whose name is not ASCII (written in UTF-8)."""

# The records of the zip format (APPNOTE 4.3.7, 4.3.12, 4.3.16), as zipfile packs them.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LOCAL_MAGIC = b"PK\x03\x04"
_CENTRAL_MAGIC = b"PK\x01\x02"
_END_MAGIC = b"PK\x05\x06"
_VERSION = zipfile.DEFAULT_VERSION
_UNIX = 3
_LIMIT = zipfile.ZIP64_LIMIT
_MOST_MEMBERS = zipfile.ZIP_FILECOUNT_LIMIT


def canonical(
    entries: Sequence[tuple[str, bytes]], date_time: tuple[int, int, int, int, int, int]
) -> bytes | None:
    """The bytes ``bag.write_zip`` makes of ``entries`` (in this order), or ``None``.

    ``None``: ``zipfile`` would write something this does not make (a zip64 record for a large
    member, offset or count; a directory entry; a name it shortens at a NUL or whose path
    separator it changes), or there is nothing to write.
    """
    if not entries or len(entries) >= _MOST_MEMBERS:
        return None
    day = (date_time[0] - 1980) << 9 | date_time[1] << 5 | date_time[2]
    clock = date_time[3] << 11 | date_time[4] << 5 | (date_time[5] // 2)
    parts: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, data in entries:
        if not name or name[-1] == "/" or "\0" in name or (os.sep != "/" and os.sep in name):
            return None
        size = len(data)
        if size * 1.05 > _LIMIT or offset > _LIMIT:
            return None
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), UTF8_NAME
        crc = zlib.crc32(data)
        parts += (
            _LOCAL.pack(
                _LOCAL_MAGIC, _VERSION, 0, flags, 0, clock, day, crc, size, size, len(encoded), 0
            ),
            encoded,
            data,
        )
        directory += (
            _CENTRAL.pack(
                _CENTRAL_MAGIC,
                _VERSION,
                _UNIX,
                _VERSION,
                0,
                flags,
                0,
                clock,
                day,
                crc,
                size,
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                ATTRIBUTES,
                offset,
            ),
            encoded,
        )
        offset += _LOCAL.size + len(encoded) + size
    listing = b"".join(directory)
    if offset > _LIMIT or len(listing) > _LIMIT:
        return None
    count = len(entries)
    end = _END.pack(_END_MAGIC, 0, 0, count, count, len(listing), offset, 0)
    return b"".join(parts) + listing + end


def members(blob: bytes) -> list[tuple[str, bytes, int]] | None:
    """The (name, content, flags) of the stored members a zip starts with, in order, or ``None``.

    Only the local headers are read, and only as :func:`canonical` writes them (stored, no extra
    field, sizes in the header); the names are decoded as ``zipfile`` decodes them. What follows
    the last of them is not looked at: the caller compares :func:`canonical` of the members with
    the whole zip.
    """
    found: list[tuple[str, bytes, int]] = []
    offset = 0
    header = _LOCAL.size
    while blob.startswith(_LOCAL_MAGIC, offset):
        if offset + header > len(blob):
            return None
        fields = _LOCAL.unpack_from(blob, offset)
        flags, method, packed, size, name_length, extra_length = (
            fields[3],
            fields[4],
            fields[8],
            fields[9],
            fields[10],
            fields[11],
        )
        if method != zipfile.ZIP_STORED or extra_length or packed != size:
            return None
        start = offset + header + name_length
        raw = blob[offset + header : start]
        try:
            name = raw.decode("utf-8") if flags & UTF8_NAME else raw.decode("cp437")
        except UnicodeDecodeError:
            return None
        found.append((name, blob[start : start + size], flags))
        offset = start + size
    return found
