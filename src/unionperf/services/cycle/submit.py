"""Export: the signed package of a stage, refused while a problem blocks it (product.md §5)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unionperf import __version__
from unionperf.domain.problems import Problem
from unionperf.domain.validation import blocking_problems, check_stage
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.exchange import minisign
from unionperf.exchange.bag import sha256
from unionperf.exchange.codec import DATA_FORMAT_VERSION, for_stage
from unionperf.exchange.codec_write import year_to_json
from unionperf.exchange.file_names import package_file_name
from unionperf.exchange.gc_pause import without_automatic_collection
from unionperf.exchange.package import (
    ANNOUNCEMENTS_JSON,
    DATA_JSON,
    FORMAT_VERSION,
    build_package,
    dumps,
    score_summary,
)
from unionperf.services.common import signing, transport
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.common.files import write_atomically
from unionperf.services.common.stages import parse_stage
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.evidence import payload_files
from unionperf.store.submissions import Submission

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

__all__ = [
    "ExportRefusedError",
    "ExportResult",
    "Submission",
    "data_package",
    "export_package",
    "package_meta",
    "submissions",
]


class ExportRefusedError(ServiceError):
    """The stage still has problems that block submission; ``problems`` lists them."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(
            f"还有{len(problems)}个问题未解决，不能报送。第一个：{first.code.value} "
            f"{first.where.label}：{first.message}"
        )
        self.problems = problems

    def details(self) -> list[str]:
        """Every blocking problem with its code, severity and place."""
        return [
            f"{p.code.value} [{p.severity.value}] {p.where.label}：{p.message}"
            for p in self.problems
        ]


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The written package and its log entry."""

    path: Path
    submission: Submission


def export_package(
    workspace: Workspace,
    year: int,
    stage_name: str,
    out_dir: Path,
    passphrase: str,
    *,
    encrypt: bool = False,
    forms: bool = True,
) -> ExportResult:
    """Check, sign and write the package of one stage into ``out_dir`` and log it.

    With ``encrypt``, only ``<name>.upkg.age`` is written: the signed package encrypted to the
    upper level's age recipient (refused before anything is signed when the unit has none). The
    log keeps the signed package's SHA-256, which the upper level sees after decrypting.
    ``forms=False`` leaves the PDF and XLSX forms out (the benchmarks time the data part of the
    export with it); every other member is the same.
    """
    recipient = transport.require_upper_recipient(workspace) if encrypt else None
    # The year, its checks, scores and data.json make about two million objects with no cycles:
    # the automatic collector would rescan them every 700 allocations (gc_pause.py).
    with without_automatic_collection():
        data = workspace.load_year(year)
        stage = parse_stage(data, stage_name)
        problems = check_stage(data, stage)
        blocking = blocking_problems(data, problems)
        if blocking:
            raise ExportRefusedError(blocking)
        private_key = signing.unlock(workspace, passphrase)
        key = minisign.public_key_of(private_key)
        with workspace.reading() as uow:
            previous = uow.submissions.last_submission(year, stage.name)
        meta = package_meta(data, stage, key.key_id_hex, previous, problems)
        payload = {DATA_JSON: dumps(year_to_json(for_stage(data, stage)), compact=True)}
    payload.update(_announcement_files(workspace))
    if forms:
        from unionperf.services.cycle.forms import stage_files  # noqa: PLC0415 - reportlab

        forms_files = stage_files(data, stage)
        payload.update({f"data/forms/{name}": blob for name, blob in forms_files.items()})
    evidence = payload_files(workspace, year, stage.name)
    payload.update(evidence)
    meta["evidence"] = [
        {"path": path, "sha256": sha256(content), "size": len(content)}
        for path, content in sorted(evidence.items())
    ]
    blob = build_package(private_key, meta, payload, _bag_info(data, meta))
    name = package_file_name(data.unit.credit_code, year, stage, meta["sequence"])
    written = blob
    if recipient is not None:
        name += transport.ENCRYPTED_SUFFIX
        written = transport.encrypt_to(recipient, blob)
    path = write_atomically(out_dir, name, written)
    submission = Submission(
        year,
        stage.name,
        meta["sequence"],
        meta["package_id"],
        sha256(blob),
        name,
        meta["created_at"],
        key.key_id_hex,
    )
    try:
        with workspace.unit_of_work() as uow:
            uow.submissions.log_submission(submission)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ExportResult(path, submission)


def data_package(
    private_key: Ed25519PrivateKey, data: YearData, stage: Stage, previous: Submission | None
) -> tuple[bytes, dict[str, Any]]:
    """A stage's package with the year's data only, signed with a key held in memory.

    No forms and no evidence: what the demo upper level and the benchmarks receive.

    Returns:
        The package's bytes and its ``package.json``.
    """
    key = minisign.public_key_of(private_key)
    with without_automatic_collection():
        meta = package_meta(data, stage, key.key_id_hex, previous)
        meta["evidence"] = []
        payload = {DATA_JSON: dumps(year_to_json(for_stage(data, stage)), compact=True)}
    return build_package(private_key, meta, payload, _bag_info(data, meta)), meta


def package_meta(
    data: YearData,
    stage: Stage,
    key_id: str,
    previous: Submission | None,
    problems: list[Problem] | None = None,
) -> dict[str, Any]:
    """The content of ``package.json`` for a submission (``problems``: the stage's, if known)."""
    if problems is None:
        problems = check_stage(data, stage)
    explained = [
        {
            "code": p.code.value,
            "key": p.key,
            "message": p.message,
            "explanation": data.explanation_for(p.key),
        }
        for p in problems
        if data.explanation_for(p.key)
    ]
    signoffs = sorted(data.signoffs_for(stage.name).values(), key=lambda s: s.role.value)
    return {
        "format_version": FORMAT_VERSION,
        "kind": "submission",
        "package_id": uuid.uuid4().hex,
        "unit": {"code": data.unit.credit_code, "name": data.unit.name},
        "year": data.year,
        "stage": stage.name,
        "sequence": previous.sequence + 1 if previous else 1,
        "previous_sha256": previous.sha256 if previous else None,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "key_id": key_id,
        "data_format_version": DATA_FORMAT_VERSION,
        "settings": data.settings.to_json(),
        "validation": {"hard": 0, "soft": len(problems), "explained": explained},
        "signoffs": [
            {"role": s.role.value, "name": s.name, "signed_on": s.signed_on.isoformat()}
            for s in signoffs
        ],
        "scores": score_summary(data) if stage.kind is StageKind.SELF_EVALUATION else None,
    }


def _bag_info(data: YearData, meta: dict[str, Any]) -> dict[str, str]:
    return {
        "Source-Organization": data.unit.name,
        "Organization-Address": data.unit.address or "-",
        "Contact-Phone": data.unit.contact_phone or "-",
        "External-Identifier": str(meta["package_id"]),
        "External-Description": (
            f"{data.unit.name} {data.year}年度 {meta['stage']} 第{meta['sequence']}次报送"
        ),
        "Bag-Group-Identifier": f"{data.unit.credit_code}_{data.year}_{meta['stage']}",
        "Bagging-Date": local_today().isoformat(),
        "Bag-Software-Agent": f"UnionPerf {__version__}",
    }


def _announcement_files(workspace: Workspace) -> dict[str, bytes]:
    chain = signing.announcements(workspace)
    if not chain:
        return {}
    return {ANNOUNCEMENTS_JSON: dumps([item.to_json() for item in chain])}


def submissions(workspace: Workspace, year: int | None = None) -> list[Submission]:
    """The submission log."""
    with workspace.reading() as uow:
        return uow.submissions.submissions(year)
