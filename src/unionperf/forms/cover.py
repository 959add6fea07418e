"""The submission cover sheet (报送回执): what the upper level checks a package against."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from unionperf.domain.settings import SIGNOFF_LABELS, RuleSettings
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Stage
from unionperf.forms.model import Block, Cell, Form, FormFamily, Kind

TITLE = "预算绩效管理数据报送回执"


@dataclass(frozen=True, slots=True)
class CoverFacts:
    """The package facts printed on the cover sheet; hash and file are empty before export."""

    unit: UnitProfile
    year: int
    stage: Stage
    key_id: str
    file_name: str = ""
    sha256: str = ""
    sequence: int = 0
    created_at: datetime | None = None
    """When the package was made, in the time zone it is printed in."""


def stage_label(stage: Stage) -> str:
    """绩效目标, 运行监控（截至2024-07-31）or 绩效自评."""
    return stage.title


def cover_family(facts: CoverFacts, settings: RuleSettings) -> FormFamily:
    """The cover sheet as a one-form family; the QR code holds file name, SHA-256 and key id."""
    rows = [
        ("报送单位", facts.unit.name),
        ("统一社会信用代码", facts.unit.credit_code),
        ("上级工会", facts.unit.upper_union or "—"),
        ("年度", f"{facts.year}年度"),
        ("报送阶段", stage_label(facts.stage)),
        ("报送序号", f"第{facts.sequence}次" if facts.sequence else "（尚未生成数据包）"),
        ("数据包文件名", facts.file_name or "（尚未生成数据包）"),
        ("数据包 SHA-256", _grouped(facts.sha256) if facts.sha256 else "（尚未生成数据包）"),
        ("签名密钥编号（指纹）", facts.key_id or "（尚未创建签名密钥）"),
        ("生成时间", chinese_time(facts.created_at) if facts.created_at else "—"),
    ]
    block = Block(
        columns=(1.0, 3.0),
        rows=tuple(
            (Cell(label, Kind.LABEL, bold=True), Cell(value, Kind.TEXT)) for label, value in rows
        ),
    )
    qr = ""
    if facts.sha256:
        qr = f"工会数据包;文件={facts.file_name};SHA-256={facts.sha256};密钥={facts.key_id}"
    form = Form(
        key=f"cover-{facts.stage.name}",
        title=TITLE,
        sheet="报送回执",
        unit_name=facts.unit.name,
        year=facts.year,
        subtitle=f"{facts.unit.name} {facts.year}年度 {stage_label(facts.stage)}",
        meta=(("填报单位（盖章）", facts.unit.name),),
        blocks=(block,),
        signoff=tuple(SIGNOFF_LABELS[role] for role in settings.required_signoffs),
        notes=(
            "上级工会收到数据包后，请核对：数据包文件的 SHA-256 与本回执一致；"
            "签名密钥编号与已登记的单位公钥一致（首次报送时以本回执登记公钥）。",
            "核对方法：在本软件中打开收到的数据包文件，软件会显示其 SHA-256 和签名密钥编号，"
            "逐位核对与本回执一致后再接收。",
        ),
        qr=qr,
    )
    return FormFamily(key=f"cover-{facts.stage.name}", title=TITLE, forms=(form,))


def chinese_time(moment: datetime) -> str:
    """``2024年10月8日 14:03`` (the time as given, to the minute)."""
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def _grouped(digest: str) -> str:
    """A SHA-256 in groups of eight, easier to compare by eye."""
    return " ".join(digest[index : index + 8] for index in range(0, len(digest), 8))
