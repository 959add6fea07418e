"""The fill-in workbook (填报表): an editable Excel export of a year and its checked import.

Pure openpyxl ⇄ domain: :func:`write_template` turns a :class:`YearData` into workbook bytes,
:func:`read_template` turns workbook bytes back into the edited year or a list of problems.
"""

from unionperf.forms.fillin.layout import ImportProblem, ImportResult
from unionperf.forms.fillin.reader import read_template
from unionperf.forms.fillin.writer import write_template

__all__ = ["ImportProblem", "ImportResult", "read_template", "write_template"]
