"""Package benchmarks (issue 3, product.md §6): export, verify and receiving at the upper level.

- ``package_export`` / ``package_verify``: ``services.cycle.submit.export_package`` and
  ``exchange.package.verify_package`` on the self-evaluation stage of the large demo unit (200
  projects × 20 indicators × 12 monitoring points), each against the raw cost of hashing and
  signing the same bytes. Target ≤ 3×.
- ``package_receive_1000``: ``services.inbox.receive.receive`` of 1,000 self-evaluation packages of
  1,000 different units into one upper-level workspace, against the raw cost of hashing each file,
  verifying each signature and bulk-inserting the same rows with ``sqlite3``. Target ≤ 5×.

``UNIONPERF_BENCH_PACKAGES`` (default 1000) sets how many packages the receive benchmark makes,
for a quick trial run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from unionperf.demo.data import demo_year
from unionperf.domain.credit_code import check_character
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.domain.year import Stage, YearData
from unionperf.exchange import bag, minisign
from unionperf.exchange.codec import for_stage
from unionperf.exchange.codec_write import year_to_json
from unionperf.exchange.file_names import SUFFIX
from unionperf.exchange.package import DATA_JSON, build_package, dumps, verify_package
from unionperf.services.common import signing
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import submit
from unionperf.services.inbox import receive
from unionperf.services.upper.register import register

YEAR = 2024
STAGE = "self-evaluation"
PASSPHRASE = "demo"
PACKAGE_COUNT = int(os.environ.get("UNIONPERF_BENCH_PACKAGES", "1000"))

Record = Callable[[str, float, "float | None", float, str], None]
Timer = Callable[[Callable[[], Any], int], float]


# -- export and verify of the large unit -------------------------------------------------------


def bench_large_package(workspace: Workspace, folder: Path, record: Record, timer: Timer) -> None:
    """Export and verify the large demo unit's self-evaluation package."""
    out = folder / "packages"
    # Each call is a real export: it loads the year, checks it, signs, writes the file and logs
    # the submission (so every run is the next sequence number of the stage).
    exports: list[submit.ExportResult] = []
    export = timer(
        lambda: exports.append(submit.export_package(workspace, YEAR, STAGE, out, PASSPHRASE)), 3
    )
    blob = exports[-1].path.read_bytes()
    files = bag.read_zip(blob)
    key = signing.public_key(workspace)
    private_key = signing.unlock(workspace, PASSPHRASE)
    signature = minisign.parse_signature(files[bag.SIGNATURE].decode("ascii"))
    members = [data for name, data in files.items() if name != bag.SIGNATURE]
    print(
        f"large package: {len(blob) / 1e6:.2f} MB zip, "
        f"{sum(len(data) for data in files.values()) / 1e6:.2f} MB in {len(files)} members"
    )
    # Export baseline: SHA-256 of every file the bag holds (what the manifests list), BLAKE2b-512
    # of the tag manifest and the two Ed25519 signatures of the minisign format (the prehashed
    # signature and the global signature over it and the trusted comment). Not in the baseline:
    # loading the year, validation, scoring, JSON encoding, deflate, writing and logging.
    raw_export = timer(lambda: _hash_and_sign(members, files, private_key, signature), 5)
    record("package_export", export, raw_export, 3.0, "s")

    verify = timer(lambda: verify_package(blob, key), 3)
    # Verify floor (issue 17): SHA-256 of every member, BLAKE2b-512 of the tag manifest, the two
    # Ed25519 verifications and ``json.loads`` of every JSON member. Not in it: inflating the zip,
    # the safety checks, the schemas, decoding the year and re-running the rules and scores.
    raw_verify = timer(lambda: _hash_verify_and_parse(members, files, key.verifier(), signature), 5)
    record("package_verify", verify, raw_verify, 3.0, "s")
    peer = _peer_verify(blob, key, folder / "peer", timer)
    print(
        f"  package_verify against the peer tools (unzip + bagit.py --validate + minisign -V): "
        f"{verify * 1000:.0f} ms vs {peer * 1000:.0f} ms = {verify / peer:.2f}x (target <= 2x)"
    )
    record("package_verify_peer", verify, peer, 2.0, "s")
    _context(files)


def _hash_verify_and_parse(
    members: list[bytes],
    files: Mapping[str, bytes],
    verifier: Ed25519PublicKey,
    signature: minisign.Signature,
) -> None:
    _hash_and_verify(members, files, verifier, signature)
    for name, data in files.items():
        if name.endswith(".json"):
            json.loads(data)


def _peer_verify(blob: bytes, key: minisign.PublicKey, folder: Path, timer: Timer) -> float:
    """What a user could run instead: unzip, ``bagit.py --validate``, ``minisign -V``.

    bagit-python's ``Bag.validate()`` in this process (what ``bagit.py --validate`` runs, less
    the interpreter start) and the ``minisign`` command on the tag manifest; without minisign on
    the PATH the two Ed25519 verifications stand in for it (said in the output).
    """
    import shutil  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import zipfile  # noqa: PLC0415
    from io import BytesIO  # noqa: PLC0415

    import bagit  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    package = folder / "package.upkg"
    package.write_bytes(blob)
    public_key = folder / "unit.pub"
    public_key.write_text(key.to_file(), encoding="utf-8")
    tool = shutil.which("minisign")
    if tool is None:
        print("  (minisign not on the PATH: the peer's signature check is done in Python)")

    def run() -> None:
        target = folder / "bag"
        shutil.rmtree(target, ignore_errors=True)
        with zipfile.ZipFile(BytesIO(package.read_bytes())) as archive:
            archive.extractall(target)
        bagit.Bag(str(target)).validate()
        if tool is not None:
            subprocess.run(
                [tool, "-V", "-q", "-p", str(public_key), "-m", str(target / bag.TAGMANIFEST)],
                check=True,
                capture_output=True,
            )
        else:
            files = bag.read_zip(blob)
            signature = minisign.parse_signature(files[bag.SIGNATURE].decode("ascii"))
            minisign.verify(key, files[bag.TAGMANIFEST], signature)

    return timer(run, 3)


def _hash_and_sign(
    members: list[bytes],
    files: Mapping[str, bytes],
    private_key: Ed25519PrivateKey,
    signature: minisign.Signature,
) -> None:
    for data in members:
        hashlib.sha256(data).digest()
    digest = hashlib.blake2b(files[bag.TAGMANIFEST], digest_size=64).digest()
    signed = private_key.sign(digest)
    private_key.sign(signed + signature.trusted_comment.encode("utf-8"))


def _hash_and_verify(
    members: list[bytes],
    files: Mapping[str, bytes],
    verifier: Ed25519PublicKey,
    signature: minisign.Signature,
) -> None:
    for data in members:
        hashlib.sha256(data).digest()
    digest = hashlib.blake2b(files[bag.TAGMANIFEST], digest_size=64).digest()
    verifier.verify(signature.signature, digest)
    verifier.verify(
        signature.global_signature,
        signature.signature + signature.trusted_comment.encode("utf-8"),
    )


def _context(files: Mapping[str, bytes]) -> None:
    """One line with costs outside the baselines that no export or verify of these bytes avoids."""
    started = time.perf_counter()
    blob = bag.write_zip(files)
    deflate = time.perf_counter() - started
    started = time.perf_counter()
    bag.read_zip(blob)
    inflate = time.perf_counter() - started
    started = time.perf_counter()
    document = json.loads(files[DATA_JSON])
    parse = time.perf_counter() - started
    started = time.perf_counter()
    json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    encode = time.perf_counter() - started
    print(
        f"  (not in the baselines: zip deflate {deflate * 1000:.0f} ms, inflate with safety "
        f"checks {inflate * 1000:.0f} ms; data.json json.loads {parse * 1000:.0f} ms, "
        f"compact json.dumps {encode * 1000:.0f} ms)"
    )


# -- receiving 1,000 packages at the upper level -----------------------------------------------


@dataclass(frozen=True, slots=True)
class _Made:
    path: Path
    unit: UnitProfile
    public_key: minisign.PublicKey


def bench_receive(folder: Path, record: Record) -> None:
    """Receive ``PACKAGE_COUNT`` packages of as many units into one upper-level workspace."""
    started = time.perf_counter()
    made = _make_packages(folder / "incoming", PACKAGE_COUNT)
    print(f"{len(made)} unit packages built in {time.perf_counter() - started:.1f} s")
    upper_profile = UnitProfile("基准测试市总工会", _code(0, "91310000MA"), level=UnitLevel.UPPER)
    upper = Workspace.create(folder / "upper", upper_profile, PASSPHRASE, throwaway=True)
    try:
        started = time.perf_counter()
        keys_folder = folder / "unit-keys"
        keys_folder.mkdir()
        for item in made:
            key_file = keys_folder / f"{item.unit.credit_code}.pub"
            key_file.write_text(item.public_key.to_file(), encoding="utf-8")
            register(
                upper,
                key_file,
                item.unit.credit_code,
                item.unit.name,
                key_id=item.public_key.key_id_hex,
            )
        print(f"{len(made)} units registered in {time.perf_counter() - started:.1f} s")

        paths = [item.path for item in made]
        started = time.perf_counter()
        outcomes = receive.receive(upper, paths)
        elapsed = time.perf_counter() - started
        refused = [outcome for outcome in outcomes if outcome.status != "received"]
        if refused:
            raise SystemExit(
                f"receive benchmark: {len(refused)} packages not received, first: "
                f"{refused[0].path.name}: {refused[0].status} {refused[0].message}"
            )
        raw = _raw_receive(made, upper.paths.database, folder / "scratch.sqlite")
        record(f"package_receive_{len(made)}", elapsed, raw, 4.0, "s")
    finally:
        upper.close()


def _code(number: int, prefix: str = "91310115") -> str:
    """A valid credit code (GB 32100 check character) for unit ``number``."""
    body = f"{prefix}{number:0{17 - len(prefix)}d}"
    return body + check_character(body)


def _make_packages(folder: Path, count: int) -> list[_Made]:
    """``count`` self-evaluation packages of the demo year, each for its own unit and key.

    The package is made as ``services.cycle.submit.export_package`` makes it (same ``package_meta``,
    data.json and bag-info), but from one demo year in memory rather than 1,000 workspaces.
    """
    folder.mkdir(parents=True)
    template = demo_year(YEAR)
    stage = Stage.parse(STAGE)
    made = []
    for number in range(1, count + 1):
        unit = replace(template.unit, credit_code=_code(number), name=f"基准测试工会{number:04d}")
        data: YearData = replace(template, unit=unit)
        private_key = Ed25519PrivateKey.generate()
        public_key = minisign.public_key_of(private_key)
        meta = submit.package_meta(data, stage, public_key.key_id_hex, None)
        meta["evidence"] = []
        payload = {DATA_JSON: dumps(year_to_json(for_stage(data, stage)))}
        blob = build_package(private_key, meta, payload, submit._bag_info(data, meta))
        path = folder / f"{unit.credit_code}_{YEAR}_{stage.name}_{meta['sequence']}{SUFFIX}"
        path.write_bytes(blob)
        made.append(_Made(path, unit, public_key))
    return made


_RAW_CHUNK = 100
"""Packages whose members the receive floor holds at once (off the clock)."""

_PACKAGE_COLUMNS = (
    "id, unit_code, year, stage, sequence, sha256, package_id, key_id, current, received_at, "
    "file_name, meta_json, data_blob"
)
_SCORE_COLUMNS = (
    "id, package_id, owner_uid, name, category_code, attribute, initial_fen, budget_fen, "
    "executed_fen, total, grade"
)
_BUDGET_COLUMNS = (
    "id, package_id, category_code, last_year_actual_fen, budget_fen, adjustment_fen, executed_fen"
)


def _raw_receive(made: list[_Made], upper_database: Path, scratch: Path) -> float:
    """Floor of receive (issue 17): hashing, verifying, ``json.loads``, then ``executemany``.

    Per package: SHA-256 of the file and of every member, BLAKE2b-512 of the tag manifest, the
    two Ed25519 verifications and ``json.loads`` of every JSON member (the verify floor of
    ``package_verify``, plus the file's hash). Then the rows ``receive`` stored (read back from
    the upper workspace: one per package, its budget lines and scores) go with ``executemany``
    in one transaction into a scratch database with the same pragmas (WAL, synchronous FULL).
    Reading each file and taking its members out of the zip happens off the clock, a chunk of
    packages at a time so that the members of all of them are never held at once.
    """
    source = sqlite3.connect(upper_database)
    try:
        package_rows = source.execute(f"SELECT {_PACKAGE_COLUMNS} FROM received_package").fetchall()
        score_rows = source.execute(f"SELECT {_SCORE_COLUMNS} FROM received_score").fetchall()
        budget_rows = source.execute(f"SELECT {_BUDGET_COLUMNS} FROM received_budget").fetchall()
    finally:
        source.close()

    def opened(item: _Made) -> tuple[bytes, dict[str, bytes], minisign.Signature, Any]:
        blob = item.path.read_bytes()
        files = bag.read_zip(blob)
        signature = minisign.parse_signature(files[bag.SIGNATURE].decode("ascii"))
        return blob, files, signature, item.public_key.verifier()

    def run() -> None:
        scratch.unlink(missing_ok=True)
        connection = sqlite3.connect(scratch)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute(
                "CREATE TABLE received_package (id INTEGER PRIMARY KEY, unit_code TEXT, "
                "year INTEGER, stage TEXT, sequence INTEGER, sha256 TEXT UNIQUE, package_id TEXT, "
                "key_id TEXT, current BOOLEAN, received_at TEXT, file_name TEXT, meta_json TEXT, "
                "data_blob BLOB)"
            )
            connection.execute(
                "CREATE TABLE received_score (id INTEGER PRIMARY KEY, package_id INTEGER "
                "REFERENCES received_package(id), owner_uid TEXT, name TEXT, category_code TEXT, "
                "attribute TEXT, initial_fen INTEGER, budget_fen INTEGER, executed_fen INTEGER, "
                "total TEXT, grade TEXT)"
            )
            connection.execute(
                "CREATE TABLE received_budget (id INTEGER PRIMARY KEY, package_id INTEGER "
                "REFERENCES received_package(id), category_code TEXT, "
                "last_year_actual_fen INTEGER, budget_fen INTEGER, adjustment_fen INTEGER, "
                "executed_fen INTEGER)"
            )
            connection.commit()
            elapsed = 0.0
            for start in range(0, len(made), _RAW_CHUNK):
                chunk = [opened(item) for item in made[start : start + _RAW_CHUNK]]
                started = time.perf_counter()
                for blob, files, signature, verifier in chunk:
                    hashlib.sha256(blob).digest()
                    _hash_verify_and_parse(list(files.values()), files, verifier, signature)
                elapsed += time.perf_counter() - started
                del chunk
            started = time.perf_counter()
            with connection:
                connection.executemany(
                    f"INSERT INTO received_package ({_PACKAGE_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    package_rows,
                )
                connection.executemany(
                    f"INSERT INTO received_score ({_SCORE_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    score_rows,
                )
                connection.executemany(
                    f"INSERT INTO received_budget ({_BUDGET_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    budget_rows,
                )
            timings.append(elapsed + time.perf_counter() - started)
        finally:
            connection.close()

    timings: list[float] = []
    for _ in range(4):
        run()
    timings = sorted(timings[1:])
    return timings[len(timings) // 2]
