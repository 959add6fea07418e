"""Tampered and hostile packages: every change is refused with its own reason, nothing is written.

The package under attack is the demo unit's targets package (small, so every byte can be tried),
verified against the registered key. Byte flips are tried region by region so that a failure says
which part of the zip is not protected.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import bagit
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exchange.packages import (
    SIGNATURE,
    TAGMANIFEST,
    DemoUnit,
    demo_unit,
    members,
    ordered,
    rebag,
    symlink_info,
    zip_of,
)
from unionperf.exchange import bag, minisign
from unionperf.exchange.errors import PackageError
from unionperf.exchange.package import VerifiedPackage, trusted_comment, verify_package

CHINESE = re.compile(r"[\u4e00-\u9fff]")
LOCAL_FIELDS = (
    (4, "version needed"),
    (6, "flags"),
    (8, "method"),
    (10, "time"),
    (12, "date"),
    (14, "crc"),
    (18, "compressed size"),
    (22, "size"),
    (26, "name length"),
    (28, "extra length"),
    (30, "name"),
)
CENTRAL_FIELDS = (
    (4, "version made by"),
    (6, "version needed"),
    (8, "flags"),
    (10, "method"),
    (12, "time"),
    (14, "date"),
    (16, "crc"),
    (20, "compressed size"),
    (24, "size"),
    (28, "name length"),
    (30, "extra length"),
    (32, "comment length"),
    (34, "disk"),
    (36, "internal attributes"),
    (38, "external attributes"),
    (42, "local header offset"),
    (46, "name"),
)
END_FIELDS = (
    (4, "disk"),
    (6, "directory disk"),
    (8, "entries on disk"),
    (10, "entries"),
    (12, "directory size"),
    (16, "directory offset"),
    (20, "comment length"),
)


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> DemoUnit:
    return demo_unit(tmp_path_factory)


@pytest.fixture(scope="module")
def blob(unit) -> bytes:
    package = unit.blob("targets-1")
    verify_package(package, unit.public_key)  # the starting point is valid
    return package


# -- the layout of the zip ------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """A span of the zip's bytes with a label; ``fields`` names offsets inside headers."""

    label: str
    start: int
    end: int
    fields: tuple[tuple[int, str], ...] = ()

    def describe(self, position: int) -> str:
        offset = position - self.start
        field = next((name for at, name in reversed(self.fields) if offset >= at), "")
        return f"{self.label} +{offset}" + (f" ({field})" if field else "")


def _regions(blob: bytes) -> dict[str, list[Region]]:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        infos = archive.infolist()
        directory = archive.start_dir
    local, data = [], []
    for info in infos:
        header = info.header_offset
        name_length, extra_length = struct.unpack_from("<HH", blob, header + 26)
        start = header + 30 + name_length + extra_length
        local.append(Region(f"local header of {info.filename}", header, start, LOCAL_FIELDS))
        data.append(Region(f"data of {info.filename}", start, start + info.compress_size))
    central, position = [], directory
    for info in infos:
        size = 46 + sum(struct.unpack_from("<HHH", blob, position + 28))
        central.append(
            Region(f"directory entry of {info.filename}", position, position + size, CENTRAL_FIELDS)
        )
        position += size
    end = [Region("end of central directory", position, len(blob), END_FIELDS)]
    assert position == len(blob) - 22
    return {"local": local, "data": data, "central": central, "end": end}


def _accepted(
    blob: bytes, unit: DemoUnit, positions: Iterator[tuple[Region, int, int]], enough: int = 40
) -> list[str]:
    """The flips that verify_package did not refuse (any other exception propagates).

    Stops after ``enough`` accepted flips: a failure is reported quickly, with examples.
    """
    accepted: list[str] = []
    refusals: list[str] = []
    for region, position, mask in positions:
        if len(accepted) >= enough:
            break
        flipped = bytearray(blob)
        flipped[position] ^= mask
        try:
            verify_package(bytes(flipped), unit.public_key)
        except PackageError as error:
            refusals.append(str(error))
            continue
        accepted.append(f"{region.describe(position)} ^{mask:#04x}")
    assert all(CHINESE.search(reason) for reason in refusals)
    return accepted


def _every_byte(regions: list[Region], masks: tuple[int, ...] = (0x01, 0x80, 0xFF)):
    for region in regions:
        for position in range(region.start, region.end):
            for mask in masks:
                yield region, position, mask


def test_flips_inside_member_data_are_refused(unit, blob):
    """Spread over every member's data (for deflated members, the block headers included)."""
    regions = [r for r in _regions(blob)["data"] if not r.label.endswith(SIGNATURE)]
    spread = (
        (region, position, mask)
        for region in regions
        for position in sorted(
            {*range(region.start, region.end - 1, 5), region.start + 1, region.end - 2}
        )
        for mask in (0x01, 0x80, 0xFF)
    )
    accepted = _accepted(blob, unit, spread)
    assert accepted == [], f"flips accepted: {accepted}"


def test_flips_inside_the_signature_member_are_refused(unit, blob):
    [region] = [r for r in _regions(blob)["data"] if r.label.endswith(SIGNATURE)]
    every_byte_but_the_last = Region(region.label, region.start, region.end - 1)
    accepted = _accepted(blob, unit, _every_byte([every_byte_but_the_last]))
    assert accepted == [], f"flips accepted: {accepted}"


def test_flips_in_the_last_byte_of_each_member_are_refused(unit, blob):
    """Every value of each member's last byte: in a deflated member it holds up to 7 padding
    bits that inflate ignores, so only a canonical layout (or stored members) catches them.
    """
    lasts = [Region(f"last byte of {r.label}", r.end - 1, r.end) for r in _regions(blob)["data"]]
    accepted = _accepted(blob, unit, _every_byte(lasts, tuple(range(1, 256))))
    assert accepted == [], f"flips accepted: {accepted}"


@pytest.mark.parametrize("part", ["local", "central", "end"])
def test_flips_in_zip_headers_are_refused(unit, blob, part):
    accepted = _accepted(blob, unit, _every_byte(_regions(blob)[part]))
    assert accepted == [], f"flips accepted: {accepted}"


def test_regions_cover_the_whole_file(blob):
    spans = sorted((r.start, r.end) for regions in _regions(blob).values() for r in regions)
    assert spans[0][0] == 0
    assert spans[-1][1] == len(blob)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize(
    "name",
    [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        TAGMANIFEST,
        SIGNATURE,
        "data/package.json",
        "data/data.json",
        "data/keys/signer.pub",
    ],
)
def test_a_changed_byte_in_any_member_is_refused(unit, blob, name):
    """The same, one level up: the member's content changes and the zip is otherwise sound."""
    files = members(blob)
    content = bytearray(files[name])
    # in the signature file, change the signature line (the untrusted comment is not signed)
    position = content.index(b"\n") + 10 if name == SIGNATURE else len(content) // 2
    content[position] ^= 0x01
    files[name] = bytes(content)
    with pytest.raises(PackageError) as caught:
        verify_package(zip_of(ordered(files)), unit.public_key)
    assert caught.value.code in ("hash-mismatch", "manifest-format", "signature"), caught.value.code


# -- consistent hashes, old signature -------------------------------------------------------------


def test_rezipped_with_consistent_hashes_but_the_old_signature(unit, blob, tmp_path):
    files = members(blob)
    document = json.loads(files["data/data.json"])
    document["opening_balance"] = "999999.00"
    files["data/data.json"] = json.dumps(document, ensure_ascii=False, indent=2).encode()
    forged = zip_of(ordered(rebag(files)))  # manifests recomputed, signature kept
    with zipfile.ZipFile(io.BytesIO(forged)) as archive:
        archive.extractall(tmp_path)
    bagit.Bag(str(tmp_path)).validate()  # a BagIt validator is satisfied: the hashes agree
    with pytest.raises(PackageError) as caught:
        verify_package(forged, unit.public_key)
    assert caught.value.code == "signature"
    with pytest.raises(PackageError) as caught:
        verify_package(forged)  # the embedded key does not help either
    assert caught.value.code == "signature"


def test_changed_tag_file_with_consistent_tag_manifest_but_the_old_signature(unit, blob):
    files = members(blob)
    files["bag-info.txt"] = files["bag-info.txt"].replace(b"Contact-Phone", b"Contact-Name")
    with pytest.raises(PackageError) as caught:
        verify_package(zip_of(ordered(rebag(files))), unit.public_key)
    assert caught.value.code == "signature"


# -- hostile zips ---------------------------------------------------------------------------------


def _with(blob: bytes, *extra: tuple[Any, bytes], drop: tuple[str, ...] = ()) -> bytes:
    files = {name: data for name, data in members(blob).items() if name not in drop}
    return zip_of([*ordered(files), *extra])


@pytest.fixture(scope="module")
def attacks(blob) -> dict[str, tuple[bytes, str]]:
    """Hostile packages by name: (bytes, the PackageError code expected)."""
    many = [(f"data/many/{i}", b"") for i in range(10_001)]
    return {
        "traversal": (_with(blob, ("../x", b"x")), "unsafe-path"),
        "traversal-inside": (_with(blob, ("data/../../x", b"x")), "unsafe-path"),
        "absolute": (_with(blob, ("/etc/x", b"x")), "unsafe-path"),
        "drive": (_with(blob, ("C:/x", b"x")), "unsafe-path"),
        "backslash": (_with(blob, ("\\x", b"x")), "unsafe-path"),
        "symlink": (_with(blob, (symlink_info("data/link"), b"/etc/passwd")), "special-member"),
        "zip-bomb": (_with(blob, ("data/zeros.bin", bytes(50 << 20))), "zip-bomb"),
        "duplicate": (_with(blob, ("data/data.json", b"{}")), "duplicate-member"),
        "duplicate-case": (_with(blob, ("data/DATA.json", b"{}")), "duplicate-member"),
        "missing-payload": (_with(blob, drop=("data/data.json",)), "missing-file"),
        "extra-payload": (_with(blob, ("data/extra.txt", b"x")), "unlisted-file"),
        "extra-root": (_with(blob, ("readme.txt", b"x")), "extra-file"),
        "too-many": (_with(blob, *many), "too-many-members"),
        "not-a-zip": (blob[: len(blob) // 2], "not-a-zip"),
    }


KINDS = [
    "traversal",
    "traversal-inside",
    "absolute",
    "drive",
    "backslash",
    "symlink",
    "zip-bomb",
    "duplicate",
    "duplicate-case",
    "missing-payload",
    "extra-payload",
    "extra-root",
    "too-many",
    "not-a-zip",
]


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_package_is_refused_with_its_reason(unit, attacks, kind):
    forged, code = attacks[kind]
    for key in (unit.public_key, None):
        with pytest.raises(PackageError) as caught:
            verify_package(forged, key)
        assert caught.value.code == code, (caught.value.code, str(caught.value))
        assert CHINESE.search(str(caught.value)), str(caught.value)


def test_each_kind_of_attack_has_its_own_code(attacks):
    families = {
        "path": ("traversal", "traversal-inside", "absolute", "drive", "backslash"),
        "duplicate": ("duplicate", "duplicate-case"),
    }
    grouped = {kind for kinds in families.values() for kind in kinds}
    codes = [attacks[kinds[0]][1] for kinds in families.values()]
    codes += [attacks[kind][1] for kind in KINDS if kind not in grouped]
    assert len(codes) == len(set(codes)), codes
    assert all(len({attacks[k][1] for k in kinds}) == 1 for kinds in families.values())


def test_zip_bomb_is_refused_without_inflating_it(unit, attacks):
    import tracemalloc  # noqa: PLC0415

    forged, _ = attacks["zip-bomb"]
    tracemalloc.start()
    try:
        with pytest.raises(PackageError):
            verify_package(forged, unit.public_key)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 << 20, f"{peak} bytes allocated"


def test_verify_writes_nothing_in_process(unit, blob, attacks, tmp_path, monkeypatch):
    cwd, temp = tmp_path / "cwd", tmp_path / "tmp"
    cwd.mkdir()
    temp.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert tempfile.gettempdir() == str(temp)
    assert isinstance(verify_package(blob, unit.public_key), VerifiedPackage)
    for forged, _ in attacks.values():
        with pytest.raises(PackageError):
            verify_package(forged, unit.public_key)
    assert list(cwd.iterdir()) == []
    assert list(temp.iterdir()) == []


SCRIPT = """
import sys
from unionperf.cli import main
codes = [main(["verify", path]) for path in sys.argv[1:]]
print("exit codes:", *codes)
"""


def test_cli_verify_writes_nothing(unit, attacks, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    paths = [str(unit.packages["targets-1"])]
    for kind, (forged, _) in attacks.items():
        if kind != "zip-bomb":  # 50 MB of zeros deflate to 50 kB, but keep the folder small
            (inputs / f"{kind}.upkg").write_bytes(forged)
            paths.append(str(inputs / f"{kind}.upkg"))
    before = {path.name: path.read_bytes() for path in inputs.iterdir()}
    fresh = {
        name: tmp_path / name for name in ("cwd", "tmp", "home", "data", "cache", "state", "config")
    }
    for folder in fresh.values():
        folder.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(fresh["tmp"]),
        "HOME": str(fresh["home"]),
        "XDG_DATA_HOME": str(fresh["data"]),
        "XDG_CACHE_HOME": str(fresh["cache"]),
        "XDG_STATE_HOME": str(fresh["state"]),
        "XDG_CONFIG_HOME": str(fresh["config"]),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *paths],
        cwd=fresh["cwd"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    codes = done.stdout.splitlines()[-1].removeprefix("exit codes:").split()
    assert len(codes) == len(paths)
    assert codes[0] == "0"
    assert all(code != "0" for code in codes[1:]), codes
    failures = done.stderr.splitlines()
    assert len(failures) == len(paths) - 1  # one line per refused package
    assert all("校验失败" in line for line in failures)
    for name, folder in fresh.items():
        assert list(folder.rglob("*")) == [], name
    assert {path.name: path.read_bytes() for path in inputs.iterdir()} == before


# -- fuzz -----------------------------------------------------------------------------------------

ODD_NAMES = [
    "data/extra.txt",
    "extra.txt",
    "../evil",
    "data/../x",
    "/abs",
    "C:/x",
    "data/data.json",
    "DATA/data.json",
    "data/keys/announcements.json",
    "bagit.txt",
    "data/feedback.json",
    SIGNATURE,
    "data/",
    "data/évidence/签到表.pdf",
]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
MEMBER_EDIT = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 99), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("replace"), st.integers(0, 99), st.binary(max_size=200)),
    st.tuples(st.just("remove"), st.integers(0, 99)),
    st.tuples(
        st.just("add"),
        st.sampled_from(ODD_NAMES)
        | st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            min_size=1,
            max_size=20,
        ),
        st.binary(max_size=100),
    ),
    st.tuples(st.just("rename"), st.integers(0, 99), st.sampled_from(ODD_NAMES)),
    st.tuples(
        st.just("json"),
        st.sampled_from(["data/package.json", "data/data.json"]),
        st.integers(0, 10**6),
        st.one_of(st.just("delete"), JSON_VALUES),
    ),
)
BYTE_EDIT = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=64)),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _edit_json(data: bytes, choice: int, value: Any) -> bytes:
    try:
        document = json.loads(data)
    except ValueError:
        return data  # an earlier edit broke it already
    paths = [path for path in _paths(document) if path]
    if not paths:
        return json.dumps(value).encode()
    *parent_path, last = paths[choice % len(paths)]
    parent = document
    for step in parent_path:
        parent = parent[step]
    if value == "delete":
        del parent[last]
    else:
        parent[last] = value
    return json.dumps(document, ensure_ascii=False).encode()


def _apply_member_edit(files: dict[str, bytes], edit: tuple[Any, ...]) -> None:
    names = list(files)
    kind = edit[0]
    if kind == "flip":
        name = names[edit[1] % len(names)]
        content = bytearray(files[name])
        if content:
            content[edit[2] % len(content)] ^= edit[3]
        files[name] = bytes(content)
    elif kind == "replace":
        files[names[edit[1] % len(names)]] = edit[2]
    elif kind == "remove":
        files.pop(names[edit[1] % len(names)])
    elif kind == "add":
        files[edit[1]] = edit[2]
    elif kind == "rename":
        name = names[edit[1] % len(names)]
        files[edit[2]] = files.pop(name)
    elif kind == "json" and edit[1] in files:
        files[edit[1]] = _edit_json(files[edit[1]], edit[2], edit[3])


def _comment(files: dict[str, bytes], fallback: str) -> str:
    try:
        return trusted_comment(json.loads(files["data/package.json"]))
    except (KeyError, TypeError, ValueError):
        return fallback


def _mutate(blob: bytes, unit: DemoUnit, plan: dict[str, Any]) -> bytes:
    if plan["member_edits"]:
        files = members(blob)
        old_comment = minisign.parse_signature(files[SIGNATURE].decode()).trusted_comment
        for edit in plan["member_edits"]:
            _apply_member_edit(files, edit)
        if plan["finish"] in ("rebag", "resign"):
            signer = unit.private_key() if plan["finish"] == "resign" else None
            files = rebag(files, signer, _comment(files, old_comment) if signer else None)
        # a re-signed package gets the canonical layout, so the fuzz reaches the deeper checks
        blob = bag.write_zip(files) if plan["finish"] == "resign" else zip_of(ordered(files))
    for edit in plan["byte_edits"]:
        data = bytearray(blob)
        if edit[0] == "flip" and data:
            data[edit[1] % len(data)] ^= edit[2]
        elif edit[0] == "truncate":
            del data[edit[1] % (len(data) + 1) :]
        elif edit[0] == "insert":
            data[edit[1] % (len(data) + 1) : edit[1] % (len(data) + 1)] = edit[2]
        blob = bytes(data)
    return blob


PLANS = st.fixed_dictionaries(
    {
        "member_edits": st.lists(MEMBER_EDIT, max_size=3),
        "finish": st.sampled_from(["as-is", "rebag", "resign"]),
        "byte_edits": st.lists(BYTE_EDIT, max_size=2),
        "with_key": st.booleans(),
    }
)


class _Target:
    """The package to fuzz and its unit, with a short repr for hypothesis' reports."""

    def __init__(self, unit: DemoUnit) -> None:
        self.unit = unit
        self.blob = unit.blob("targets-1")

    def __repr__(self) -> str:
        return "<the demo unit's targets package>"


@pytest.fixture(scope="module")
def target(unit) -> _Target:
    return _Target(unit)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=PLANS)
def test_fuzz_verify_returns_a_package_or_a_typed_refusal(target, plan):
    unit = target.unit
    mutated = _mutate(target.blob, unit, plan)
    try:
        result = verify_package(mutated, unit.public_key if plan["with_key"] else None)
    except PackageError as error:
        refusal: PackageError | None = error
    else:
        refusal = None
        assert isinstance(result, VerifiedPackage)
    if refusal is not None:
        assert refusal.code
        assert CHINESE.search(str(refusal)), str(refusal)
