"""The fill-in workbook (填报表): an editable Excel export of a year and its checked import.

No database: :func:`write_template` turns a :class:`YearData` into workbook bytes (openpyxl),
:func:`read_template` turns workbook bytes back into the edited year or a list of problems,
reading the workbook with a bounded streaming reader (:mod:`.workbook_read`, limits in
:mod:`.limits`).
"""

from unionperf.forms.fillin.layout import ImportProblem, ImportResult
from unionperf.forms.fillin.reader import read_template
from unionperf.forms.fillin.writer import write_template

__all__ = ["ImportProblem", "ImportResult", "read_template", "write_template"]
