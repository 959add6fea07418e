"""Verification of a large receive fanned out over processes; one writer stores the results.

Checking a package (zip safety, manifests, signature, schemas, decoding the year) is CPU-bound
and independent of every other package, so a large batch verifies in worker processes, a chunk
at a time, while the receiving process alone writes to the store. Workers see a snapshot of the
register (units and their keys) taken when the batch starts; the writer still decides everything
against the store itself — which key must have signed, replays, duplicates — and uses a worker's
result only when it was verified with that very key and is the very file (same SHA-256).
Anything a worker could not verify is verified again by the writer, which then reports the
refusal in its own words: the outcome is the same as without workers. Encrypted packages
(``.upkg.age``) are left to the writer too: only it holds the unlocked age identity, so it
decrypts and verifies them in-process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from unionperf.exchange import age, bag
from unionperf.exchange.package import VerifiedPackage, comment_fields, verify_package
from unionperf.services.common.verify import read_package
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.intake import package_signature, signing_key
from unionperf.store.register import Subordinate

CHUNK_PER_WORKER = 16
"""Packages per worker in one chunk: enough to keep them busy, few enough to bound memory."""

_register: dict[str, Subordinate] = {}


def _start_worker(register: dict[str, Subordinate]) -> None:
    global _register  # noqa: PLW0603 - the worker process's own copy of the register snapshot
    _register = register


def verify_file(path: Path) -> VerifiedPackage | None:
    """Verify one package file with its unit's registered key (``None``: left to the writer)."""
    try:
        blob = read_package(path)
        if age.is_encrypted(blob):
            return None  # the writer decrypts it with the identity only it holds
        members = bag.read_zip(blob)
        signature = package_signature(members)
        registered = _register.get(comment_fields(signature.trusted_comment).get("unit", ""))
        if registered is None or not registered.has_key:
            return None
        key, _rotated = signing_key(members, signature, registered)
        return verify_package(blob, key, members=members)
    except Exception:  # any failure: the writer verifies it again and reports it
        return None


def _verified_here(
    register: dict[str, Subordinate], files: Sequence[Path]
) -> Iterator[tuple[Path, VerifiedPackage | None]]:
    global _register  # noqa: PLW0603 - this process verifies as a worker would
    kept = _register
    _register = register
    try:
        for path in files:
            yield path, verify_file(path)
    finally:
        _register = kept


def verified_files(
    workspace: Workspace, files: Sequence[Path], workers: int, *, ahead: bool = False
) -> Iterator[tuple[Path, VerifiedPackage | None]]:
    """Each file with its verification result, in order, computed by ``workers`` processes.

    The next chunk is verified while the writer stores the current one. With one worker (or a
    handful of files) nothing is fanned out: every result is ``None`` and the writer verifies
    each package itself, inside its transaction — unless ``ahead``: then this process verifies
    each file as it is asked for the next, before the writer's transaction (PostgreSQL, where
    a transaction holds locks other receivers wait for).
    """
    fan_out = workers > 1 and len(files) >= 2 * workers
    if not fan_out and not ahead:
        yield from ((path, None) for path in files)
        return
    with workspace.reading() as uow:
        register = {unit.unit_code: unit for unit in uow.register.subordinates()}
    if not fan_out:
        yield from _verified_here(register, files)
        return
    size = CHUNK_PER_WORKER * workers
    chunks = [list(files[start : start + size]) for start in range(0, len(files), size)]
    context = multiprocessing.get_context("spawn")  # no fork of a process that may run Qt
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(register,)
    ) as pool:
        pending = [pool.submit(verify_file, path) for path in chunks[0]]
        for number, chunk in enumerate(chunks):
            current = pending
            if number + 1 < len(chunks):
                pending = [pool.submit(verify_file, path) for path in chunks[number + 1]]
            for path, future in zip(chunk, current, strict=True):
                yield path, future.result()
