"""Fuzzing the fill-in import's cells: any value in any input cell gives a clean import or a
Chinese refusal naming a cell, never an internal error.

Two levels: raw cell XML (any cell type, number text, formula with or without a cached value,
shared string index, over-long text) written into the exported workbook, and values a user (or
a script with openpyxl) can put into cells.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.forms.craft_xlsx import formula_cell, number_cell, text_cell, with_cell
from tests.forms.test_fillin_support import Book
from unionperf.demo.data import demo_year
from unionperf.domain.year import YearData
from unionperf.forms.fillin import ImportResult, layout, read_template, write_template

CHINESE = re.compile(r"[\u4e00-\u9fff]")
YEAR: YearData = demo_year(2024)
BLOB = write_template(YEAR)


def _targets() -> list[tuple[str, str]]:
    """(sheet, cell) of input cells: one existing row of each sheet, and the fixed cells."""
    book = Book(BLOB)
    rows = {
        layout.BUDGET: (book.row("预算", "科目代码", "501"), layout.BUDGET_INPUTS),
        layout.PROJECTS: (
            book.row("项目", "项目编号", YEAR.projects[0].uid),
            layout.PROJECT_INPUTS,
        ),
        layout.INDICATORS: (
            book.row("指标", "指标编号", "p2024-01-i07"),
            layout.INDICATOR_INPUTS,
        ),
        layout.MONITORING: (
            book.monitoring_row("2024-06-30", "p2024-01-i02"),
            layout.MONITORING_INPUTS,
        ),
        layout.FUNDS: (2, layout.FUNDS_INPUTS),
    }
    found = [(layout.BUDGET, "B1"), (layout.BUDGET, "B2"), (layout.GUIDE, "B5")]
    found.append((layout.BUDGET, layout.UNIT_MIDTERM_CELL))
    for sheet, (row, headers) in rows.items():
        found += [(sheet, book.ref(sheet, row, header)) for header in headers]
    found.append(
        (
            layout.INDICATORS,
            book.ref("指标", book.row("指标", "指标编号", "p2024-01-i01"), "实际完成值"),
        )
    )
    return found


TARGETS = _targets()

_XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=40,
)
_NUMBER_TEXT = st.one_of(
    st.from_regex(r"-?\d{0,40}(\.\d{0,40})?([eE][+-]?\d{1,4})?", fullmatch=True),
    st.sampled_from(["inf", "-inf", "nan", "NaN", "1e308", "1e-320", "", " 12 ", "0x1A", "１２"]),
    st.integers().map(str),
    st.floats().map(repr),
)


def _raw_cells(ref: str) -> st.SearchStrategy[str]:
    """Any cell XML at ``ref``: every cell type, with good and bad contents."""
    cached = st.one_of(st.none(), _NUMBER_TEXT, _XML_TEXT, st.just("#REF!"))
    return st.one_of(
        _NUMBER_TEXT.map(lambda value: number_cell(ref, value)),
        st.one_of(_XML_TEXT, _NUMBER_TEXT).map(lambda text: text_cell(ref, text)),
        st.integers(32_000, 33_000).map(lambda length: text_cell(ref, "长" * length)),
        st.builds(
            lambda formula, value, kind: formula_cell(ref, formula or "SUM(1,2)", value, kind),
            _XML_TEXT,
            cached,
            st.sampled_from(["n", "str", "e", "b"]),
        ),
        st.sampled_from(["0", "1", "2", "true", ""]).map(
            lambda value: f'<c r="{ref}" t="b"><v>{value}</v></c>'
        ),
        st.integers(-5, 10**12).map(lambda index: f'<c r="{ref}" t="s"><v>{index}</v></c>'),
        _XML_TEXT.map(lambda text: f'<c r="{ref}" t="d"><v>{escape(text)}</v></c>'),
    )


def _check(result: ImportResult) -> None:
    if result.ok:
        assert result.data is not None
        return
    assert result.data is None
    assert result.problems
    for problem in result.problems:
        assert CHINESE.search(problem.message), str(problem)
        assert problem.sheet, str(problem)
    assert any(problem.cell for problem in result.problems), [str(p) for p in result.problems]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_raw_cell_xml_in_input_cells_imports_or_is_refused_with_a_cell(data):
    picked = data.draw(st.lists(st.sampled_from(TARGETS), min_size=1, max_size=3, unique=True))
    blob = BLOB
    for sheet, ref in picked:
        blob = with_cell(blob, sheet, ref, data.draw(_raw_cells(ref)))
    _check(read_template(blob, YEAR))


_VALUES = st.one_of(
    st.none(),
    _XML_TEXT,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda value: abs(value.adjusted()) < 300
    ),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1)),  # noqa: DTZ001 - cells hold naive times
    st.booleans(),
    st.sampled_from(["=SUM(1,2)", "=A1/0", "=1+", '="文字"']),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_values_typed_into_input_cells_import_or_are_refused_with_a_cell(data):
    picked = data.draw(st.lists(st.sampled_from(TARGETS), min_size=1, max_size=3, unique=True))
    book = Book(BLOB)
    for sheet, ref in picked:
        value = data.draw(_VALUES)
        cell = book.sheet(sheet)[ref]
        cell.value = value
        if isinstance(value, str) and not value.startswith("="):
            cell.data_type = "s"
    _check(read_template(book.save(), YEAR))


@pytest.mark.parametrize(("sheet", "ref"), TARGETS[:4])
def test_every_target_is_an_input_cell(sheet, ref):
    """The fuzzing reaches the import: a formula without a value in a target is refused there."""
    result = read_template(with_cell(BLOB, sheet, ref, formula_cell(ref, "SUM(1,2)", None)), YEAR)
    assert any(problem.where == f"{sheet}!{ref}" for problem in result.problems)
