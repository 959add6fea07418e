"""Shared material for the package tests: one demo unit with its packages, and zip surgery.

The demo unit and its exported packages are made once per test session (:func:`demo_unit`) in
pytest's temporary folder. Tests that change a workspace work on a copy (:func:`copy_workspace`).

The helpers that check or rebuild a bag here are written from RFC 8493 and the minisign format
directly, not through ``unionperf.exchange``, so a test that uses them does not trust the code
it tests: PyNaCl checks the signatures, ``hashlib`` makes the manifests, ``zipfile`` the zips.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import stat
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import nacl.encoding
import nacl.hash
import nacl.signing
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.exchange import bag, keys, minisign
from unionperf.exchange.minisign import PublicKey
from unionperf.exchange.package import trusted_comment
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.submit import export_package

PASSPHRASE = "demo"
UPPER_PASSPHRASE = "upper-pass"
YEAR = 2024
MONITORING = "monitoring-2024-03-31"
SIGNATURE = "tagmanifest-sha256.txt.minisig"
TAGMANIFEST = "tagmanifest-sha256.txt"
MANIFEST = "manifest-sha256.txt"
TAG_FILES = ("bagit.txt", "bag-info.txt", MANIFEST)
EXPORTS = (
    ("targets-1", "targets"),
    ("targets-2", "targets"),
    ("self-evaluation-1", "self-evaluation"),
    ("monitoring-1", MONITORING),
)
"""The packages the demo unit exports, in this order (so ``targets-2`` follows ``targets-1``)."""


@dataclass(frozen=True, repr=False)
class DemoUnit:
    """The session's demo unit: a closed template workspace, its key and its packages."""

    root: Path
    workspace: Path
    """The template workspace (closed). Copy it before changing it."""
    unit_code: str
    unit_name: str
    public_key: PublicKey
    pub_file: Path
    packages: dict[str, Path]

    def __repr__(self) -> str:  # short, for hypothesis' reports
        return f"DemoUnit({self.unit_code}, {self.root})"

    def blob(self, name: str) -> bytes:
        """The bytes of one of :data:`EXPORTS`."""
        return self.packages[name].read_bytes()

    def private_key(self) -> Ed25519PrivateKey:
        """The unit's signing key, for tests that forge a package the unit could have signed."""
        return keys.load_private_key(self.workspace / "keys", PASSPHRASE)


_UNITS: dict[int, DemoUnit] = {}


def demo_unit(factory: pytest.TempPathFactory) -> DemoUnit:
    """The demo unit of this session (made on first use)."""
    made = _UNITS.get(id(factory))
    if made is None:
        made = _UNITS[id(factory)] = _make_demo_unit(factory.mktemp("demo-unit"))
    return made


def _make_demo_unit(root: Path) -> DemoUnit:
    packages = {}
    with create_demo(root / "unit", passphrase=PASSPHRASE) as workspace:
        for name, stage in EXPORTS:
            packages[name] = export_package(workspace, YEAR, stage, root / "out", PASSPHRASE).path
        unit = workspace.unit()
        assert unit is not None
    pub_text = (root / "unit" / "keys" / "unit.pub").read_text(encoding="utf-8")
    pub_file = root / "unit.pub"
    pub_file.write_text(pub_text, encoding="utf-8")
    return DemoUnit(
        root,
        root / "unit",
        unit.credit_code,
        unit.name,
        minisign.parse_public_key(pub_text),
        pub_file,
        packages,
    )


def key_id_of(pub_file: Path) -> str:
    """The key id of a ``.pub`` file, as the unit's paper sheet prints it (for ``register``)."""
    return minisign.parse_public_key(pub_file.read_text(encoding="utf-8")).key_id_hex


def copy_workspace(source: Path, target: Path) -> Path:
    """A copy of a closed workspace folder."""
    shutil.copytree(source, target)
    return target


def upper_workspace(path: Path, name: str = "上海市浦东新区总工会") -> Workspace:
    """A new upper-level workspace (open; the caller closes it)."""
    return Workspace.create(path, UnitProfile(name, "", level=UnitLevel.UPPER), UPPER_PASSPHRASE)


# -- zips --------------------------------------------------------------------------------------


def members(blob: bytes) -> dict[str, bytes]:
    """Every member of a zip by name, in archive order (read with ``zipfile`` only)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


Entry = tuple[str | zipfile.ZipInfo, bytes]
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def member_info(name: str, compression: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A member header laid out as our packages lay them out (fixed time, regular file 0644)."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = compression
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def zip_of(
    entries: Mapping[str, bytes] | Iterable[Entry],
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A zip of the entries, in order; names may repeat (no warning) and may be ``ZipInfo``s.

    Members named by a string get the headers our packages use, so a forged package differs
    from a genuine one only where a test means it to.
    """
    items = entries.items() if isinstance(entries, Mapping) else entries
    buffer = io.BytesIO()
    with (
        warnings.catch_warnings(),
        zipfile.ZipFile(buffer, "w", compression=compression) as archive,
    ):
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name" is what some tests want
        for name, data in items:
            archive.writestr(
                member_info(name, compression) if isinstance(name, str) else name, data
            )
    return buffer.getvalue()


def symlink_info(name: str) -> zipfile.ZipInfo:
    """A member header that marks ``name`` as a symbolic link (as ``zip -y`` writes it)."""
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix, so unzip honours the mode bits
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


# -- bags, by hand (RFC 8493) ------------------------------------------------------------------


def sha256(data: bytes) -> str:
    """Hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def _manifest(files: Mapping[str, bytes]) -> bytes:
    return "".join(f"{sha256(data)}  {name}\n" for name, data in sorted(files.items())).encode()


def rebag(
    files: Mapping[str, bytes],
    sign_with: Ed25519PrivateKey | None = None,
    comment: str | None = None,
) -> dict[str, bytes]:
    """The files with consistent manifests, Payload-Oxum and tag manifest.

    The old signature is kept unless ``sign_with`` is given; then the tag manifest is signed again
    with ``comment`` as the trusted comment (default: the one package.json calls for).
    """
    out = dict(files)
    payload = {name: data for name, data in out.items() if name.startswith("data/")}
    out[MANIFEST] = _manifest(payload)
    oxum = f"Payload-Oxum: {sum(map(len, payload.values()))}.{len(payload)}".encode()
    info = out.get("bag-info.txt", b"").splitlines()
    kept = [line for line in info if not line.startswith(b"Payload-Oxum:")]
    out["bag-info.txt"] = b"\n".join([*kept, oxum]) + b"\n"
    out[TAGMANIFEST] = _manifest({name: out[name] for name in TAG_FILES if name in out})
    if sign_with is not None:
        if comment is None:
            comment = trusted_comment(json.loads(out["data/package.json"]))
        out[SIGNATURE] = minisign.sign(sign_with, out[TAGMANIFEST], comment).encode()
    return out


def ordered(files: Mapping[str, bytes]) -> list[Entry]:
    """Tag files first, then the signature, then the payload (the order our packages use)."""
    first = [*TAG_FILES, TAGMANIFEST, SIGNATURE]
    names = [name for name in first if name in files]
    names += sorted(name for name in files if name not in first)
    return [(name, files[name]) for name in names]


def repackage(
    blob: bytes,
    *,
    edit: Mapping[str, bytes | None] | None = None,
    sign_with: Ed25519PrivateKey | None = None,
    comment: str | None = None,
) -> bytes:
    """A package with members replaced (``None`` removes one), rebagged, signed again if asked.

    The zip is laid out by the project's own writer, so that the result differs from a genuine
    package only in what the test changed (its content), not in the container's layout.
    """
    files = members(blob)
    for name, data in (edit or {}).items():
        if data is None:
            files.pop(name, None)
        else:
            files[name] = data
    return bag.write_zip(rebag(files, sign_with, comment))


# -- minisign, by hand, with PyNaCl ------------------------------------------------------------


@dataclass(frozen=True)
class HandSignature:
    """A minisign signature file taken apart by hand."""

    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes


def hand_public_key(text: str) -> tuple[bytes, bytes]:
    """(key id, Ed25519 key) of a minisign ``.pub`` file: base64("Ed" || id(8) || key(32))."""
    lines = text.splitlines()
    assert lines[0].startswith("untrusted comment: ")
    blob = base64.b64decode(lines[1], validate=True)
    assert len(blob) == 42
    assert blob[:2] == b"Ed"
    return blob[2:10], blob[10:]


def hand_signature(text: str) -> HandSignature:
    """The four lines of a ``.minisig`` file."""
    lines = text.split("\n")
    assert lines[0].startswith("untrusted comment: ")
    assert lines[2].startswith("trusted comment: ")
    blob = base64.b64decode(lines[1], validate=True)
    assert len(blob) == 74
    global_signature = base64.b64decode(lines[3], validate=True)
    assert len(global_signature) == 64
    return HandSignature(
        blob[:2],
        blob[2:10],
        blob[10:],
        lines[2].removeprefix("trusted comment: "),
        global_signature,
    )


def hand_verify(pub_text: str, message: bytes, signature_text: str) -> str:
    """Check a minisign signature with PyNaCl alone; return the trusted comment.

    "ED": Ed25519 over BLAKE2b-512 of the message; "Ed" (legacy): over the message itself; the
    global signature is over signature || trusted comment.

    Raises:
        nacl.exceptions.BadSignatureError: a signature does not verify.
    """
    key_id, key = hand_public_key(pub_text)
    parts = hand_signature(signature_text)
    assert parts.key_id == key_id, "the signature names another key"
    verifier = nacl.signing.VerifyKey(key)
    if parts.algorithm == b"ED":
        signed = nacl.hash.blake2b(message, digest_size=64, encoder=nacl.encoding.RawEncoder)
    else:
        assert parts.algorithm == b"Ed"
        signed = message
    verifier.verify(signed, parts.signature)
    verifier.verify(parts.signature + parts.trusted_comment.encode("utf-8"), parts.global_signature)
    return parts.trusted_comment
