"""事前绩效评估表 (seed §二.4): the ex-ante assessment of each new major project.

One form per project that needs an assessment or holds one, filed with the targets: the project,
its budget against the threshold, the five assessment items, the conclusion with 通过 / 调整后通过
/ 不予通过 ticked, the assessor, the date and the evidence. A project that needs one and has
none is printed with empty items and a note, so the paper shows what is missing.
"""

from __future__ import annotations

from unionperf.domain.assessment import (
    ASSESSMENT_FIELDS,
    CONCLUSION_LABELS,
    ExAnteAssessment,
    assessment_budget,
    requires_assessment,
)
from unionperf.domain.budget import ATTRIBUTE_LABELS, Project
from unionperf.domain.money import format_money
from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.forms.builders.common import (
    WAN,
    Row,
    label,
    meta,
    sheet_name,
    short_project_name,
    signed,
    signoff_roles,
    text,
    wan,
)
from unionperf.forms.model import Block, Form, FormFamily, Orientation

__all__ = ["TITLE", "assessment_family"]

TITLE = "新增重大项目事前绩效评估表"
_COLUMNS = (1.8, 2.2, 1.6, 2.2)
_WIDTH = len(_COLUMNS)
_STAGE = Stage(StageKind.TARGETS).name
_ITEMS = ("necessity", "feasibility", "expected_performance", "funding_soundness", "risks")


def assessment_family(data: YearData) -> FormFamily:
    """The assessment forms of the year (no form when no project needs or holds one)."""
    threshold = data.settings.assessment_threshold
    chosen = [
        project
        for project in data.projects
        if requires_assessment(project, threshold) or data.assessment_of(project.uid)
    ]
    forms = tuple(_form(data, project, index) for index, project in enumerate(chosen, start=1))
    return FormFamily(key="assessments", title=TITLE, forms=forms)


def _form(data: YearData, project: Project, index: int) -> Form:
    held = data.assessment_of(project.uid)
    record = held or ExAnteAssessment(project.uid)
    blocks = (_project_block(data, project), _items_block(record), _conclusion_block(record))
    threshold = data.settings.assessment_threshold
    notes = [
        f"新增项目预算（年初预算数与全年预算数中较大者）达到{format_money(threshold)}元的，"
        "应在安排预算前开展事前绩效评估，评估结论为“通过”或“调整后通过”的方可设定绩效目标"
        "并签字确认（总工办发〔2019〕25号 二、（二）4）。",
        "“调整后通过”的，请在资金投入合理性或主要风险栏写明调整内容。",
    ]
    if held is None:
        notes.insert(0, "本项目尚未填写事前绩效评估。")
    return Form(
        key=f"assessment-{project.uid}",
        title=TITLE,
        sheet=sheet_name(f"事前评估{index:02d}", short_project_name(project.name, data.year)),
        unit_name=data.unit.name,
        year=data.year,
        orientation=Orientation.PORTRAIT,
        subtitle=f"（{data.year}年度）",
        meta=meta(data, WAN),
        blocks=blocks,
        signoff=signoff_roles(data),
        signed=signed(data, _STAGE),
        notes=tuple(notes),
    )


def _project_block(data: YearData, project: Project) -> Block:
    category = data.catalogue.by_code(project.category_code)
    subject = f"{project.category_code} {category.name}" if category else project.category_code
    rows: tuple[Row, ...] = (
        (label("项目名称"), text(project.name, _WIDTH - 1)),
        (label("项目编码"), text(project.code), label("支出科目"), text(subject)),
        (
            label("项目属性"),
            text(ATTRIBUTE_LABELS[project.attribute]),
            label("项目负责人"),
            text(project.responsible),
        ),
        (
            label("项目预算"),
            wan(assessment_budget(project), bold=True),
            label("评估门槛"),
            wan(data.settings.assessment_threshold),
        ),
        (label("项目概况"), text(project.description, _WIDTH - 1)),
    )
    return Block(columns=_COLUMNS, rows=rows, caption="一、项目基本情况")


def _items_block(record: ExAnteAssessment) -> Block:
    rows: tuple[Row, ...] = tuple(
        (label(ASSESSMENT_FIELDS[name]), text(getattr(record, name), _WIDTH - 1)) for name in _ITEMS
    )
    return Block(columns=_COLUMNS, rows=rows, caption="二、评估内容")


def _conclusion_block(record: ExAnteAssessment) -> Block:
    ticks = "　　".join(
        f"{'■' if record.conclusion is kind else '□'} {name}"
        for kind, name in CONCLUSION_LABELS.items()
    )
    day = record.assessed_on.isoformat() if record.assessed_on else ""
    rows: tuple[Row, ...] = (
        (label("评估结论"), text(ticks, _WIDTH - 1)),
        (label("评估人（评估机构）"), text(record.assessor), label("评估日期"), text(day)),
        (label("评估依据及佐证材料"), text(record.evidence, _WIDTH - 1)),
    )
    return Block(columns=_COLUMNS, rows=rows, caption="三、评估结论")
