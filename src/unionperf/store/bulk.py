"""Writing a whole year at once with Core inserts (demo data, large imports, benchmarks)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.categories import DEFAULT_CATALOGUE
from unionperf.domain.money import yuan_to_fen
from unionperf.domain.year import YearData
from unionperf.store.arrivals import arrival_values
from unionperf.store.assessments import assessment_values
from unionperf.store.mapping import (
    budget_values,
    entry_values,
    funding_values,
    indicator_values,
    progress_values,
    project_values,
    result_values,
)
from unionperf.store.rows import (
    ArrivalRow,
    AssessmentRow,
    Base,
    BudgetLineRow,
    EntryRow,
    EvaluationRow,
    ExplanationRow,
    FundingLineRow,
    IndicatorRow,
    PointRow,
    ProgressRow,
    ProjectRow,
    ResultRow,
    SignoffRow,
    YearRow,
)


def write_year(session: Session, data: YearData) -> dict[str, int]:
    """Insert every record of ``data`` (the year must not exist yet); returns row counts."""
    year = data.year
    session.execute(
        insert(_table(YearRow)).values(
            year=year,
            settings_json=json.dumps(data.settings.to_json()),
            catalogue_code=DEFAULT_CATALOGUE.code,
            opening_balance_fen=yuan_to_fen(data.opening_balance),
            unit_annual_goal=data.unit_targets.annual_goal,
            unit_midterm_goal=data.unit_targets.midterm_goal,
        )
    )
    rows: dict[type[Base], list[dict[str, Any]]] = {
        table: []
        for table in (
            BudgetLineRow,
            ProjectRow,
            FundingLineRow,
            IndicatorRow,
            PointRow,
            EntryRow,
            ProgressRow,
            ArrivalRow,
            EvaluationRow,
            ResultRow,
            SignoffRow,
            ExplanationRow,
            AssessmentRow,
        )
    }
    next_id = {table: _max_id(session, table) for table in (ProjectRow, PointRow, EntryRow)}
    rows[BudgetLineRow] = [{"year": year, **budget_values(line)} for line in data.budget]
    project_ids: dict[str, int | None] = {UNIT_OWNER: None}
    for position, project in enumerate(data.projects):
        next_id[ProjectRow] += 1
        project_ids[project.uid] = next_id[ProjectRow]
        rows[ProjectRow].append(
            {
                "id": next_id[ProjectRow],
                "year": year,
                "position": position,
                **project_values(project),
            }
        )
        rows[FundingLineRow] += [
            {"project_id": next_id[ProjectRow], **funding_values(line)} for line in project.funding
        ]
    owned = [(project.uid, project.targets) for project in data.projects]
    for owner, targets in [*owned, (UNIT_OWNER, data.unit_targets)]:
        rows[IndicatorRow] += [
            {
                "year": year,
                "owner_uid": owner,
                "project_id": project_ids.get(owner),
                "position": position,
                **indicator_values(indicator),
            }
            for position, indicator in enumerate(targets.indicators)
        ]
    point_ids: dict[str, int] = {}
    for point in data.points:
        next_id[PointRow] += 1
        point_ids[point.uid] = next_id[PointRow]
        rows[PointRow].append(
            {
                "id": next_id[PointRow],
                "uid": point.uid,
                "year": year,
                "cutoff": point.cutoff,
                "label": point.label,
            }
        )
    for entry in data.monitoring:
        next_id[EntryRow] += 1
        rows[EntryRow].append(
            {
                "id": next_id[EntryRow],
                "point_id": point_ids[entry.point_uid],
                "project_id": project_ids.get(entry.owner_uid),
                **entry_values(entry),
            }
        )
        rows[ProgressRow] += [
            {"entry_id": next_id[EntryRow], **progress_values(item)} for item in entry.progress
        ]
    rows[ArrivalRow] = [
        {"point_id": point_ids[item.point_uid], **arrival_values(item)} for item in data.arrivals
    ]
    for evaluation in data.evaluations:
        rows[EvaluationRow].append(
            {
                "year": year,
                "owner_uid": evaluation.owner_uid,
                "project_id": project_ids.get(evaluation.owner_uid),
                "achieved_text": evaluation.achieved_text,
                "result_application": evaluation.result_application,
                "execution_analysis": evaluation.execution_analysis,
            }
        )
        rows[ResultRow] += [result_values(result) for result in evaluation.results]
    rows[SignoffRow] = [
        {
            "year": year,
            "stage": item.stage,
            "role": item.role.value,
            "name": item.name,
            "signed_on": item.signed_on,
        }
        for item in data.signoffs
    ]
    rows[ExplanationRow] = [
        {"year": year, "problem_key": item.problem_key, "text": item.text}
        for item in data.explanations
    ]
    rows[AssessmentRow] = [{"year": year, **assessment_values(item)} for item in data.assessments]
    counts = {}
    for table, values in rows.items():
        if values:
            session.execute(insert(_table(table)), values)
        counts[table.__tablename__] = len(values)
    return counts


def _table(row_class: type[Base]) -> Table:
    return Base.metadata.tables[row_class.__tablename__]


def _max_id(session: Session, table: type[Base]) -> int:
    column = table.__table__.c.id
    return int(session.scalar(select(func.coalesce(func.max(column), 0))) or 0)
