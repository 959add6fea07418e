"""参数下发 at the upper level: its library, settings and deadlines as a signed package.

The indicator library, the rule settings and the deadlines go down in a parameter package (seed
§二.5): the same BagIt + minisign format as every package, of kind ``params``.

The upper level sets what it sends (:func:`set_library`, :func:`set_settings`,
:func:`set_deadlines`), then writes the package with :func:`export_params`; each package has the
next sequence, so a unit applies only a newer one. A unit verifies it with the upper level's key,
which it trusted from the key registration sheet (``unionperf key sheet`` on this workspace).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unionperf import __version__
from unionperf.domain.framework import FRAMEWORKS
from unionperf.domain.parameters import StageDeadline
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.exchange import bag, minisign
from unionperf.exchange.codec_params import (
    ParamsContent,
    deadlines_from_json,
    deadlines_to_json,
    params_to_json,
)
from unionperf.exchange.file_names import params_file_name
from unionperf.exchange.package import (
    FORMAT_VERSION,
    PARAMS_JSON,
    PARAMS_KIND,
    build_package,
    dumps,
)
from unionperf.services.common import inputs, signing, transport
from unionperf.services.common.errors import InputError, ServiceError, local_today
from unionperf.services.common.indicator_library import IndicatorLibrary, parse_library
from unionperf.services.common.workspace import Workspace
from unionperf.store.params_records import ParamsSent

__all__ = [
    "ParamsExport",
    "UpperParameters",
    "export_params",
    "parameters",
    "set_deadlines",
    "set_library",
    "set_settings",
]

WHERE = "参数下发"


@dataclass(frozen=True, slots=True)
class UpperParameters:
    """What the upper level sends down, and the packages it sent."""

    library: IndicatorLibrary | None
    settings: RuleSettings | None
    deadlines: tuple[StageDeadline, ...]
    sent: tuple[ParamsSent, ...]

    @property
    def next_sequence(self) -> int:
        """The sequence the next parameter package will have."""
        return max((item.sequence for item in self.sent), default=0) + 1


@dataclass(frozen=True, slots=True)
class ParamsExport:
    """A written parameter package."""

    path: Path
    sequence: int
    sha256: str
    key_id: str
    library_entries: int | None
    settings: bool
    deadlines: int


def parameters(workspace: Workspace) -> UpperParameters:
    """The library, settings and deadlines set to be sent down, and the packages sent."""
    with workspace.reading() as uow:
        held = uow.params.upper_params()
        sent = tuple(uow.params.sent())
    library = parse_library(held.library, "上级工会指标库") if held.library else None
    settings = RuleSettings.from_json(json.loads(held.settings)) if held.settings else None
    deadlines = deadlines_from_json(json.loads(held.deadlines)) if held.deadlines else ()
    return UpperParameters(library, settings, deadlines, sent)


def set_library(workspace: Workspace, path: Path) -> IndicatorLibrary:
    """Set the indicator library to send down from a library file (the bundled file's format).

    Raises:
        InputError: not an upper-level workspace.
        ServiceError: the file cannot be read, or (``LibraryError``) it is not a valid library;
            the message names the entry and the field.
    """
    _require_upper(workspace)
    text = _read(path, "指标库文件")
    library = parse_library(text, str(path))
    document = json.loads(text)
    with workspace.unit_of_work() as uow:
        uow.params.set_upper_params(library=json.dumps(document, ensure_ascii=False))
    return library


def set_settings(workspace: Workspace, path: Path) -> RuleSettings:
    """Set the rule settings to send down from a JSON file (as ``settings`` in package.json).

    Raises:
        ServiceError: the file cannot be read.
        InputError: not an upper-level workspace, not JSON, an unknown framework or value, or
            weights that do not add to 100.
    """
    _require_upper(workspace)
    text = _read(path, "规则设置文件")
    try:
        document = json.loads(text)
        if not isinstance(document, dict):
            raise TypeError("应为一个对象")
        settings = RuleSettings.from_json(document)
    except (ValueError, TypeError, KeyError) as error:
        raise InputError(f"规则设置文件 {path} 无效：{error}", WHERE) from error
    inputs.check_settings(settings, FRAMEWORKS[settings.framework_code])
    with workspace.unit_of_work() as uow:
        uow.params.set_upper_params(settings=json.dumps(settings.to_json(), ensure_ascii=False))
    return settings


def set_deadlines(workspace: Workspace, path: Path) -> tuple[StageDeadline, ...]:
    """Set the deadlines to send down from a JSON file ``[{"year", "stage", "due"}, …]``.

    Raises:
        ServiceError: the file cannot be read.
        InputError: not an upper-level workspace, not such a list, a bad stage or date, or the
            same stage twice.
    """
    _require_upper(workspace)
    text = _read(path, "截止日期文件")
    try:
        document = json.loads(text)
        if not isinstance(document, list):
            raise TypeError('应为 [{"year": …, "stage": …, "due": "YYYY-MM-DD"}, …]')
        deadlines = deadlines_from_json(document)
    except (ValueError, TypeError, KeyError) as error:
        raise InputError(f"截止日期文件 {path} 无效：{error}", WHERE) from error
    seen = {(item.year, item.stage) for item in deadlines}
    if len(seen) != len(deadlines):
        raise InputError(f"截止日期文件 {path} 中同一年度的同一阶段出现了两次", WHERE)
    ordered = tuple(sorted(deadlines, key=lambda item: (item.year, item.due, item.stage)))
    with workspace.unit_of_work() as uow:
        uow.params.set_upper_params(
            deadlines=json.dumps(deadlines_to_json(ordered), ensure_ascii=False)
        )
    return ordered


def export_params(
    workspace: Workspace, out_dir: Path, passphrase: str, note: str = ""
) -> ParamsExport:
    """Write the signed parameter package with the next sequence into ``out_dir``.

    Raises:
        InputError: not an upper-level workspace, no credit code of the upper union, or nothing
            set to send.
        ServiceError: a wrong passphrase, or the package cannot be written.
    """
    upper = _require_upper(workspace)
    if not upper.credit_code:
        raise InputError(
            "请先填写上级工会的统一社会信用代码（unionperf unit --credit-code …）", WHERE
        )
    with workspace.reading() as uow:
        held = uow.params.upper_params()
        sent = uow.params.sent()
    if not (held.library or held.settings or held.deadlines):
        raise InputError(
            "尚未设置要下发的指标库、规则设置或截止日期（unionperf params set …）", WHERE
        )
    content = ParamsContent(
        json.loads(held.library) if held.library else None,
        RuleSettings.from_json(json.loads(held.settings)) if held.settings else None,
        deadlines_from_json(json.loads(held.deadlines)) if held.deadlines else (),
        note,
        transport.own_recipient(workspace) or "",
    )
    sequence = max((item.sequence for item in sent), default=0) + 1
    private_key = signing.unlock(workspace, passphrase)
    key = minisign.public_key_of(private_key)
    meta = _meta(upper.credit_code, upper.name, key.key_id_hex, sequence, sent, content)
    info = {
        "Source-Organization": upper.name or "-",
        "External-Identifier": str(meta["package_id"]),
        "External-Description": f"{upper.name} 参数包 第{sequence}次",
        "Bagging-Date": local_today().isoformat(),
        "Bag-Software-Agent": f"UnionPerf {__version__}",
    }
    blob = build_package(private_key, meta, {PARAMS_JSON: dumps(params_to_json(content))}, info)
    path = out_dir / params_file_name(upper.credit_code, sequence)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
    except OSError as error:
        raise ServiceError(f"无法写入参数包到 {out_dir}：{error.strerror or error}") from error
    digest = bag.sha256(blob)
    with workspace.unit_of_work() as uow:
        uow.params.log_sent(
            ParamsSent(
                sequence, str(meta["package_id"]), digest, path.name, str(meta["created_at"])
            )
        )
    entries = len(content.library["entries"]) if content.library else None
    return ParamsExport(
        path,
        sequence,
        digest,
        key.key_id_hex,
        entries,
        content.settings is not None,
        len(content.deadlines),
    )


def _meta(  # noqa: PLR0917 - the fields of one package.json
    code: str,
    name: str,
    key_id: str,
    sequence: int,
    sent: list[ParamsSent],
    content: ParamsContent,
) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "kind": PARAMS_KIND,
        "package_id": uuid.uuid4().hex,
        "unit": {"code": code, "name": name},
        "year": local_today().year,
        "stage": PARAMS_KIND,
        "sequence": sequence,
        "previous_sha256": sent[-1].sha256 if sent else None,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "key_id": key_id,
        "params": {
            "from": name,
            "library": content.library is not None,
            "settings": content.settings is not None,
            "deadlines": len(content.deadlines),
        },
    }


def _require_upper(workspace: Workspace) -> UnitProfile:
    upper = workspace.unit()
    if upper is None or upper.level is not UnitLevel.UPPER:
        raise InputError("只有上级工会工作区可以设置和下发参数包", WHERE)
    return upper


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise ServiceError(f"无法读取{what} {path}：{error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ServiceError(f"{what} {path} 不是 UTF-8 文本") from error
