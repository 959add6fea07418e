"""The canonical zip made and read directly: the same bytes, members and refusals as zipfile's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionperf.exchange import bag, zip_layout
from unionperf.exchange.bag import BagError

INFO = {"Source-Organization": "测试工会", "External-Identifier": "abc"}
PAYLOAD = {
    "data/package.json": b'{"a": 1}\n',
    "data/data.json": b"{}\n",
    "data/evidence/unit/签到表 第1页.pdf": b"%PDF-1.4 \x00\xff binary",
    "data/evidence/unit/(1) done.txt": b"brackets in the name",
    "data/evidence/p1/a b/c.txt": b"",
}


def _files(payload: dict[str, bytes]) -> dict[str, bytes]:
    return {**bag.tag_files(INFO, payload), bag.SIGNATURE: b"signature", **payload}


def _by_zipfile(blob: bytes) -> object:
    """What read_zip gave before: zipfile's reading and checks (the reference)."""
    try:
        with bag._checked_archive(blob) as archive:
            return {
                info.filename: bag._read_member(archive, info)
                for info in archive.infolist()
                if not info.is_dir()
            }
    except BagError as error:
        return (error.code, str(error))


def _read(blob: bytes) -> object:
    try:
        return bag.read_zip(blob)
    except BagError as error:
        return (error.code, str(error))


_NAMES = st.text(
    alphabet=st.sampled_from("abcXYZ019 ._-()签到表第页中文é/"), min_size=1, max_size=30
).map(lambda name: "data/" + name.strip("/"))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_NAMES, st.binary(max_size=300), max_size=12))
def test_the_direct_layout_is_zipfiles_byte_for_byte(payload):
    files = _files(payload)
    assert bag._canonical(files) == bag.write_zip(files)
    blob = bag.write_zip(files)
    assert _read(blob) == _by_zipfile(blob)


def test_a_package_is_made_and_read_directly():
    files = _files(PAYLOAD)
    entries = [(name, files[name]) for name in bag._order(files)]
    made = zip_layout.canonical(entries, bag._FIXED_TIME)
    assert made == bag.write_zip(files)
    assert bag._read_canonical(made) == files
    assert list(bag._read_canonical(made)) == list(_by_zipfile(made))  # the same order


@pytest.mark.parametrize("name", ["data/folder/", "data/a\0b", ""])
def test_what_zipfile_would_write_otherwise_is_left_to_it(name):
    assert zip_layout.canonical([(name, b"x")], bag._FIXED_TIME) is None
    assert zip_layout.canonical([], bag._FIXED_TIME) is None


def test_a_member_zipfile_writes_with_zip64_is_left_to_it(monkeypatch):
    monkeypatch.setattr(zip_layout, "_LIMIT", 1000)
    assert zip_layout.canonical([("data/a", b"x" * 960)], bag._FIXED_TIME) is None
    assert zip_layout.canonical([("data/a", b"x" * 900)], bag._FIXED_TIME) is not None


CHANGES = {
    "a byte of a local header": lambda blob: blob[:6] + b"\x01" + blob[7:],
    "a byte of the directory": lambda blob: blob[:-60] + b"\x07" + blob[-59:],
    "a comment": lambda blob: blob[:-2] + b"\x02\x00ab",
    "cut short": lambda blob: blob[:-30],
    "bytes after": lambda blob: blob + b"\x00",
    "bytes before": lambda blob: b"PK" + blob,
    "a member's content": lambda blob: blob.replace(b"brackets", b"Brackets"),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_any_other_zip_is_read_and_refused_by_zipfile_as_before(name):
    blob = CHANGES[name](bag.write_zip(_files(PAYLOAD)))
    assert bag._read_canonical(blob) is None
    assert _read(blob) == _by_zipfile(blob)


REFUSED = {
    "unsafe path": {"data/../x.txt": b"x"},
    "names equal but for case": {"data/A.txt": b"a", "data/a.txt": b"b"},
    "names equal but for the Unicode form": {"data/e\u0301.txt": b"a", "data/\u00e9.txt": b"b"},
    "a reserved Windows name": {"data/con.txt": b"x"},
    "a control character": {"data/a\tb.txt": b"x"},
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_canonical_zip_with_bad_names_is_refused_with_the_same_words(name):
    blob = bag.write_zip(_files({**PAYLOAD, **REFUSED[name]}))
    expected = _by_zipfile(blob)
    assert isinstance(expected, tuple)
    assert _read(blob) == expected


def test_the_limits_refuse_a_canonical_zip_with_the_same_words(monkeypatch):
    blob = bag.write_zip(_files(PAYLOAD))
    monkeypatch.setattr(bag, "MAX_MEMBERS", 3)
    assert _read(blob) == _by_zipfile(blob) == ("too-many-members", _by_zipfile(blob)[1])
    monkeypatch.setattr(bag, "MAX_MEMBERS", 10_000)
    monkeypatch.setattr(bag, "MAX_TOTAL_BYTES", 100)
    assert _read(blob) == _by_zipfile(blob)
    assert _read(blob)[0] == "too-large"


def test_a_folder_entry_is_left_out_as_zipfile_leaves_it_out():
    blob = bag.write_zip(_files({**PAYLOAD, "data/": b""}))
    assert bag._read_canonical(blob) is None
    assert "data/" not in _read(blob)
    assert _read(blob) == _by_zipfile(blob)
