"""The key registration sheet (公钥登记表): the unit's public key on paper, for the upper union.

The upper union registers a unit's key from this signed and sealed sheet before it trusts the
unit's first package (product.md §5 Keys). It is one A4 page written with the forms' PDF writer
(bundled font, reproducible bytes): unit, credit code, key id, the public key text and a QR code
of it, and the sign-off lines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from unionperf.domain.unit import UnitProfile
from unionperf.forms.fonts import GlyphError
from unionperf.forms.model import Block, Cell, Form, FormFamily, Kind
from unionperf.forms.pdf import write_pdf
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.common.signing import KeyInfo

__all__ = ["TITLE", "key_sheet_family", "key_sheet_name", "write_key_sheet"]

TITLE = "工会数据包签名公钥登记表"


def key_sheet_name(info: KeyInfo) -> str:
    """The sheet's file name, e.g. ``公钥登记表_1A2B3C4D5E6F7A8B.pdf``."""
    return f"公钥登记表_{info.key_id}.pdf"


def key_sheet_family(info: KeyInfo, unit: UnitProfile | None, today: date) -> FormFamily:
    """The sheet as a one-form family (the unit may be missing in a workspace without one)."""
    name = unit.name if unit else info.unit_name
    code = unit.credit_code if unit else info.unit_code
    rows = [
        ("工会名称", name or "—"),
        ("统一社会信用代码", code or "—"),
        ("上级工会", (unit.upper_union if unit else "") or "—"),
        ("签名密钥编号（指纹）", _grouped(info.key_id)),
        ("公钥（minisign 格式）", info.public_key.strip()),
        ("经办人（会计）", (unit.accountant if unit else "") or ""),
        ("联系电话", (unit.contact_phone if unit else "") or ""),
        ("登记表生成日期", today.isoformat()),
    ]
    if info.recipient:  # the upper level's: units encrypt their packages to it (private transport)
        rows.insert(5, ("加密收件人（age，用于加密后发送）", info.recipient))
    block = Block(
        columns=(1.0, 3.0),
        rows=tuple(
            (Cell(label, Kind.LABEL, bold=True), Cell(value, Kind.TEXT)) for label, value in rows
        ),
    )
    form = Form(
        key="key-registration",
        title=TITLE,
        sheet="公钥登记表",
        unit_name=name,
        year=today.year,
        meta=(("登记单位（盖章）", name),),
        blocks=(block,),
        signoff=("经办人", "工会主席"),
        notes=(
            "本表用于向上级工会登记本单位报送数据包所用的签名公钥。请签字、加盖公章后交上级工会。",
            "上级工会收到数据包时，核对数据包的签名密钥编号与本表一致；"
            "密钥更换或遗失时，须重新填报本表。",
        ),
        qr=f"UnionPerf;code={code};key={info.key_id};pub={_key_line(info.public_key)}",
    )
    return FormFamily(key="key-registration", title=TITLE, forms=(form,))


def write_key_sheet(
    info: KeyInfo, unit: UnitProfile | None, folder: Path, today: date | None = None
) -> Path:
    """Write the sheet as a PDF into ``folder`` and return its path.

    Raises:
        ServiceError: the folder cannot be written, or a name holds characters the bundled font
            cannot print.
    """
    family = key_sheet_family(info, unit, today or local_today())
    try:
        data = write_pdf(family)
    except GlyphError as error:
        raise ServiceError(f"无法生成公钥登记表：{error}") from error
    path = folder / key_sheet_name(info)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise ServiceError(f"无法写入公钥登记表 {path}：{error.strerror or error}") from error
    return path


def _key_line(public_key: str) -> str:
    """The base64 line of a minisign public key file (its last non-empty line)."""
    lines = [line.strip() for line in public_key.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _grouped(key_id: str) -> str:
    """A key id in groups of four, easier to compare by eye."""
    return " ".join(key_id[index : index + 4] for index in range(0, len(key_id), 4))
