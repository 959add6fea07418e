"""Receiving packages at either level: verify, dispatch, or refuse into quarantine.

A subordinate's package goes to :mod:`unionperf.services.upper.intake`; the upper level's feedback
arriving at a unit goes to :mod:`unionperf.services.cycle.feedback`, its parameter package to
:mod:`unionperf.services.cycle.params`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from unionperf.exchange import bag
from unionperf.exchange.errors import PackageError
from unionperf.exchange.package import PARAMS_KIND, comment_fields
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.ports import UnitOfWorkPort
from unionperf.services.common.verify import read_package
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.feedback import receive_feedback
from unionperf.services.cycle.params import receive_params
from unionperf.services.upper.intake import package_signature, take_in

RECEIVED_FOLDER = "received"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one package given to ``receive``."""

    path: Path
    status: str
    """``received``, ``superseded``…, ``already received``, ``refused``."""
    message: str
    code: str = ""
    """The refusal's code (docs/package-format.md §7); empty when not refused."""

    @property
    def refused(self) -> bool:
        """Whether the package was refused (and quarantined)."""
        return self.status.startswith("refused")


def receive(workspace: Workspace, paths: Iterable[Path]) -> list[Outcome]:
    """Verify and import packages; each is all-or-nothing, refused ones go to ``quarantine/``.

    The batch runs in one transaction with a savepoint per package: a refused or failing
    package leaves no trace but its quarantine copy, and the others are committed together.
    The copies under ``received/`` are written before the commit and removed when the batch or
    their package is rolled back; copies a killed batch left without rows are removed first.
    """
    outcomes: list[Outcome] = []
    stored: list[Path] = []
    unit = workspace.unit()
    own_code = unit.credit_code if unit else ""
    remove_orphan_copies(workspace)
    try:
        with workspace.unit_of_work() as uow:
            for path in paths:
                outcomes.append(_receive_guarded(workspace, uow, path, own_code, stored))
    except BaseException:
        for item in stored:
            item.unlink(missing_ok=True)
        raise
    return outcomes


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


def _receive_guarded(
    workspace: Workspace, uow: UnitOfWorkPort, path: Path, own_code: str, stored: list[Path]
) -> Outcome:
    written = len(stored)
    try:
        with uow.savepoint():
            return _receive_one(workspace, uow, path, own_code, stored)
    except (PackageError, ServiceError) as error:
        for item in stored[written:]:  # this package's copy: its row was rolled back
            item.unlink(missing_ok=True)
        del stored[written:]
        _quarantine(workspace, path, str(error))
        status = "refused"
        code = error.code if isinstance(error, PackageError) else "file"
        if code == "replay":
            status = "refused (older than the one received)"
        return Outcome(path, status, str(error), code)


def _receive_one(
    workspace: Workspace, uow: UnitOfWorkPort, path: Path, own_code: str, stored: list[Path]
) -> Outcome:
    blob = read_package(path)
    digest = bag.sha256(blob)
    records, own_records = uow.register, uow.submissions
    if (
        records.is_received(digest)
        or own_records.has_feedback(digest)
        or uow.params.has_applied(digest)
    ):
        return Outcome(path, "already received", "该数据包已接收过（内容完全相同）")
    try:
        members = bag.read_zip(blob)
    except bag.BagError as error:
        raise PackageError(error.code, str(error)) from error
    signature = package_signature(members)
    fields = comment_fields(signature.trusted_comment)
    if fields.get("kind") == PARAMS_KIND:
        return Outcome(path, "received", receive_params(uow, blob, members))
    claimed = fields.get("unit", "")
    if not claimed:
        raise PackageError("signature", "签名中没有单位代码")
    if claimed == own_code:
        return Outcome(path, "received", receive_feedback(own_records, blob, members))
    status, message = take_in(workspace, uow, (blob, members, signature), claimed, stored)
    return Outcome(path, status, message)


def _quarantine(workspace: Workspace, path: Path, reason: str) -> None:
    folder = workspace.paths.root / "quarantine"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = folder / f"{stamp}_{path.name}"
        if path.is_file():
            shutil.copyfile(path, target)
        target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
    except OSError:
        pass  # the refusal itself is reported; a failed copy must not hide it
