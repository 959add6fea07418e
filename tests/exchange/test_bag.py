"""BagIt bags in a zip: written as RFC 8493 says (bagit-python agrees), read back only when safe."""

from __future__ import annotations

import io
import re
import stat
import struct
import unicodedata
import zipfile
from pathlib import Path

import bagit
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.chinese import english_words
from tests.exchange.packages import symlink_info, zip_of
from unionperf.exchange import bag
from unionperf.exchange.bag import BagError

CHINESE = re.compile(r"[\u4e00-\u9fff]")
INFO = {"Source-Organization": "测试工会", "External-Identifier": "abc"}
PAYLOAD = {
    "data/package.json": b'{"a": 1}\n',
    "data/data.json": b"{}\n",
    "data/evidence/unit/签到表 第1页.pdf": b"%PDF-1.4 \x00\xff binary",
    "data/evidence/unit/(1) done.txt": b"brackets in the name",
    "data/evidence/p1/a b/c.txt": b"",
}


def _files(payload: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """A complete bag (with a placeholder signature: bag.py does not check it)."""
    payload = dict(PAYLOAD if payload is None else payload)
    return {**bag.tag_files(INFO, payload), bag.SIGNATURE: b"signature", **payload}


def _refused(call, code: str) -> str:
    with pytest.raises(BagError) as caught:
        call()
    assert caught.value.code == code, (caught.value.code, str(caught.value))
    message = str(caught.value)
    assert CHINESE.search(message), message
    return message


# -- writing -------------------------------------------------------------------------------------


def test_round_trip_and_layout():
    files = _files()
    blob = bag.write_zip(files)
    assert bag.write_zip(files) == blob  # deterministic: fixed times, fixed order
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        names = archive.namelist()
        infos = archive.infolist()
    assert names[:5] == [*bag.TAG_FILES, bag.TAGMANIFEST, bag.SIGNATURE]
    assert names[5:] == sorted(PAYLOAD)
    assert {info.date_time for info in infos} == {(2020, 1, 1, 0, 0, 0)}
    assert all(stat.S_ISREG(info.external_attr >> 16) for info in infos)
    read = bag.read_zip(blob)
    assert read == files
    checked = bag.check_bag(read)
    assert checked.payload == PAYLOAD


def test_tag_files_follow_rfc_8493():
    tags = bag.tag_files(INFO, PAYLOAD)
    assert tags["bagit.txt"] == b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    info = tags["bag-info.txt"].decode()
    assert "Source-Organization: 测试工会\n" in info
    size = sum(len(data) for data in PAYLOAD.values())
    assert info.endswith(f"Payload-Oxum: {size}.{len(PAYLOAD)}\n")
    manifest = bag.parse_manifest(tags[bag.MANIFEST], "m")
    assert manifest == {name: bag.sha256(data) for name, data in PAYLOAD.items()}
    percent = bag.manifest_text({"data/100% done.txt": b""})
    assert "data/100%25 done.txt" in percent  # RFC 8493 §2.1.3
    assert set(bag.parse_manifest(tags[bag.TAGMANIFEST], "t")) == set(bag.TAG_FILES)


def test_bagit_python_validates_the_unzipped_bag(tmp_path):
    with zipfile.ZipFile(io.BytesIO(bag.write_zip(_files()))) as archive:
        archive.extractall(tmp_path)
    checked = bagit.Bag(str(tmp_path))
    checked.validate()
    assert sorted(checked.payload_files()) == sorted(PAYLOAD)
    assert checked.info["Source-Organization"] == "测试工会"


def test_bag_info_values_stay_on_one_line():
    tags = bag.tag_files({"External-Description": "第一行\n第二行\r\n第三行"}, {})
    assert (
        tags["bag-info.txt"].decode().splitlines()[0]
        == "External-Description: 第一行 第二行 第三行"
    )


ASCII_PART = st.text(alphabet="abcXYZ019._-", min_size=1, max_size=12).filter(
    lambda part: part not in (".", "..") and not part.endswith(".")
)
EVIDENCE_PART = st.text(
    alphabet=st.sampled_from("ab Z9()[]_-.,;'!#&+=@^{}~签到表第页（）【】《》、。·"),
    min_size=1,
    max_size=12,
).filter(lambda part: part.strip(" .") == part.strip(" ") == part and part not in (".", ".."))
NAMES = st.one_of(
    st.lists(ASCII_PART, min_size=1, max_size=3).map("/".join),
    st.tuples(ASCII_PART, st.lists(EVIDENCE_PART, min_size=1, max_size=2)).map(
        lambda parts: "/".join(["evidence", parts[0], *parts[1]])
    ),
)


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(NAMES, st.binary(max_size=300), max_size=6))
def test_any_payload_round_trips(payload):
    """Every name the naming rules allow (docs/package-format.md §3.3) travels unchanged."""
    payload = {f"data/{name}": data for name, data in payload.items()}
    if len({name.casefold() for name in payload}) != len(payload):
        return  # case variants are refused on reading (see test_duplicate_names_are_refused)
    files = _files(payload)
    assert bag.check_bag(bag.read_zip(bag.write_zip(files))).files == files


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\\\x00"),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["data/", "data/evidence/unit/", "data/forms/"]),
)
def test_any_name_is_read_or_refused_with_a_code(part, folder):
    """Whatever a name holds, reading the zip gives its members or a typed one-line refusal."""
    name = folder + part
    refusal: BagError | None = None
    try:
        members = bag.read_zip(zip_of([(name, b"x")]))
    except BagError as error:
        refusal = error
    if refusal is not None:
        assert refusal.code in ("unsafe-path", "member-name"), refusal.code
        assert len(str(refusal).splitlines()) == 1
        assert CHINESE.search(str(refusal))
    else:
        assert list(members) == [name]
        assert unicodedata.normalize("NFC", name) == name
        assert name.isascii() or folder == "data/evidence/unit/"


# -- zip safety ----------------------------------------------------------------------------------


def test_not_a_zip():
    for blob in (b"", b"PK\x03\x04 truncated", b"hello" * 100):
        _refused(lambda blob=blob: bag.read_zip(blob), "not-a-zip")


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "data/../../x",
        "data/..",
        "/etc/x",
        "C:/x",
        "c:x",
        "\\x",
        "data\\..\\x",
        "data//x",
        "./bagit.txt",
        "data/./x",
        "data/x\x01y",
        "data/\x1b[31m",
    ],
)
def test_unsafe_paths_are_refused(name):
    message = _refused(lambda: bag.read_zip(zip_of([(name, b"x")])), "unsafe-path")
    assert "不安全" in message


@pytest.mark.parametrize(
    "kind",
    [stat.S_IFLNK, stat.S_IFIFO, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFSOCK],
    ids=["link", "fifo", "char", "block", "socket"],
)
def test_links_and_special_files_are_refused(kind):
    info = symlink_info("data/evil")
    info.external_attr = (kind | 0o644) << 16
    _refused(lambda: bag.read_zip(zip_of([(info, b"/etc/passwd")])), "special-member")


@pytest.mark.parametrize(
    "names",
    [("data/x", "data/x"), ("data/x", "data/X"), ("bagit.txt", "BAGIT.TXT"), ("data/x", "data/x/")],
    ids=["same", "case", "tag-case", "file-and-folder"],
)
def test_duplicate_names_are_refused(names):
    _refused(lambda: bag.read_zip(zip_of([(name, b"x") for name in names])), "duplicate-member")


def test_folders_are_allowed_and_skipped():
    blob = zip_of([("data/", b""), ("data/x", b"1")])
    assert bag.read_zip(blob) == {"data/x": b"1"}


def test_encrypted_members_are_refused():
    blob = bytearray(zip_of([("data/x", b"x")]))  # zipfile resets the flags when writing
    blob[6] |= 0x1  # local header: general purpose flags, bit 0 "encrypted"
    blob[blob.find(b"PK\x01\x02") + 8] |= 0x1  # and the same in the central directory
    _refused(lambda: bag.read_zip(bytes(blob)), "encrypted-member")


def test_other_compression_methods_are_refused():
    blob = zip_of([("data/x", b"x" * 100)], compression=zipfile.ZIP_BZIP2)
    _refused(lambda: bag.read_zip(blob), "compression")


def test_highly_compressed_member_is_refused_before_it_is_inflated():
    _refused(lambda: bag.read_zip(zip_of([("data/zeros", bytes(4 << 20))])), "zip-bomb")


def test_highly_compressed_archive_is_refused():
    # each member stays under the per-member threshold, the whole is still a bomb
    entries = [(f"data/zeros{i}", bytes(1 << 19)) for i in range(8)]
    _refused(lambda: bag.read_zip(zip_of(entries)), "zip-bomb")


def _lie_about_sizes(blob: bytes, size: int) -> bytes:
    """Claim ``size`` bytes (compressed and not) for every member in the central directory."""
    out = bytearray(blob)
    start = 0
    while (start := out.find(b"PK\x01\x02", start)) >= 0:
        struct.pack_into("<II", out, start + 20, size, size)
        start += 4
    return bytes(out)


def test_too_large_in_total_is_refused_from_the_directory_alone():
    blob = zip_of([(f"data/{i}", b"x") for i in range(3)], compression=zipfile.ZIP_STORED)
    _refused(lambda: bag.read_zip(_lie_about_sizes(blob, 600 << 20)), "too-large")


def test_member_that_lies_about_its_size_is_refused():
    blob = zip_of([("data/x", b"0123456789" * 50)])
    _refused(lambda: bag.read_zip(_lie_about_sizes(blob, 10)), "corrupt-member")


def test_damaged_member_is_refused():
    blob = bytearray(zip_of([("data/x", b"0123456789" * 5)], compression=zipfile.ZIP_STORED))
    blob[40] ^= 0xFF  # inside the stored data: the CRC no longer matches
    message = _refused(lambda: bag.read_zip(bytes(blob)), "corrupt-member")
    assert english_words(message.replace("data/x", "")) == []  # not zipfile's own English


def test_too_many_members(monkeypatch):
    monkeypatch.setattr(bag, "MAX_MEMBERS", 5)
    assert len(bag.read_zip(zip_of([(f"data/{i}", b"") for i in range(5)]))) == 5
    _refused(
        lambda: bag.read_zip(zip_of([(f"data/{i}", b"") for i in range(6)])), "too-many-members"
    )


# -- completeness --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*bag.TAG_FILES, bag.TAGMANIFEST, bag.SIGNATURE])
def test_missing_tag_file(name):
    files = _files()
    del files[name]
    assert name in _refused(lambda: bag.check_bag(files), "missing-file")


def test_missing_payload_file():
    files = _files()
    del files["data/data.json"]
    assert "data/data.json" in _refused(lambda: bag.check_bag(files), "missing-file")


def test_extra_payload_file():
    files = _files() | {"data/extra.txt": b"smuggled"}
    assert "data/extra.txt" in _refused(lambda: bag.check_bag(files), "unlisted-file")


@pytest.mark.parametrize("name", ["extra.txt", "manifest-md5.txt", "evidence/x.pdf"])
def test_extra_file_outside_the_payload(name):
    files = _files() | {name: b"x"}
    assert name in _refused(lambda: bag.check_bag(files), "extra-file")


def test_changed_payload_file():
    files = _files() | {"data/data.json": b"{ }\n"}
    _refused(lambda: bag.check_bag(files), "hash-mismatch")


def test_changed_tag_file():
    files = _files()
    files["bag-info.txt"] += b"Contact-Name: x\n"
    assert bag.TAGMANIFEST in _refused(lambda: bag.check_bag(files), "hash-mismatch")


def test_wrong_payload_oxum():
    payload = dict(PAYLOAD)
    files = {**bag.tag_files(INFO, {**payload, "data/more": b"12345"}), bag.SIGNATURE: b"s"}
    files.update(payload)
    files[bag.MANIFEST] = bag.manifest_text(payload).encode()
    files[bag.TAGMANIFEST] = bag.manifest_text(
        {name: files[name] for name in bag.TAG_FILES}
    ).encode()
    _refused(lambda: bag.check_bag(files), "oxum")


def test_wrong_bagit_declaration():
    files = _files() | {"bagit.txt": b"BagIt-Version: 2.0\n"}
    _refused(lambda: bag.check_bag(files), "bagit-version")


@pytest.mark.parametrize(
    "manifest",
    [
        b"not a manifest line\n",
        b"\xff\xfe\n",
        b"%s  data/x\n%s  data/x\n" % (b"0" * 64, b"0" * 64),
        b"%s  \n" % (b"0" * 64),
        b"%s  data/x\n" % (b"g" * 64),
    ],
    ids=["garbage", "not-utf8", "twice", "no-path", "not-hex"],
)
def test_malformed_manifest(manifest):
    files = _files()
    files[bag.MANIFEST] = manifest
    files[bag.TAGMANIFEST] = bag.manifest_text({n: files[n] for n in bag.TAG_FILES}).encode()
    _refused(lambda: bag.check_bag(files), "manifest-format")


def test_manifest_paths_are_percent_decoded():
    text = bag.manifest_text({"data/a%b\nc\rd": b"x"}).encode()
    assert b"data/a%25b%0Ac%0Dd" in text
    assert list(bag.parse_manifest(text, "m")) == ["data/a%b\nc\rd"]


def test_nothing_is_written_while_reading(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bag.check_bag(bag.read_zip(bag.write_zip(_files())))
    assert list(Path(tmp_path).iterdir()) == []


def test_one_member_is_read_while_another_is_damaged():
    """A refused package still says whose it claims to be: its signature file alone is read."""
    entries = [("data/big.json", b"x" * 400), (bag.SIGNATURE, b"signed")]
    blob = bytearray(zip_of(entries, zipfile.ZIP_STORED))
    start = blob.index(b"x" * 400)
    blob[start + 10] ^= 0xFF  # stored, not compressed: the damage is in data/big.json only
    _refused(lambda: bag.read_zip(bytes(blob)), "corrupt-member")
    assert bag.read_member(bytes(blob), bag.SIGNATURE) == b"signed"
    _refused(lambda: bag.read_member(bytes(blob), "data/missing"), "missing-file")
    _refused(lambda: bag.read_member(zip_of([("../x", b"1")]), "../x"), "unsafe-path")
