"""The key registration sheet (公钥登记表): a public key on paper, to anchor the first trust.

The upper union registers a unit's key from this signed and sealed sheet before it trusts the
unit's first package (product.md §5 Keys). Written on an upper-level workspace, the sheet is the
upper union's own key for its units (上级工会签名公钥告知表): they check it before they trust its
feedback and parameter packages (``unionperf trust-upper --key-id``). It is one A4 page written
with the forms' PDF writer (bundled font, reproducible bytes): unit, credit code, key id, the
public key (its base64 line: the key itself, without the ``.pub`` file's English comment line)
and a QR code of it, and the sign-off lines. After a key rotation the sheet is printed again
for the new key and names the key it replaces.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.forms.fonts import GlyphError
from unionperf.forms.model import Block, Cell, Form, FormFamily, Kind
from unionperf.forms.pdf import write_pdf
from unionperf.services.common import signing
from unionperf.services.common.errors import ServiceError, local_today
from unionperf.services.common.signing import KeyInfo
from unionperf.services.common.workspace import Workspace

__all__ = [
    "TITLE",
    "UPPER_TITLE",
    "key_line",
    "key_sheet_family",
    "key_sheet_name",
    "print_key_sheet",
    "write_key_sheet",
]

TITLE = "工会数据包签名公钥登记表"
UPPER_TITLE = "上级工会签名公钥告知表"


def key_sheet_name(info: KeyInfo) -> str:
    """The sheet's file name, e.g. ``公钥登记表_1A2B3C4D5E6F7A8B.pdf``."""
    return f"公钥登记表_{info.key_id}.pdf"


def key_sheet_family(
    info: KeyInfo, unit: UnitProfile | None, today: date, replaces: str = ""
) -> FormFamily:
    """The sheet as a one-form family (the unit may be missing in a workspace without one).

    ``replaces`` is the id of the key this one replaced (after a rotation), printed so that the
    upper union updates the registration instead of adding a unit. An upper union's sheet (its
    profile's level is 上级工会) tells its units its key.
    """
    if unit is not None and unit.level is UnitLevel.UPPER:
        return _upper_family(info, unit, today, replaces)
    name = unit.name if unit else info.unit_name
    code = unit.credit_code if unit else info.unit_code
    rows = [
        ("工会名称", name or "—"),
        ("统一社会信用代码", code or "—"),
        ("上级工会", (unit.upper_union if unit else "") or "—"),
        ("签名密钥编号（指纹）", _grouped(info.key_id)),
        ("公钥", key_line(info.public_key)),
    ]
    if replaces:
        rows.append(("替换的原密钥编号", f"{_grouped(replaces)}（原密钥自本表登记之日起停用）"))
    rows += [
        ("经办人（会计）", (unit.accountant if unit else "") or ""),
        ("联系电话", (unit.contact_phone if unit else "") or ""),
        ("登记表生成日期", f"{today.year}年{today.month}月{today.day}日"),
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
        qr=f"工会签名公钥;信用代码={code};密钥={info.key_id};公钥={key_line(info.public_key)}",
    )
    return FormFamily(key="key-registration", title=TITLE, forms=(form,))


def _upper_family(info: KeyInfo, unit: UnitProfile, today: date, replaces: str) -> FormFamily:
    rows = [
        ("上级工会名称", unit.name or "—"),
        ("统一社会信用代码", unit.credit_code or "—"),
        ("签名密钥编号（指纹）", _grouped(info.key_id)),
        ("公钥", key_line(info.public_key)),
    ]
    if replaces:
        rows.append(("替换的原密钥编号", f"{_grouped(replaces)}（原密钥自本表下发之日起停用）"))
    rows += [
        ("经办人", unit.accountant or ""),
        ("联系电话", unit.contact_phone or ""),
        ("告知表生成日期", f"{today.year}年{today.month}月{today.day}日"),
    ]
    block = Block(
        columns=(1.0, 3.0),
        rows=tuple(
            (Cell(label, Kind.LABEL, bold=True), Cell(value, Kind.TEXT)) for label, value in rows
        ),
    )
    form = Form(
        key="key-registration",
        title=UPPER_TITLE,
        sheet="公钥告知表",
        unit_name=unit.name,
        year=today.year,
        meta=(("签发单位（盖章）", unit.name),),
        blocks=(block,),
        signoff=("经办人", "负责人"),
        notes=(
            "本表告知下级基层工会：本会签发的审核意见（反馈数据包）和参数包（指标库、规则设置、"
            "报送截止日期）均用上述公钥签名。",
            "基层工会在“单位信息”中导入本会公钥时，须核对密钥编号与本表一致；"
            "不一致的公钥不得导入。密钥更换时，本会将重新下发本表。",
        ),
        qr=(
            f"上级工会签名公钥;信用代码={unit.credit_code};密钥={info.key_id};"
            f"公钥={key_line(info.public_key)}"
        ),
    )
    return FormFamily(key="key-registration", title=UPPER_TITLE, forms=(form,))


def print_key_sheet(workspace: Workspace, folder: Path, today: date | None = None) -> Path:
    """Write the sheet of the workspace's current key (after a rotation: the new one) to ``folder``.

    Raises:
        ServiceError: the workspace has no key, or the sheet cannot be written.
    """
    info = signing.key_info(workspace)
    chain = signing.announcements(workspace)
    replaces = chain[-1].old_key_id if chain else ""
    return write_key_sheet(info, workspace.unit(), folder, today, replaces=replaces)


def write_key_sheet(
    info: KeyInfo,
    unit: UnitProfile | None,
    folder: Path,
    today: date | None = None,
    *,
    replaces: str = "",
) -> Path:
    """Write the sheet as a PDF into ``folder`` and return its path.

    Raises:
        ServiceError: the folder cannot be written, or a name holds characters the bundled font
            cannot print.
    """
    family = key_sheet_family(info, unit, today or local_today(), replaces)
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


def key_line(public_key: str) -> str:
    """The base64 line of a minisign public key file (its last non-empty line): the key itself."""
    lines = [line.strip() for line in public_key.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _grouped(key_id: str) -> str:
    """A key id in groups of four, easier to compare by eye."""
    return " ".join(key_id[index : index + 4] for index in range(0, len(key_id), 4))
