"""Export benchmark (issue 17): the large unit's package without its forms against its floor.

``package_export_data``: ``services.cycle.submit.export_package(..., forms=False)`` on the
self-evaluation stage of the large demo unit (200 projects × 20 indicators × 12 monitoring
points) — the real export path (load the year through the store, check the stage, score it,
unlock the signing key, write data.json and package.json, hash, sign, zip, write the file
durably, log the submission) with only the PDF and XLSX forms left out (``forms_all`` in
bench/bench_forms.py times those). Target ≤ 3× its floor.

The floor is the unavoidable work of the same bytes, each step done with the plain library:

- the raw ``sqlite3`` read of every row of the year (``raw_read`` of bench/run.py, the
  ``store_load_year`` baseline);
- ``json.dumps`` of the package's ``data.json`` and ``package.json`` documents with the
  package's options (sorted keys; data.json compact, package.json indented) and their UTF-8
  encoding; the documents are parsed from the exported package before the clock starts;
- SHA-256 of every member, BLAKE2b-512 of the tag manifest;
- signing: opening the unit's minisign secret-key file (``hashlib.scrypt`` with the file's own
  parameters, which ``minisign -S`` pays as well) and the two Ed25519 signatures;
- the zip (``zipfile``, members stored as the package format has them, into memory) and writing
  it to a file with ``fsync``.

Not in the floor: turning the store's rows into the year, checking and scoring it, turning the
year into the JSON document, the bag's tag files, the canonical zip layout, the atomic rename
and the submission log. Because the key's scrypt is on both sides (about 0.8 s of CPU with the
workspace's cost, more than the rest of the floor), the output also gives the ratio with it
taken out of both sides (the export's time less the floor's scrypt).

Both are timed in the same run, medians of 3 (export) and 5 (floor) after one warm-up; wall
clock as the other figures, and the CPU time of the same calls on a second line.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import statistics
import time
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from unionperf.exchange import bag, minisign
from unionperf.exchange.keys import PRIVATE_NAME
from unionperf.exchange.package import DATA_JSON, PACKAGE_JSON
from unionperf.exchange.secret_key import ScryptCost
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import submit

YEAR = 2024
STAGE = "self-evaluation"
PASSPHRASE = "demo"

Record = Callable[[str, float, "float | None", float, str], None]
Timer = Callable[[Callable[[], Any], int], float]


def bench_export(
    workspace: Workspace, folder: Path, raw_read: Callable[[], int], record: Record, timer: Timer
) -> None:
    """Export the large unit's package without forms, against the floor of the same bytes."""
    out = folder / "export-data"
    exports: list[submit.ExportResult] = []
    export_cpu: list[float] = []

    def export() -> None:
        started = time.process_time()
        exports.append(submit.export_package(workspace, YEAR, STAGE, out, PASSPHRASE, forms=False))
        export_cpu.append(time.process_time() - started)

    seconds = timer(export, 3)
    files = bag.read_zip(exports[-1].path.read_bytes())
    if any(name.startswith("data/forms/") for name in files):
        raise SystemExit("package_export_data: the package has forms")
    floor = _Floor(workspace, folder / "floor", raw_read, files)
    floor_cpu: list[float] = []

    def run_floor() -> None:
        started = time.process_time()
        floor.run()
        floor_cpu.append(time.process_time() - started)

    floor_seconds = timer(run_floor, 5)
    scrypt_cpu: list[float] = []

    def unlock() -> None:
        started = time.process_time()
        floor.unlock()
        scrypt_cpu.append(time.process_time() - started)

    timer(unlock, 3)
    print(
        f"  package without forms: {sum(len(data) for data in files.values()) / 1e6:.2f} MB in "
        f"{len(files)} members; floor parts (wall, last run): {floor.parts()}"
    )
    # CPU time of the same calls, the warm-up left out: steadier than wall time on a busy machine.
    export_cpu_median = statistics.median(export_cpu[1:])
    floor_cpu_median = statistics.median(floor_cpu[1:])
    scrypt = statistics.median(scrypt_cpu[1:])
    print(
        f"  CPU time, medians: export {export_cpu_median * 1000:.0f} ms, floor "
        f"{floor_cpu_median * 1000:.0f} ms = {export_cpu_median / floor_cpu_median:.2f}x; "
        f"the key's scrypt is {scrypt * 1000:.0f} ms of each; without it on both sides "
        f"{(export_cpu_median - scrypt) * 1000:.0f} ms vs {(floor_cpu_median - scrypt) * 1000:.0f} "
        f"ms = {(export_cpu_median - scrypt) / (floor_cpu_median - scrypt):.2f}x"
    )
    record("package_export_data", seconds, floor_seconds, 3.0, "s")


class _Floor:
    """The plain-library work of exporting the same members (see the module's docstring)."""

    def __init__(
        self,
        workspace: Workspace,
        folder: Path,
        raw_read: Callable[[], int],
        files: Mapping[str, bytes],
    ) -> None:
        self.raw_read = raw_read
        self.files = files
        self.documents = {name: json.loads(files[name]) for name in (DATA_JSON, PACKAGE_JSON)}
        self.key_file = (workspace.paths.keys / PRIVATE_NAME).read_text("ascii")
        self.signature = minisign.parse_signature(files[bag.SIGNATURE].decode("ascii"))
        folder.mkdir(parents=True, exist_ok=True)
        self.target = folder / "package.upkg"
        self.timings: dict[str, float] = {}

    def run(self) -> None:
        """The whole floor once."""
        self._timed("raw read", self.raw_read)
        self._timed("json.dumps", self.encode)
        self._timed("hashes", self.hash)
        private_key = self._timed("scrypt", self.unlock)
        self._timed("signatures", lambda: self.sign(private_key))
        self._timed("zip and write", self.write)

    def encode(self) -> None:
        """The package's two JSON documents, with the package's options."""
        data = json.dumps(
            self.documents[DATA_JSON], ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        (data + "\n").encode()
        meta = json.dumps(
            self.documents[PACKAGE_JSON], ensure_ascii=False, sort_keys=True, indent=2
        )
        (meta + "\n").encode()

    def hash(self) -> None:
        """SHA-256 of every member but the signature, BLAKE2b-512 of the tag manifest."""
        for name, data in self.files.items():
            if name != bag.SIGNATURE:
                hashlib.sha256(data).digest()
        hashlib.blake2b(self.files[bag.TAGMANIFEST], digest_size=64).digest()

    def unlock(self) -> Ed25519PrivateKey:
        """Open the minisign secret-key file: scrypt with its parameters, then the XOR."""
        blob = base64.b64decode(self.key_file.strip().splitlines()[-1])
        cost = ScryptCost(
            int.from_bytes(blob[38:46], "little"), int.from_bytes(blob[46:54], "little")
        )
        n, r, p = cost.parameters()
        stream = hashlib.scrypt(
            PASSPHRASE.encode(),
            salt=blob[6:38],
            n=n,
            r=r,
            p=p,
            maxmem=2 * 128 * n * r * p + (64 << 20),
            dklen=104,
        )
        material = bytes(a ^ b for a, b in zip(blob[54:], stream, strict=True))
        return Ed25519PrivateKey.from_private_bytes(material[8:40])

    def sign(self, private_key: Ed25519PrivateKey) -> None:
        """The two Ed25519 signatures of the minisign format."""
        digest = hashlib.blake2b(self.files[bag.TAGMANIFEST], digest_size=64).digest()
        signed = private_key.sign(digest)
        private_key.sign(signed + self.signature.trusted_comment.encode("utf-8"))

    def write(self) -> None:
        """Zip the members (stored) into memory and write the file durably."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
            for name, data in self.files.items():
                archive.writestr(name, data)
        with self.target.open("wb") as handle:
            handle.write(buffer.getvalue())
            handle.flush()
            os.fsync(handle.fileno())

    def parts(self) -> str:
        """The last run's parts in milliseconds."""
        return ", ".join(
            f"{name} {seconds * 1000:.0f} ms" for name, seconds in self.timings.items()
        )

    def _timed(self, name: str, call: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = call()
        self.timings[name] = time.perf_counter() - started
        return result
