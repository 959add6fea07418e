"""The Chinese names of the files written for the user: forms, cover sheets, workbooks.

Files the user finds in a folder carry Chinese names that say what they are (``2024年绩效自评
报送回执.pdf``). The names are safe on every file system the app meets (Windows, a FAT32 USB
stick, Linux): the characters Windows forbids are replaced, and nothing else is needed because
every name is built from a year, a stage label and a form title. The files inside a signed
package keep their ASCII names (docs/package-format.md §6.4); the packages' own names are made
by ``unionperf.exchange.file_names``.
"""

from __future__ import annotations

import re

from unionperf.domain.year import Stage
from unionperf.forms.model import FormFamily

__all__ = [
    "family_file_name",
    "family_file_title",
    "safe_file_name",
    "workbook_file_name",
]

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
"""Characters Windows does not allow in a file name (and control characters)."""
_MONITORING = "monitoring-"
_COVER = "cover-"
_REVENUE = "revenue-"
_MONITORING_TITLE = "项目支出绩效目标执行监控表"
_REVENUE_TITLE = "工会经费收入到位情况表"


def safe_file_name(name: str) -> str:
    """``name`` with the characters a file system refuses replaced by ``_``."""
    return _UNSAFE.sub("_", name).strip(" .") or "_"


def family_file_title(family: FormFamily) -> str:
    """What a form family's file is called after its year, e.g. ``绩效自评结果汇总表``.

    A monitoring family and a revenue-arrival family are named by their cut-off date (two points
    may share a month), a cover sheet by its stage; every other family by its title.
    """
    if family.key.startswith(_MONITORING):
        return f"{_MONITORING_TITLE}（截至{family.key.removeprefix(_MONITORING)}）"
    if family.key.startswith(_REVENUE):
        return f"{_REVENUE_TITLE}（截至{family.key.removeprefix(_REVENUE)}）"
    if family.key.startswith(_COVER):
        return f"{Stage.parse(family.key.removeprefix(_COVER)).title}报送回执"
    return family.title


def family_file_name(year: int, family: FormFamily) -> str:
    """The PDF of a form family, e.g. ``2024年绩效自评报送回执.pdf``."""
    return safe_file_name(f"{year}年{family_file_title(family)}.pdf")


def workbook_file_name(year: int, stage: Stage | None) -> str:
    """The workbook of a stage's forms (``2024年绩效自评表格.xlsx``) or of the whole year."""
    scope = stage.title if stage is not None else "全年"
    return safe_file_name(f"{year}年{scope}表格.xlsx")
