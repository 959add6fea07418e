"""One table of 汇总 as its own workbook (the page's "export this table" buttons).

The tables are those of :func:`unionperf.services.upper.tables.aggregate_tables` — the same
sheets the whole workbook holds — so a table exported alone reads as in the whole workbook.
"""

from __future__ import annotations

from pathlib import Path

from unionperf.forms.tables_xlsx import write_tables
from unionperf.services.common.errors import InputError
from unionperf.services.common.files import write_atomically
from unionperf.services.upper.aggregate import Aggregate
from unionperf.services.upper.tables import aggregate_tables

__all__ = ["export_aggregate_table", "table_titles"]


def table_titles(result: Aggregate) -> list[str]:
    """The titles of the aggregation's tables (收入, 支出, …, 排名), in workbook order."""
    return [table.title for table in aggregate_tables(result)]


def export_aggregate_table(result: Aggregate, title: str, out_file: Path) -> Path:
    """Write the table called ``title`` as a one-sheet workbook and return its path.

    Raises:
        InputError: the aggregation has no table of that title.
        ServiceError: the file cannot be written.
    """
    chosen = [table for table in aggregate_tables(result) if table.title == title]
    if not chosen:
        raise InputError(f"汇总中没有“{title}”表", "汇总")
    return write_atomically(out_file.parent, out_file.name, write_tables(chosen))
