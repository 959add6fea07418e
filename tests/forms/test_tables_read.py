"""Reading a simple table workbook back: the preferred sheet, the header's columns."""

from __future__ import annotations

import io

from openpyxl import Workbook

from unionperf.forms.tables_xlsx import header_columns, read_table


def _book(*sheets: tuple[str, list[list[object]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_preferred_sheet_is_read_when_present_else_the_first():
    blob = _book(("说明", [["请填写"]]), ("登记表", [["单位名称"], ["甲"]]))
    assert read_table(blob, prefer="登记表") == ("登记表", [(1, ("单位名称",)), (2, ("甲",))])
    assert read_table(blob, prefer="指标库")[0] == "说明"


def test_header_columns_name_an_empty_sheet_and_the_missing_titles():
    problems: list[str] = []
    assert header_columns("登记表", [], ("单位名称",), problems) is None
    rows = [(3, ("单位名称", None, "联系人"))]
    assert (
        header_columns("登记表", rows, ("单位名称", "统一社会信用代码"), problems, "（应有…）")
        is None
    )
    assert header_columns("登记表", rows, ("单位名称",), problems) == {"单位名称": 0, "联系人": 2}
    assert problems == [
        "工作表“登记表”是空的",
        "工作表“登记表”第3行缺少列：统一社会信用代码（应有…）",
    ]
