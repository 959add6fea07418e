"""The forms as an Excel workbook (openpyxl): one sheet per form family, its forms stacked.

The parts: :mod:`~unionperf.forms.xlsx_form` lays the forms out on a sheet (on a
:class:`~unionperf.forms.xlsx_sheet.Sheet`, styled by :mod:`~unionperf.forms.xlsx_style`) and
:mod:`~unionperf.forms.xlsx_save` serialises each sheet once complete and saves the workbook
with fixed dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl import Workbook

from unionperf.forms.builders.common import SHEET_LIMIT, sheet_name
from unionperf.forms.model import FormFamily
from unionperf.forms.xlsx_form import write_forms
from unionperf.forms.xlsx_save import FIXED_TIME, Written, save, serialise
from unionperf.forms.xlsx_sheet import StyleCache
from unionperf.forms.xlsx_style import NUMBER_FORMATS

__all__ = ["FIXED_TIME", "NUMBER_FORMATS", "write_workbook"]


def write_workbook(families: Sequence[FormFamily], *, sheet_per_form: bool = False) -> bytes:
    """Write form families as one xlsx workbook.

    Args:
        families: The families, in order.
        sheet_per_form: One sheet per form (named by :attr:`Form.sheet`) instead of one sheet
            per family (named by its title) with the forms stacked.

    Returns:
        The workbook file; the same families always give the same bytes.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    groups = (
        [(form.sheet, (form,)) for family in families for form in family.forms]
        if sheet_per_form
        else [(family.title, family.forms) for family in families]
    )
    titles = _unique_titles(title for title, _ in groups)
    styles: StyleCache = {}
    written: dict[str, Written] = {}
    for title, (name, forms) in zip(titles, groups, strict=True):
        ws = workbook.create_sheet(title)
        write_forms(ws, forms, styles, name)
        written[ws.title] = serialise(ws)
    if not workbook.worksheets:
        workbook.create_sheet("空")
    workbook.properties.creator = "UnionPerf"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    return save(workbook, written)


def _unique_titles(names: Iterable[str]) -> list[str]:
    """Valid sheet titles (≤ 31 characters, no forbidden characters), unique ignoring case."""
    titles: list[str] = []
    taken: set[str] = set()
    for name in names:
        title, number = sheet_name(name), 1
        while title.casefold() in taken:
            number += 1
            title = sheet_name(name)[: SHEET_LIMIT - len(f"({number})")] + f"({number})"
        titles.append(title)
        taken.add(title.casefold())
    return titles
