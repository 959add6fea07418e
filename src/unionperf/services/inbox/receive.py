"""Receiving packages at either level: verify, dispatch, or refuse into quarantine.

A subordinate's package goes to :mod:`unionperf.services.upper.intake`; the upper level's feedback
arriving at a unit goes to :mod:`unionperf.services.cycle.feedback`, its parameter package to
:mod:`unionperf.services.cycle.params`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from unionperf.exchange import bag
from unionperf.exchange.errors import PackageError
from unionperf.exchange.file_names import SUFFIX
from unionperf.exchange.package import PARAMS_KIND, VerifiedPackage, comment_fields
from unionperf.services.common import transport
from unionperf.services.common.errors import LostRaceError, ServiceError
from unionperf.services.common.ports import UnitOfWorkPort
from unionperf.services.common.progress import NO_PROGRESS, Cancelled, Progress
from unionperf.services.common.verify import read_package
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.feedback import receive_feedback
from unionperf.services.cycle.params import receive_params
from unionperf.services.inbox.batching import batches, claims
from unionperf.services.inbox.fanout import verified_files
from unionperf.services.upper.intake import package_signature, take_in

RECEIVED_FOLDER = "received"
QUARANTINE_FOLDER = "quarantine"
REASON_SUFFIX = ".reason.txt"
_STAMP = "%Y%m%dT%H%M%S%f"
_SUFFIXES = (SUFFIX, SUFFIX + transport.ENCRYPTED_SUFFIX)

RULE_REFUSALS = frozenset({"replay", "unregistered", "no-key", "kind", "untrusted", "file"})
"""Refusal codes of a package that is not taken for a rule (an older sequence, a unit not
registered, not a submission, an unreadable file); every other refusal means the package is
damaged or not what it claims (signature, manifests, schemas, zip safety): it is quarantined."""


class OutcomeKind(StrEnum):
    """What happened to a package, as the result list groups it."""

    RECEIVED = "received"
    SUPERSEDED = "superseded"
    """Received, and it replaced an earlier package of the stage (kept as superseded)."""
    ALREADY_RECEIVED = "already-received"
    REFUSED = "refused"
    """Not taken for a rule (older than the one received, unit not registered, …)."""
    QUARANTINED = "quarantined"
    """Failed verification: damaged or not genuine; kept under ``quarantine/`` with the reason."""

    @property
    def label(self) -> str:
        """The Chinese name of the result list."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    OutcomeKind.RECEIVED: "已接收",
    OutcomeKind.SUPERSEDED: "已接收（替换旧版）",
    OutcomeKind.ALREADY_RECEIVED: "已接收过",
    OutcomeKind.REFUSED: "已拒收",
    OutcomeKind.QUARANTINED: "已隔离",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one package given to ``receive``."""

    path: Path
    status: str
    """``received``, ``received (supersedes N)``, ``already received``, ``refused``…"""
    message: str
    code: str = ""
    """The refusal's code (docs/package-format.md); empty when not refused."""
    unit_code: str = ""
    year: int | None = None
    stage: str = ""
    sequence: int | None = None
    supersedes: int | None = None
    """The sequence it replaced as the stage's current package, if any."""

    @property
    def refused(self) -> bool:
        """Whether the package was refused (and quarantined)."""
        return self.status.startswith("refused")

    @property
    def kind(self) -> OutcomeKind:
        """The result list's group."""
        if self.refused:
            if self.code in RULE_REFUSALS:
                return OutcomeKind.REFUSED
            return OutcomeKind.QUARANTINED
        if self.status == "already received":
            return OutcomeKind.ALREADY_RECEIVED
        return OutcomeKind.SUPERSEDED if self.supersedes is not None else OutcomeKind.RECEIVED


@dataclass(frozen=True, slots=True)
class QuarantineEntry:
    """A refused package kept under ``quarantine/`` with its reason."""

    file: Path | None
    """The copy of the package (``None`` when the file itself could not be read)."""
    name: str
    """The package's file name as it was given."""
    reason: str
    refused_at: str
    """When it was refused (UTC, ISO)."""


def collect_packages(paths: Iterable[Path]) -> list[Path]:
    """The package files to receive: files as given, folders searched for ``*.upkg``.

    Encrypted packages (``*.upkg.age``) in folders are taken too.

    Folders are walked with their subfolders (symbolic links to folders are not followed),
    files in name order. A path that does not exist is kept, so that its refusal is reported;
    a file named twice is received twice (the second time it is "already received").
    """
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for folder, folders, files in os.walk(path):
            folders.sort()
            found += [
                Path(folder) / name for name in sorted(files) if name.lower().endswith(_SUFFIXES)
            ]
    return found


def receive(
    workspace: Workspace,
    paths: Iterable[Path],
    *,
    progress: Progress = NO_PROGRESS,
    clock: Callable[[], str] | None = None,
    passphrase: str | None = None,
    workers: int = 1,
) -> list[Outcome]:
    """Verify and import packages; each is all-or-nothing, refused ones go to ``quarantine/``.

    A package encrypted to this workspace (``.upkg.age``, recognised by its content) is
    decrypted with the workspace's age identity, unlocked once with ``passphrase`` before the
    batch starts, and then verified as usual; the signed package is what is stored.

    The batch runs in one transaction with a savepoint per package: a refused or failing
    package leaves no trace but its quarantine copy, and the others are committed together.
    The store is told each group of packages before it stores them (:mod:`.batching`), and
    answers what it holds of them from a few queries.
    The copies under ``received/`` are written before the commit and removed when the batch or
    their package is rolled back; copies a killed batch left without rows are removed first.

    Args:
        workspace: the workspace receiving (upper level, or a unit receiving its feedback).
        paths: package files and folders (see :func:`collect_packages`).
        progress: told after each package; when it asks to stop, :class:`Cancelled` is raised
            and nothing of the batch is kept (its quarantine copies are removed too).
        clock: the time of receipt recorded for each package (UTC ISO; default: now).
        passphrase: unlocks the workspace's age identity once for the batch's encrypted
            packages (``.upkg.age``); needed only when there are some.
        workers: processes that verify packages ahead of the writer (:mod:`.fanout`); this
            process alone writes. Workers leave encrypted packages alone: the writer decrypts
            and verifies them itself.

    Raises:
        ServiceError: encrypted packages and no or a wrong passphrase (before anything is done).

    Returns:
        One outcome per package file, in the order received.

    On PostgreSQL, where several programs may receive at once, each group of packages is its
    own short transaction instead (see :func:`_receive_each`).
    """
    files = collect_packages(paths)
    outcomes: list[Outcome] = []
    stored: list[Path] = []
    quarantined: list[Path] = []
    identity = transport.identity_for_batch(workspace, files, passphrase)
    unit = workspace.unit()
    own_code = unit.credit_code if unit else ""
    on_server = workspace.database_url is not None  # verify ahead of the writer's transaction
    verified = verified_files(workspace, files, workers, ahead=on_server)
    if on_server:
        return _receive_each(
            workspace, verified, (len(files), own_code, identity), progress=progress, clock=clock
        )
    remove_orphan_copies(workspace)
    try:
        with workspace.unit_of_work() as uow:
            done = 0
            for group in batches(verified, progress):
                read: dict[Path, tuple[bytes, str]] = {}
                uow.register.prepare_receipts(claims(group, read))
                for path, checked in group:
                    if progress.cancelled():
                        raise Cancelled
                    received_at = clock() if clock is not None else None
                    batch = _Batch(
                        workspace,
                        uow,
                        own_code,
                        stored,
                        quarantined,
                        checked,
                        identity,
                        read.pop(path, None),
                    )
                    outcomes.append(_receive_guarded(batch, path, received_at))
                    done += 1
                    progress.step(done, len(files))
    except BaseException as error:
        for item in stored:
            item.unlink(missing_ok=True)
        if isinstance(error, Cancelled):
            for item in quarantined:
                item.unlink(missing_ok=True)
        raise
    return outcomes


RACE_RETRIES = 5
"""How often a batch that lost a race with another receiver is run again before giving up."""


def _receive_each(
    workspace: Workspace,
    files: Iterable[tuple[Path, VerifiedPackage | None]],
    batch_of: tuple[int, str, str | None],
    *,
    progress: Progress,
    clock: Callable[[], str] | None,
) -> list[Outcome]:
    """Receive into a PostgreSQL store: a batch of packages per transaction (:mod:`.batching`).

    Other programs may receive into the same database meanwhile. The packages of a batch were
    verified before its transaction starts (by the workers, or here), so no lock is held while
    verifying; the transaction locks the batch's units in code order, stores each package in a
    savepoint (a refused one leaves no trace) and commits. A batch that loses a race with
    another receiver (deadlock, serialization failure, duplicate key) is rolled back and run
    again, up to :data:`RACE_RETRIES` times, then reported. Cancelling stops before the next
    package; the packages already stored (the batch so far included) stay received.
    ``batch_of`` is the number of files, the receiving unit's code and the unlocked age identity.
    Copies under ``received/`` of a rolled-back batch are removed while their units are locked
    again, and only when no committed row names them (never another program's copies).
    """
    count, own_code, identity = batch_of
    outcomes: list[Outcome] = []
    for group in batches(files, progress):
        for attempt in range(RACE_RETRIES + 1):
            stored: list[Path] = []
            quarantined: list[Path] = []
            taken: list[Outcome] = []
            try:
                with workspace.unit_of_work() as uow:
                    read: dict[Path, tuple[bytes, str]] = {}
                    uow.register.prepare_receipts(claims(group, read))
                    for path, checked in group:
                        if progress.cancelled():
                            break
                        received_at = clock() if clock is not None else None
                        batch = _Batch(
                            workspace,
                            uow,
                            own_code,
                            stored,
                            quarantined,
                            checked,
                            identity,
                            read.pop(path, None),
                        )
                        taken.append(_receive_guarded(batch, path, received_at))
                        progress.step(len(outcomes) + len(taken), count)
                break
            except BaseException as error:
                _discard_copies(workspace, stored)
                for item in quarantined:
                    item.unlink(missing_ok=True)  # refused again when the batch runs again
                if not isinstance(error, LostRaceError) or attempt == RACE_RETRIES:
                    raise
        outcomes += taken
        if len(taken) < len(group):
            raise Cancelled
    return outcomes


def _discard_copies(workspace: Workspace, stored: list[Path]) -> None:
    """Remove a rolled-back batch's copies under ``received/`` that no committed row names.

    Their units are locked meanwhile: another receiver that took the same package after the
    rollback has either committed its row (the copy is its, kept) or waits.
    """
    if not stored:
        return
    root = workspace.paths.root
    # the database gone too: the copies stay (unnamed files do no harm); the batch's own error
    # is the one to report
    with contextlib.suppress(ServiceError, OSError), workspace.unit_of_work() as uow:
        named = uow.register.received_files(sorted({item.parent.name for item in stored}))
        for item in stored:
            if item.relative_to(root).as_posix() not in named:
                item.unlink(missing_ok=True)


def quarantine_list(workspace: Workspace) -> list[QuarantineEntry]:
    """The refused packages kept under ``quarantine/``, newest first, each with its reason."""
    folder = workspace.paths.root / QUARANTINE_FOLDER
    if not folder.is_dir():
        return []
    entries = []
    for reason_file in folder.glob(f"*{REASON_SUFFIX}"):
        copy = reason_file.with_name(reason_file.name.removesuffix(REASON_SUFFIX))
        stamp, _, name = copy.name.partition("_")
        try:
            refused_at = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
            at = refused_at.isoformat(timespec="seconds")
        except ValueError:
            at, name = "", copy.name
        try:
            reason = reason_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            reason = ""
        entries.append(QuarantineEntry(copy if copy.is_file() else None, name, reason, at))
    return sorted(entries, key=lambda entry: (entry.refused_at, entry.name), reverse=True)


def remove_orphan_copies(workspace: Workspace) -> list[Path]:
    """Remove the files under ``received/`` that no received row names (a killed batch's).

    Returns:
        The files removed.
    """
    folder = workspace.paths.root / RECEIVED_FOLDER
    if not folder.is_dir():
        return []
    with workspace.reading() as uow:
        kept = {workspace.paths.root / item.file_name for item in uow.register.received()}
    removed = []
    for item in folder.rglob("*"):
        if item.is_file() and item not in kept:
            item.unlink(missing_ok=True)
            removed.append(item)
    return removed


@dataclass(frozen=True, slots=True)
class _Batch:
    """One ``receive`` call: its workspace and transaction, and the files it wrote so far."""

    workspace: Workspace
    uow: UnitOfWorkPort
    own_code: str
    stored: list[Path]
    """Copies under ``received/`` (deleted if the batch fails)."""
    quarantined: list[Path]
    """Quarantine copies and reasons (deleted if the batch is cancelled)."""
    verified: VerifiedPackage | None = None
    """The package as a worker process verified it (:mod:`.fanout`), if it did."""
    identity: str | None = None
    """The workspace's age identity, unlocked for the batch's encrypted packages."""
    read: tuple[bytes, str] | None = None
    """The file's bytes and SHA-256, when the batch read them already (:func:`.claims`)."""


def _receive_guarded(batch: _Batch, path: Path, received_at: str | None) -> Outcome:
    stored = batch.stored
    written = len(stored)
    try:
        with batch.uow.savepoint():
            return _receive_one(batch, path, received_at)
    except (PackageError, ServiceError) as error:
        for item in stored[written:]:  # this package's copy: its row was rolled back
            item.unlink(missing_ok=True)
        del stored[written:]
        batch.quarantined.extend(_quarantine(batch.workspace, path, str(error)))
        status = "refused"
        code = error.code if isinstance(error, PackageError) else "file"
        if code == "replay":
            status = "refused (older than the one received)"
        return Outcome(path, status, str(error), code, **_named(path))


def _receive_one(batch: _Batch, path: Path, received_at: str | None) -> Outcome:
    if batch.read is not None:  # a plain package, read and hashed once for the batch
        blob, digest = batch.read
        outcome = _receive_plain(batch, (path, blob), received_at, digest)
        decrypted = False
    else:
        blob, decrypted = transport.plain_package(read_package(path), batch.identity)
        outcome = _receive_plain(batch, (path, blob), received_at)
    if decrypted and not outcome.refused:
        return replace(outcome, message=f"{outcome.message}（加密传送，已解密）")
    return outcome


def _receive_plain(
    batch: _Batch, source: tuple[Path, bytes], received_at: str | None, digest: str = ""
) -> Outcome:
    path, blob = source
    digest = digest or bag.sha256(blob)
    records, own_records = batch.uow.register, batch.uow.submissions
    if (
        records.is_received(digest)
        or own_records.has_feedback(digest)
        or batch.uow.params.has_applied(digest)
    ):
        return Outcome(
            path, "already received", "该数据包已接收过（内容完全相同）", **_named(path, blob)
        )
    try:
        members = bag.read_zip(blob)
    except bag.BagError as error:
        raise PackageError(error.code, str(error)) from error
    signature = package_signature(members)
    fields = comment_fields(signature.trusted_comment)
    if fields.get("kind") == PARAMS_KIND:
        return Outcome(path, "received", receive_params(batch.uow, blob, members))
    claimed = fields.get("unit", "")
    if not claimed:
        raise PackageError("signature", "签名中没有单位代码")
    if claimed == batch.own_code:
        return Outcome(path, "received", receive_feedback(own_records, blob, members))
    taken = take_in(
        batch.workspace,
        batch.uow,
        (blob, members, signature),
        claimed,
        batch.stored,
        received_at=received_at,
        verified=batch.verified,
        sha256=digest,
    )
    return Outcome(
        path,
        taken.status,
        taken.message,
        unit_code=taken.unit_code,
        year=taken.year,
        stage=taken.stage,
        sequence=taken.sequence,
        supersedes=taken.supersedes,
    )


def _named(path: Path, blob: bytes | None = None) -> dict[str, Any]:
    """Unit, year, stage and sequence as the package's signed comment names them.

    For a package already received the comment is the one verified when it was first taken
    in; for a refused one it is what the package claims (nothing when it cannot be read).
    """
    try:
        data = blob if blob is not None else read_package(path)
        members = {bag.SIGNATURE: bag.read_member(data, bag.SIGNATURE)}
        fields = comment_fields(package_signature(members).trusted_comment)
    except (bag.BagError, PackageError, ServiceError):
        return {}
    if fields.get("kind") == PARAMS_KIND:
        return {"sequence": _number(fields.get("seq", ""))}
    return {
        "unit_code": fields.get("unit", ""),
        "year": _number(fields.get("year", "")),
        "stage": fields.get("stage", ""),
        "sequence": _number(fields.get("seq", "")),
    }


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _quarantine(workspace: Workspace, path: Path, reason: str) -> list[Path]:
    """Copy a refused package and its reason to ``quarantine/``; returns the files written."""
    folder = workspace.paths.root / QUARANTINE_FOLDER
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime(_STAMP)
        target = folder / f"{stamp}_{path.name}"
        if path.is_file():
            shutil.copyfile(path, target)
            written.append(target)
        note = target.with_name(target.name + REASON_SUFFIX)
        note.write_text(reason + "\n", encoding="utf-8")
        written.append(note)
    except OSError:
        pass  # the refusal itself is reported; a failed copy must not hide it
    return written
