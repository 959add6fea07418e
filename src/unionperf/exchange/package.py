"""Writing and verifying signed packages: a BagIt bag in a zip, signed in minisign format.

Verification runs in the order of product.md §5 and stops at the first failure: zip safety, bag
completeness and hashes, signature (then the canonical zip layout, so that no byte outside the
signed content can change either), schemas, then the validation rules with the package's own
settings. Everything happens in memory: nothing unchecked is ever written to disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from unionperf import __version__
from unionperf.domain.results import YearScore, score_year
from unionperf.domain.scoring import RememberedScores, Scorer, score_targets
from unionperf.domain.validation import blocking_problems, check_stage
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.exchange import bag, data_typed, json_limits, minisign, rotation, schemas
from unionperf.exchange.bag import BagError
from unionperf.exchange.codec import DATA_FORMAT_VERSION
from unionperf.exchange.data_reader import read_data, read_walked
from unionperf.exchange.errors import PackageError, shown
from unionperf.exchange.file_names import SUFFIX  # noqa: F401 - re-exported for the callers
from unionperf.exchange.gc_pause import without_automatic_collection
from unionperf.exchange.minisign import PublicKey, SignatureError

FORMAT_VERSION = "1.0"
SUPPORTED_MAJOR = 1
PACKAGE_JSON = "data/package.json"
DATA_JSON = "data/data.json"
FEEDBACK_JSON = "data/feedback.json"
PARAMS_JSON = "data/params.json"
PARAMS_KIND = "params"
SIGNER_PUB = "data/keys/signer.pub"
ANNOUNCEMENTS_JSON = rotation.ANNOUNCEMENTS_JSON
EVIDENCE_FOLDER = "data/evidence/"
SUPPORTED_DATA_MAJOR = 1
_VERSION_CHARS = 9
_COMMENT = re.compile(r"(\w+):(\S+)")


@dataclass(frozen=True, slots=True)
class VerifiedPackage:
    """What a package holds, after every check passed."""

    sha256: str
    meta: dict[str, Any]
    files: tuple[str, ...]
    signer: PublicKey
    trusted: bool
    """Whether the signer was checked against a registered or given key (not only the embedded)."""
    data: YearData | None
    """The year's data of a submission; ``None`` for feedback."""
    feedback: dict[str, Any] | None
    payload: Mapping[str, bytes]
    params: dict[str, Any] | None = None
    """The upper level's parameters (``params.json``) of a parameter package."""
    scores: YearScore | None = None
    """The year's scores as verifying computed them (a self-evaluation submission only)."""

    @property
    def unit_code(self) -> str:
        """The credit code of the unit the package concerns."""
        return str(self.meta["unit"]["code"])

    @property
    def stage(self) -> str:
        """The stage name."""
        return str(self.meta["stage"])


def dumps(document: Any, *, compact: bool = False) -> bytes:
    """Canonical JSON bytes: UTF-8, sorted keys, final newline; two-space indent unless compact.

    ``data.json`` is written compact: indenting forces Python's slow pure-Python encoder and
    nearly doubles the size of a large unit's data (``python -m json.tool`` pretty-prints it).
    """
    if compact:
        text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    else:
        text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)
    return (text + "\n").encode()


def trusted_comment(meta: Mapping[str, Any]) -> str:
    """The signed one-line comment: unit code, year, stage, sequence, package id."""
    return (
        f"unit:{meta['unit']['code']} year:{meta['year']} stage:{meta['stage']} "
        f"seq:{meta['sequence']} kind:{meta['kind']} package:{meta['package_id']}"
    )


def build_package(
    private_key: Ed25519PrivateKey,
    meta: Mapping[str, Any],
    payload: Mapping[str, bytes],
    bag_info: Mapping[str, str],
) -> bytes:
    """Sign and zip a package; ``payload`` holds every ``data/`` file except package.json."""
    files = dict(payload)
    files[PACKAGE_JSON] = dumps(meta)
    files[SIGNER_PUB] = minisign.public_key_of(private_key).to_file().encode("ascii")
    tags = bag.tag_files(bag_info, files)
    signature = minisign.sign(
        private_key,
        tags[bag.TAGMANIFEST],
        trusted_comment(meta),
        untrusted_comment=f"UnionPerf package {meta['package_id']}",
    )
    return bag.write_zip({**tags, bag.SIGNATURE: signature.encode("ascii"), **files})


def verify_package(
    blob: bytes,
    key: PublicKey | None = None,
    *,
    members: Mapping[str, bytes] | None = None,
    sha256: str = "",
) -> VerifiedPackage:
    """Check a package completely; ``key`` is the key it must be signed with, when known.

    Without a key the package is checked against the public key it carries, and the result
    says it is not trusted: compare its key id with the paper cover sheet before relying on it.

    ``members`` are the zip's members when the caller already read them with
    :func:`bag.read_zip` (which is the zip-safety check); they are not read again. ``sha256``
    is the SHA-256 of ``blob`` (hex), when the caller computed it already.

    Raises:
        PackageError: the first check that failed, with a code and a Chinese sentence.
    """
    with without_automatic_collection():
        return _verify(blob, key, members, sha256)


def _verify(
    blob: bytes, key: PublicKey | None, members: Mapping[str, bytes] | None, sha256: str
) -> VerifiedPackage:
    try:
        files = bag.check_bag(bag.read_zip(blob) if members is None else members)
    except BagError as error:
        raise PackageError(error.code, str(error)) from error
    signer, signature = _signer(files.files, key)
    _check_signature(files.files, signer, signature)
    try:
        bag.check_canonical(blob, files.files)
    except BagError as error:
        raise PackageError(error.code, str(error)) from error
    meta = _json(files.files, PACKAGE_JSON)
    _check_version(meta)
    schemas.validate("package", meta, "package.json")
    if signature.trusted_comment != trusted_comment(meta):
        raise PackageError(
            "comment", "签名的可信注释与 package.json 不一致（单位、年度、阶段或序号被改动）"
        )
    if meta["key_id"] != signer.key_id_hex:
        raise PackageError("key-id", "package.json 中的密钥编号与签名不一致")
    if meta["kind"] == "submission":
        _check_data_version(meta["data_format_version"], "package.json 中的 data_format_version")
    if ANNOUNCEMENTS_JSON in files.files:
        rotation.read_chain(files.files[ANNOUNCEMENTS_JSON], meta["unit"]["code"])
    _check_evidence(meta, files.files)
    params = _params(files.files) if meta["kind"] == PARAMS_KIND else None
    data, feedback, scores = _content(files.files, meta) if params is None else (None, None, None)
    return VerifiedPackage(
        sha256=sha256 or bag.sha256(blob),
        meta=meta,
        files=tuple(sorted(files.files)),
        signer=signer,
        trusted=key is not None,
        data=data,
        feedback=feedback,
        payload=files.payload,
        params=params,
        scores=scores,
    )


def _signer(
    files: Mapping[str, bytes], key: PublicKey | None
) -> tuple[PublicKey, minisign.Signature]:
    try:
        signature = minisign.parse_signature(files[bag.SIGNATURE].decode("ascii"))
    except (SignatureError, UnicodeDecodeError) as error:
        raise PackageError("signature", f"签名文件无法读取：{error}") from error
    if key is not None:
        return key, signature
    if SIGNER_PUB not in files:
        raise PackageError("signature", "包内没有签名者公钥，请用 --key 指定公钥")
    try:
        return minisign.parse_public_key(files[SIGNER_PUB].decode("ascii")), signature
    except (SignatureError, UnicodeDecodeError) as error:
        raise PackageError("signature", f"包内的签名者公钥无法读取：{error}") from error


def _check_signature(
    files: Mapping[str, bytes], signer: PublicKey, signature: minisign.Signature
) -> None:
    try:
        minisign.verify(signer, files[bag.TAGMANIFEST], signature)
    except SignatureError as error:
        raise PackageError("signature", str(error)) from error
    embedded = files.get(SIGNER_PUB)
    if embedded is not None and embedded != signer.to_file().encode("ascii"):
        raise PackageError("signature", "包内的签名者公钥与签名密钥不一致")


def _json(files: Mapping[str, bytes], name: str) -> Any:
    if name not in files:
        raise PackageError("missing-file", f"包内缺少 {name}")
    return json_limits.load(name, files[name])


def _check_version(meta: Any) -> None:
    version = meta.get("format_version") if isinstance(meta, dict) else None
    major = str(version).split(".", 1)[0]
    if not major.isdigit():
        raise PackageError("schema", "package.json 缺少格式版本 format_version")
    if int(major) > SUPPORTED_MAJOR:
        made_by = meta.get("app_version") if isinstance(meta, dict) else None
        needed = f"UnionPerf {made_by} 或更新版本" if made_by else "更新版本的 UnionPerf"
        raise PackageError(
            "version",
            f"数据包格式版本 {version} 高于本程序（UnionPerf {__version__}）支持的 "
            f"{FORMAT_VERSION}：请安装{needed}后再打开",
        )


def _params(files: Mapping[str, bytes]) -> dict[str, Any]:
    """A parameter package's ``params.json``, checked against its schema."""
    document = _json(files, PARAMS_JSON)
    schemas.validate("params", document, "params.json")
    checked: dict[str, Any] = document
    return checked


def _check_data_version(version: Any, label: str) -> None:
    """Refuse a data.json layout of a major version this program does not read."""
    text = str(version) if isinstance(version, str | int) else ""
    major = text.split(".", 1)[0]
    if not (0 < len(text) <= _VERSION_CHARS and major.isdigit()):
        raise PackageError("schema", f"{label} 缺失或不是版本号（如 {DATA_FORMAT_VERSION}）")
    if int(major) != SUPPORTED_DATA_MAJOR:
        raise PackageError(
            "version",
            f"{label}为 {shown(text)}：本程序（UnionPerf {__version__}）只能读取 "
            f"{SUPPORTED_DATA_MAJOR}.x 版的 data.json，请安装更新版本的 UnionPerf 后再打开",
        )


def _check_evidence(meta: dict[str, Any], files: Mapping[str, bytes]) -> None:
    """The evidence listed in package.json and the files under data/evidence/ match exactly."""
    present = {name for name in files if name.startswith(EVIDENCE_FOLDER)}
    listed: set[str] = set()
    for entry in meta.get("evidence") or []:
        path = entry["path"]
        if path in listed:
            raise PackageError("evidence", f"package.json 重复列出佐证材料：{shown(path)}")
        listed.add(path)
        if path not in files:
            raise PackageError("evidence", f"package.json 列出的佐证材料不在包内：{shown(path)}")
        content = files[path]
        if entry["size"] != len(content) or entry["sha256"] != bag.sha256(content):
            raise PackageError(
                "evidence", f"佐证材料的大小或 SHA-256 与 package.json 不符：{shown(path)}"
            )
    unlisted = sorted(present - listed)
    if unlisted:
        raise PackageError(
            "evidence", f"包内的佐证材料未在 package.json 中列出：{shown(unlisted[0])}"
        )


def _content(
    files: Mapping[str, bytes], meta: dict[str, Any]
) -> tuple[YearData | None, dict[str, Any] | None, YearScore | None]:
    try:
        Stage.parse(str(meta["stage"]))
    except ValueError as error:
        raise PackageError("schema", f"package.json 中的阶段无效：{error}") from error
    if meta["kind"] == "feedback":
        feedback = _json(files, FEEDBACK_JSON)
        schemas.validate("feedback", feedback, "feedback.json")
        if feedback["decision"] != meta["feedback"]["decision"]:
            raise PackageError("identity", "feedback.json 的决定与 package.json 不一致")
        return None, feedback, None
    document, data = _data(files)
    _check_identity(meta, document, data)
    return data, None, _check_rules(meta, data)


def _data(files: Mapping[str, bytes]) -> tuple[dict[str, Any], YearData]:
    """data.json and the year it holds: by type where it can (data_typed), else checked."""
    if DATA_JSON in files:
        raw = files[DATA_JSON]
        json_limits.check(DATA_JSON, raw)
        typed = data_typed.decode(raw)
        if typed is not None:
            _check_data_version(typed.rest.get("format_version"), "data.json 的 format_version")
            year = read_walked(typed.rest, typed.walked, "data.json")
            if year is not None:
                return typed.rest, year
    document = _json(files, DATA_JSON)
    version = document.get("format_version") if isinstance(document, dict) else None
    _check_data_version(version, "data.json 的 format_version")
    return document, read_data(document, "data.json")  # the schema and the reader, as one pass


def _check_identity(meta: dict[str, Any], document: dict[str, Any], data: YearData) -> None:
    """data.json is the data package.json describes: unit, year, layout version and settings."""
    if data.year != meta["year"] or data.unit.credit_code != meta["unit"]["code"]:
        raise PackageError("identity", "data.json 的单位或年度与 package.json 不一致")
    if data.unit.name != meta["unit"]["name"]:
        raise PackageError("identity", "data.json 的单位名称与 package.json 不一致")
    if document["format_version"] != meta["data_format_version"]:
        raise PackageError(
            "identity",
            f"data.json 的格式版本 {document['format_version']} 与 package.json 中的 "
            f"data_format_version {meta['data_format_version']} 不一致",
        )
    if document["settings"] != meta["settings"]:
        raise PackageError("identity", "data.json 的规则设置与 package.json 中的 settings 不一致")


def _check_rules(meta: dict[str, Any], data: YearData) -> YearScore | None:
    """Re-run the validation rules with the package's own settings; compare the scores.

    Returns the year's scores of a self-evaluation (kept for the receiver's rows).
    """
    try:
        stage = Stage.parse(str(meta["stage"]))
    except ValueError as error:
        raise PackageError("schema", str(error)) from error
    scorer = RememberedScores()  # the rules and the summary score the same projects
    blocking = blocking_problems(data, check_stage(data, stage, scorer=scorer))
    if blocking:
        first = blocking[0]
        raise PackageError(
            "rules",
            f"重新审核未通过（{len(blocking)}个问题），第一个：{first.code.value} "
            f"{first.where.label}：{first.message}",
        )
    if stage.kind is not StageKind.SELF_EVALUATION:
        if meta["scores"] is not None:
            raise PackageError("scores", f"{stage.name} 阶段的 package.json 不应含有得分 scores")
        return None
    if meta["scores"] is None:
        raise PackageError("scores", "自评数据包的 package.json 缺少得分 scores")
    scores = score_year(data, scorer)
    if meta["scores"] != summary_of(scores):
        raise PackageError("scores", "package.json 中的得分与按包内数据和规则重新计算的得分不一致")
    return scores


def score_summary(data: YearData, scorer: Scorer = score_targets) -> dict[str, Any]:
    """Totals and grades of every project and the unit (recorded in package.json)."""
    return summary_of(score_year(data, scorer))


def summary_of(scores: YearScore) -> dict[str, Any]:
    """The ``scores`` of package.json from a year's scores."""
    unit = None
    if scores.unit is not None:
        unit = {"total": f"{scores.unit.total:.2f}", "grade": scores.unit.grade.value}
    return {
        "projects": [
            {
                "uid": item.project.uid,
                "name": item.project.name,
                "total": f"{item.score.total:.2f}",
                "grade": item.score.grade.value,
            }
            for item in scores.projects
        ],
        "unit": unit,
    }


def comment_fields(comment: str) -> dict[str, str]:
    """The ``name:value`` pairs of a trusted comment."""
    return dict(_COMMENT.findall(comment))
