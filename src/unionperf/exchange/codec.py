"""``data/data.json``: a year's data as stable, documented JSON (product.md §5).

The layout (format 1.4) is described by ``docs/schemas/data.schema.json``. One object holds the
whole :class:`~unionperf.domain.year.YearData` of a stage::

    {"format_version": "1.4", "year": 2024, "unit": {...}, "settings": {...},
     "catalogue": "acftu-2021", "opening_balance": "385600.00", "budget": [...],
     "projects": [...], "unit_targets": {...}, "points": [...], "monitoring": [...],
     "arrivals": [...], "evaluations": [...], "signoffs": [...], "explanations": [...],
     "assessments": [...], "project_history": [...]}

Conventions: money is a string with exactly two decimals (``"1200.00"``), other decimals are
strings as held (``"1.20"``, ``"95"``), dates are ``YYYY-MM-DD``, enums are their values, a missing
value is ``null``; there are no floats. Keys come in a fixed order and lists in domain order,
except the indicators of a target set, which come in canonical order (the framework's level 1,
level 2, then the user's order), and the progress of a monitoring entry, sorted by
``indicator_uid``. Readers ignore keys they do not know (a later minor version may add some) and
refuse another major version.

This module holds what writing and reading share, and what each stage carries (:func:`for_stage`);
``codec_write.py`` writes a year (``year_to_json``) and ``codec_read.py`` reads one
(``year_from_json``; its value checks and JSON paths are in ``codec_node.py``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from unionperf.domain.categories import NATIONAL_2021, CategoryCatalogue
from unionperf.domain.year import Stage, StageKind, YearData

DATA_FORMAT_VERSION = "1.4"
"""The version of the data.json layout written by ``codec_write.year_to_json``.

1.1 added interval targets (operator ``interval`` with ``target_upper``); a 1.0 document reads as
before (no upper bounds). 1.2 added revenue arrival (``arrivals``, per monitoring point and
revenue category) and the setting ``arrival_lag_points``; a 1.1 document reads with no arrivals
and the default setting. 1.3 added the ex-ante assessments of new major projects
(``assessments``) and the setting ``assessment_threshold``; a 1.2 document reads with none and the
threshold 0 (no assessment asked for). 1.4 added multi-year projects: each project's ``clear_out``
and ``clear_out_reason`` (清理退出) and the top-level ``project_history`` (the earlier years'
annual slices); an older document reads as not flagged and without history."""

CATALOGUES: dict[str, CategoryCatalogue] = {NATIONAL_2021.code: NATIONAL_2021}
"""The category catalogues a data.json may name, by code."""


class CodecError(ValueError):
    """A data.json that cannot be read, or a year that cannot be written; the message is Chinese."""


def for_stage(data: YearData, stage: Stage) -> YearData:
    """What a package of ``stage`` carries of the year.

    Targets: everything but monitoring (entries and revenue arrival) and self-evaluation. A
    monitoring point: the points up to its cut-off with their entries and arrivals, no
    self-evaluation. Self-evaluation: everything. Each keeps
    only the sign-offs of its own stage and every explanation.

    Args:
        data: the whole year.
        stage: the stage the package is made for.

    Returns:
        The year reduced to that stage.

    Raises:
        ValueError: a monitoring stage without a cut-off date.
    """
    signoffs = tuple(item for item in data.signoffs if item.stage == stage.name)
    if stage.kind is StageKind.TARGETS:
        return replace(
            data, points=(), monitoring=(), arrivals=(), evaluations=(), signoffs=signoffs
        )
    if stage.kind is StageKind.MONITORING:
        if stage.cutoff is None:
            raise ValueError("监控阶段缺少截止日期")
        return _monitoring_stage(replace(data, signoffs=signoffs), stage.cutoff)
    return replace(data, signoffs=signoffs)


def _monitoring_stage(data: YearData, cutoff: date) -> YearData:
    points = tuple(point for point in data.points if point.cutoff <= cutoff)
    uids = {point.uid for point in points}
    entries = tuple(entry for entry in data.monitoring if entry.point_uid in uids)
    arrivals = tuple(item for item in data.arrivals if item.point_uid in uids)
    return replace(data, points=points, monitoring=entries, arrivals=arrivals, evaluations=())
