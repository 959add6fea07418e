"""A large receive in batches: which packages go into one transaction, and what each claims.

Storing a package costs a handful of statements; committing costs a disk flush. A batch of
packages is therefore stored in one transaction (a savepoint each), and before it starts the
store is told which units and packages the batch holds (:meth:`RegisterPort.prepare_receipts`),
so that it locks those units in one go, in code order, and answers "already received?" and
"the stage's current package" for all of them from a few queries.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from unionperf.exchange import age, bag
from unionperf.exchange.package import VerifiedPackage, comment_fields
from unionperf.services.common.progress import Progress
from unionperf.services.common.verify import read_package
from unionperf.services.upper.intake import package_signature

BATCH_PACKAGES = 50
"""At most this many packages in one transaction."""
BATCH_SECONDS = 2.0
"""A batch is closed once its packages took this long to verify (large packages: few a batch)."""
BATCH_BYTES = 32 * 1024 * 1024
"""…or once its package files add up to this much (bounds the memory verified packages hold)."""

Item = tuple[Path, VerifiedPackage | None]


def batches(files: Iterable[Item], progress: Progress) -> Iterator[list[Item]]:
    """Consecutive files grouped into batches (count, time and size bounded), in order.

    Grouping stops early when the user cancels: the batch then holds what was read so far.
    """
    batch: list[Item] = []
    size = 0
    started = time.monotonic()
    for item in files:
        batch.append(item)
        size += _size(item)
        full = len(batch) >= BATCH_PACKAGES or size >= BATCH_BYTES
        if full or time.monotonic() - started >= BATCH_SECONDS or progress.cancelled():
            yield batch
            batch, size, started = [], 0, time.monotonic()
    if batch:
        yield batch


def claims(
    batch: Iterable[Item], read: dict[Path, tuple[bytes, str]] | None = None
) -> list[tuple[str, str]]:
    """(unit code, SHA-256) of each package of a batch that can be read and names a unit.

    A package a worker verified says both; any other file is read and its signature's trusted
    comment consulted (it is not trusted for anything but this grouping: the writer still
    verifies). Encrypted or unreadable files are left out; they lock their unit when stored.
    Each plain package file read here is put in ``read`` with its SHA-256, so that the writer
    stores the very bytes the batch was prepared for without reading and hashing them again.
    """
    found = []
    for path, checked in batch:
        if checked is not None:
            found.append((checked.unit_code, checked.sha256))
            continue
        try:
            blob = read_package(path)
            if age.is_encrypted(blob):
                continue
            members = {bag.SIGNATURE: bag.read_member(blob, bag.SIGNATURE)}
            unit = comment_fields(package_signature(members).trusted_comment).get("unit", "")
        except Exception:  # any damage: the writer reports it when it stores the package
            continue
        digest = bag.sha256(blob)
        if read is not None:
            read[path] = (blob, digest)
        if unit:
            found.append((unit, digest))
    return found


def _size(item: Item) -> int:
    path, checked = item
    if checked is not None:
        return sum(len(member) for member in checked.payload.values())
    try:
        return path.stat().st_size
    except OSError:
        return 0
