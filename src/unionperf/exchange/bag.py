"""BagIt bags (RFC 8493) inside a zip: writing them in memory and reading them safely.

A package is a zip whose root is a bag: ``bagit.txt``, ``bag-info.txt``, ``manifest-sha256.txt``,
``tagmanifest-sha256.txt``, the signature ``tagmanifest-sha256.txt.minisig`` and the payload under
``data/``. Unzipped, ``bagit.py --validate`` accepts it.
"""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from unionperf.exchange import member_names, zip_layout
from unionperf.exchange.errors import one_line, shown

BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = "tagmanifest-sha256.txt.minisig"
TAG_FILES = ("bagit.txt", "bag-info.txt", MANIFEST)
ROOT_FILES = frozenset({*TAG_FILES, TAGMANIFEST, SIGNATURE})

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 1 << 30  # 1 GiB uncompressed
MAX_RATIO = 200  # uncompressed ÷ compressed, per member and overall
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_LOCAL_HEADER = b"PK\x03\x04"
_END_RECORD = b"PK\x05\x06"
_FIRST_PRINTABLE = 32
_SHA256_HEX = 64


class BagError(ValueError):
    """A zip or bag that is unsafe, incomplete or inconsistent (message in Chinese, one line)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(one_line(message))
        self.code = code


@dataclass(frozen=True, slots=True)
class Bag:
    """The checked content of a bag, all in memory: tag files and payload by path."""

    files: Mapping[str, bytes]

    @property
    def payload(self) -> dict[str, bytes]:
        """Payload files by their path under ``data/``."""
        return {name: data for name, data in self.files.items() if name.startswith("data/")}


def sha256(data: bytes) -> str:
    """Hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def manifest_text(files: Mapping[str, bytes]) -> str:
    """A BagIt manifest: ``<sha256>  <path>`` per file, sorted by path."""
    return "".join(
        f"{sha256(data)}  {_encode_path(name)}\n" for name, data in sorted(files.items())
    )


def bag_info_text(fields: Mapping[str, str], payload: Mapping[str, bytes]) -> str:
    """``bag-info.txt`` with the given fields plus ``Payload-Oxum``."""
    oxum = f"{sum(len(data) for data in payload.values())}.{len(payload)}"
    lines = [f"{label}: {_one_line(value)}" for label, value in fields.items()]
    lines.append(f"Payload-Oxum: {oxum}")
    return "\n".join(lines) + "\n"


def tag_files(info: Mapping[str, str], payload: Mapping[str, bytes]) -> dict[str, bytes]:
    """The tag files of a bag and its tag manifest (everything but the signature)."""
    tags = {
        "bagit.txt": BAGIT_TXT.encode(),
        "bag-info.txt": bag_info_text(info, payload).encode("utf-8"),
        MANIFEST: manifest_text(payload).encode("utf-8"),
    }
    tags[TAGMANIFEST] = manifest_text(tags).encode("utf-8")
    return tags


def write_zip(files: Mapping[str, bytes]) -> bytes:
    """The canonical zip of ``files``: stored, fixed times and attributes, tags first.

    Members are stored (not compressed), with a fixed timestamp and attributes; the tag files
    come first, then the payload in path order. The layout is part of the format: a verifier
    rebuilds it from the members it read and compares bytes, so that no byte of a package can
    change unnoticed — not even one a zip reader ignores (a header field, the padding bits of a
    compressed stream).
    """
    buffer = io.BytesIO()
    order = _order(files)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3  # Unix, whatever the writing platform: part of the layout
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def _order(files: Mapping[str, bytes]) -> list[str]:
    """The members in the canonical order: the tag files first, then the payload by path."""
    order = [name for name in (*TAG_FILES, TAGMANIFEST, SIGNATURE) if name in files]
    order += sorted(name for name in files if name not in ROOT_FILES)
    return order


def _canonical(files: Mapping[str, bytes]) -> bytes:
    """:func:`write_zip` of ``files``, made directly when it can be (``zip_layout``)."""
    made = zip_layout.canonical([(name, files[name]) for name in _order(files)], _FIXED_TIME)
    return write_zip(files) if made is None else made


def check_canonical(blob: bytes, files: Mapping[str, bytes]) -> None:
    """Refuse a zip whose bytes differ from the canonical layout of its own members.

    Raises:
        BagError: ``layout`` — a changed header, directory, comment, order or compression.
    """
    if _canonical(files) != blob:
        raise BagError("layout", "zip 文件结构与规范格式不符（文件头、目录或顺序被改动）")


def read_zip(blob: bytes) -> dict[str, bytes]:
    """Every member of a package zip, after the safety checks; nothing touches the disk.

    Raises:
        BagError: not a zip, too many members, unsafe names, links or special files, duplicate
            names, encrypted members, or sizes and ratios beyond the limits.
    """
    canonical = _read_canonical(blob)
    if canonical is not None:
        return canonical
    with _checked_archive(blob) as archive:
        return {
            info.filename: _read_member(archive, info)
            for info in archive.infolist()
            if not info.is_dir()
        }


def _read_canonical(blob: bytes) -> dict[str, bytes] | None:
    """The members of a zip laid out exactly as :func:`write_zip` lays them out, else ``None``.

    Such a zip is the one ``zipfile`` wrote of these very members, so ``zipfile`` would read the
    same names, contents and attributes back: the same checks are made on them (the same
    refusals, in the same order), without ``zipfile``'s per-member reading. Any other zip is
    read by ``zipfile``.
    """
    found = zip_layout.members(blob)
    if not found:
        return None
    files = {name: data for name, data, _flags in found}
    if len(files) != len(found):
        return None
    made = zip_layout.canonical([(name, files[name]) for name in _order(files)], _FIXED_TIME)
    if made != blob:  # not only what zipfile would write of them, but made here (no folder)
        return None
    _check_members([_stored(name, len(data), flags) for name, data, flags in found], len(blob))
    return files


def _stored(name: str, size: int, flags: int) -> zipfile.ZipInfo:
    """The directory entry ``zipfile`` reads of a member :func:`write_zip` wrote."""
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = zip_layout.ATTRIBUTES
    info.flag_bits = flags
    info.file_size = info.compress_size = size
    return info


def read_member(blob: bytes, name: str) -> bytes:
    """One member of a package zip, after the same safety checks (the others are not read).

    A package damaged elsewhere still gives its signature file, so its refusal can say whose
    package it claims to be.

    Raises:
        BagError: as :func:`read_zip`, or ``missing-file`` when there is no such member.
    """
    with _checked_archive(blob) as archive:
        info = next((item for item in archive.infolist() if item.filename == name), None)
        if info is None or info.is_dir():
            raise BagError("missing-file", f"包内缺少文件：{shown(name)}")
        return _read_member(archive, info)


def _checked_archive(blob: bytes) -> zipfile.ZipFile:
    """The package zip opened, its directory checked (the caller closes it)."""
    # A package starts with a member and ends with the end-of-directory record (no comment).
    # Without this, a truncated package could be read as the workbook stored inside it.
    if blob[:4] != _LOCAL_HEADER or blob[-22:-18] != _END_RECORD:
        raise BagError("not-a-zip", "不是完整的数据包 zip 文件（文件头或文件尾不对，可能不完整）")
    try:
        archive = zipfile.ZipFile(io.BytesIO(blob))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError) as error:
        raise BagError("not-a-zip", f"不是有效的 zip 文件（{error}）") from error
    try:
        infos = archive.infolist()
        if infos and min(info.header_offset for info in infos) != 0:
            raise BagError("not-a-zip", "zip 文件开头有多余的数据（不是完整的数据包）")
        _check_members(infos, len(blob))
    except BagError:
        archive.close()
        raise
    return archive


def _check_members(infos: list[zipfile.ZipInfo], archive_size: int) -> None:
    if len(infos) > MAX_MEMBERS:
        raise BagError("too-many-members", f"包内文件过多（{len(infos)}个，上限{MAX_MEMBERS}个）")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name)
        key = member_names.collision_key(name)
        if key in seen:
            raise BagError(
                "duplicate-member", f"包内文件名重复（不计大小写和 Unicode 写法）：{shown(name)}"
            )
        seen.add(key)
    for info in infos:
        problem = member_names.problem(info.filename)
        if problem:
            raise BagError("member-name", f"包内文件名{problem}：{shown(info.filename)}")
    for info in infos:
        name = info.filename
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise BagError("special-member", f"包内含有链接或特殊文件：{shown(name)}")
        if info.flag_bits & 0x1:
            raise BagError("encrypted-member", f"包内文件被加密：{shown(name)}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BagError("compression", f"包内文件使用了不支持的压缩方式：{shown(name)}")
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1 << 20:
            raise BagError("zip-bomb", f"包内文件压缩比异常（疑似压缩炸弹）：{shown(name)}")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise BagError("too-large", f"包解压后过大（{total}字节，上限{MAX_TOTAL_BYTES}字节）")
    if total > MAX_RATIO * max(archive_size, 1) and total > 1 << 20:
        raise BagError("zip-bomb", "包的总压缩比异常（疑似压缩炸弹）")


def _check_name(name: str) -> None:
    parts = name.rstrip("/").split("/")
    unsafe = (
        not name
        or name.startswith(("/", "\\"))
        or "\\" in name
        or (len(name) > 1 and name[1] == ":")
        or any(part in ("", ".", "..") for part in parts)
        or any(ord(char) < _FIRST_PRINTABLE for char in name)
    )
    if unsafe:
        raise BagError("unsafe-path", f"包内文件路径不安全：{shown(name)}")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one member, never more than it declares (a lying header cannot inflate it)."""
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError) as error:
        why = "校验码不符" if "CRC" in str(error) else "无法解压"  # zipfile speaks English
        raise BagError(
            "corrupt-member", f"包内文件已损坏：{shown(info.filename)}（{why}）"
        ) from error
    if len(data) != info.file_size:
        raise BagError("corrupt-member", f"包内文件长度与目录不符：{shown(info.filename)}")
    return data


def check_bag(files: Mapping[str, bytes]) -> Bag:
    """Check a bag's completeness and every hash (RFC 8493 §3).

    Raises:
        BagError: a missing tag file, a payload file missing from or extra to the manifest,
            a hash mismatch, a wrong Payload-Oxum, or a file outside the bag's layout.
    """
    for name in (*TAG_FILES, TAGMANIFEST, SIGNATURE):
        if name not in files:
            raise BagError("missing-file", f"包内缺少文件：{shown(name)}")
    version = files["bagit.txt"].decode("utf-8", "replace")
    if "BagIt-Version: 1.0" not in version and "BagIt-Version: 0.97" not in version:
        raise BagError("bagit-version", "bagit.txt 不是 BagIt 1.0 声明")
    for name in files:
        if name not in ROOT_FILES and not name.startswith("data/"):
            raise BagError("extra-file", f"包内有多余的文件：{shown(name)}")
    _check_manifest(files, TAGMANIFEST, {name: files[name] for name in TAG_FILES})
    payload = {name: data for name, data in files.items() if name.startswith("data/")}
    _check_manifest(files, MANIFEST, payload)
    _check_oxum(files["bag-info.txt"], payload)
    return Bag(dict(files))


def _check_manifest(
    files: Mapping[str, bytes], manifest: str, expected: Mapping[str, bytes]
) -> None:
    listed = parse_manifest(files[manifest], manifest)
    for name in expected:
        if name not in listed:
            raise BagError("unlisted-file", f"{manifest} 未列出文件：{shown(name)}")
    for name, digest in listed.items():
        if name not in expected:
            raise BagError("missing-file", f"{manifest} 列出的文件不存在：{shown(name)}")
        if sha256(expected[name]) != digest:
            raise BagError(
                "hash-mismatch", f"文件内容与 {manifest} 中的 SHA-256 不符：{shown(name)}"
            )


def parse_manifest(data: bytes, label: str) -> dict[str, str]:
    """``{path: sha256}`` from a manifest file."""
    listed: dict[str, str] = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BagError("manifest-format", f"{label} 不是 UTF-8 文本") from error
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, path = line.partition(" ")
        path = _decode_path(path.lstrip(" *"))
        if (
            len(digest) != _SHA256_HEX
            or not path
            or any(c not in "0123456789abcdef" for c in digest.lower())
        ):
            raise BagError("manifest-format", f"{label} 第{number}行格式不正确")
        if path in listed:
            raise BagError("manifest-format", f"{label} 重复列出文件：{shown(path)}")
        listed[path] = digest.lower()
    return listed


def _check_oxum(info: bytes, payload: Mapping[str, bytes]) -> None:
    expected = f"{sum(len(data) for data in payload.values())}.{len(payload)}"
    for line in info.decode("utf-8", "replace").splitlines():
        label, _, value = line.partition(":")
        if label.strip() == "Payload-Oxum" and value.strip() != expected:
            raise BagError(
                "oxum",
                f"bag-info.txt 中的 Payload-Oxum（{shown(value.strip())}）与实际（{expected}）不符",
            )


def _encode_path(path: str) -> str:
    """RFC 8493 §2.1.3: percent-encode CR, LF and % in manifest paths."""
    return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D")


def _decode_path(path: str) -> str:
    return path.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def _one_line(value: str) -> str:
    return " ".join(value.split())
