"""绩效信息公开表 (seed 三、3): the year's one-page disclosure sheet, as PDF and workbook.

A read-only use case: it loads the year, builds the sheet (no personal data, see
``domain/disclosure.py``) and writes ``<year>年度预算绩效信息公开表.pdf`` and ``.xlsx`` into the
folder given; the workspace is not changed.
"""

from __future__ import annotations

from pathlib import Path

from unionperf.domain.year import YearData
from unionperf.forms.builders.disclosure import TITLE, disclosure_family
from unionperf.forms.fonts import GlyphError
from unionperf.forms.pdf import write_pdf
from unionperf.forms.xlsx import write_workbook
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.files import write_atomically
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.forms import WrittenForms


def disclosure_names(year: int) -> tuple[str, str]:
    """The file names of a year's sheet: (PDF, workbook)."""
    base = f"{year}年度{TITLE}"
    return f"{base}.pdf", f"{base}.xlsx"


def write_disclosure(workspace: Workspace, year: int, out_dir: Path) -> WrittenForms:
    """Write the year's disclosure sheet as PDF and workbook into ``out_dir``.

    Raises:
        ServiceError: the year does not exist or has no self-evaluation yet, a text holds a
            character the font cannot print, or the folder cannot be written.
    """
    data = workspace.load_year(year)
    check_ready(data)
    family = disclosure_family(data)
    try:
        pdf = write_pdf(family)
    except GlyphError as error:
        raise ServiceError(f"绩效信息公开表中有字体无法显示的字符，未生成：{error}") from error
    workbook = write_workbook([family], sheet_per_form=True)
    pdf_name, workbook_name = disclosure_names(year)
    return WrittenForms(
        (
            write_atomically(out_dir, pdf_name, pdf),
            write_atomically(out_dir, workbook_name, workbook),
        )
    )


def check_ready(data: YearData) -> None:
    """Refuse a year whose self-evaluation has not begun: there would be no scores to publish.

    Raises:
        ServiceError: no indicator result and no year-end spending is entered.
    """
    evaluated = any(evaluation.results for evaluation in data.evaluations)
    spent = any(line.executed for line in data.budget)
    if not (evaluated or spent):
        raise ServiceError(
            f"{data.year}年度尚未填写绩效自评，无法生成绩效信息公开表："
            "请先在“绩效自评”中填写各指标的实际完成值和全年执行数"
        )
