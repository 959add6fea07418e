"""data.json of a package to the year: the schema and the reader in one pass where it counts.

A large unit's data.json holds 200 projects with 4,000 indicators, 2,400 monitoring entries
with 48,000 indicator progress records and 4,000 self-evaluation results: nearly all of its
values. Checking them against the schema (``fastjsonschema``) and then reading them
(``codec_read``, which checks each value again as it goes) cost two walks of Python over the
same 600,000 values. Here the projects, the unit's targets, the monitoring entries and the
self-evaluations are checked and read in one walk (:mod:`unionperf.exchange.data_walk`) that
applies, value by value, both the schema's definitions (taken from the schema document itself,
:mod:`unionperf.exchange.walk_rules`) and the reader's checks, and builds the domain objects as
it goes; since the third pass the budget lines and the revenue arrivals too (the arrivals' checks
against the points and the catalogue are made here, as the reader makes them). The rest of the
document goes through the schema and the reader as before, with those parts empty.

The walk only ever accepts: at the first value it does not expect it gives up, and the whole
document goes the old way (``schemas.validate`` then ``year_from_json``), which then refuses it
with the same code and the same sentence as before, or accepts it. So what is accepted, what is
refused and every message are unchanged; only valid packages get faster.

Verification tries one faster way first: :mod:`unionperf.exchange.data_typed` decodes the same
parts straight from the bytes by type (msgspec) and hands them, with the rest of the document,
to :func:`read_walked`, the second half of :func:`read_data`; what it does not vouch for comes
here as a parsed document.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from unionperf.domain.categories import Flow
from unionperf.domain.revenue import RevenueArrival
from unionperf.domain.year import YearData
from unionperf.exchange import schemas
from unionperf.exchange.codec import CodecError
from unionperf.exchange.codec_read import year_from_json
from unionperf.exchange.data_walk import Walked, walk
from unionperf.exchange.errors import PackageError

__all__ = ["read_data", "read_walked"]


def _no_targets() -> dict[str, Any]:
    """Stands for the walked unit targets in the rest of the document (the key is required)."""
    return {"owner_uid": "", "annual_goal": "", "midterm_goal": "", "indicators": []}


def _arrivals_read(arrivals: tuple[RevenueArrival, ...], year: YearData) -> bool:
    """Whether the reader accepts the walked arrivals (``codec_read._arrivals``' checks).

    Each names a point of the year and a revenue category of its catalogue, once per pair.
    """
    revenue = {item.code for item in year.catalogue.of_flow(Flow.REVENUE)}
    points = {point.uid for point in year.points}
    pairs = {(item.point_uid, item.category_code) for item in arrivals}
    return len(pairs) == len(arrivals) and all(
        point in points and category in revenue for point, category in pairs
    )


def read_data(document: Any, label: str = "data.json") -> YearData:
    """Check ``document`` against the data schema and read it into the year.

    Raises:
        PackageError: ``limit`` or ``schema`` as ``schemas.validate`` raises them; ``schema``
            with the reader's sentence when the document does not read.
    """
    walked = walk(document)
    if walked is not None:
        year = read_walked(document, walked, label)
        if year is not None:
            return year
    schemas.validate("data", document, label)
    try:
        return year_from_json(document)
    except CodecError as error:
        raise PackageError("schema", str(error)) from error


def read_walked(
    document: dict[str, Any], walked: Walked, label: str = "data.json"
) -> YearData | None:
    """The year of ``walked`` and the rest of ``document``; ``None`` when the rest is not read.

    The walked parts of ``document`` are not looked at (the typed path leaves ``None`` there);
    the rest goes through the schema and the reader. ``None``: the caller reads the whole
    document the checked way, which refuses it with its own words.
    """
    rest = {
        **document,
        "projects": [],
        "unit_targets": _no_targets(),
        "monitoring": [],
        "evaluations": [],
        "budget": [],
    }
    if "arrivals" in rest:
        rest["arrivals"] = []
    try:
        schemas.validate("data", rest, label)
        year = year_from_json(rest, projects=walked.projects)
    except (PackageError, CodecError):
        return None
    if not _arrivals_read(walked.arrivals, year):
        return None
    return replace(
        year,
        budget=walked.budget,
        unit_targets=walked.unit_targets,
        monitoring=walked.monitoring,
        arrivals=walked.arrivals,
        evaluations=walked.evaluations,
    )
