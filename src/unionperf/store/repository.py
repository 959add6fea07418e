"""The year repository: hands out domain objects, never rows; every write is audited.

Reading a whole year is :class:`~unionperf.store.year_loader.YearLoader`'s job.

A write that changes a stage the chair signed off raises
:class:`~unionperf.store.submissions.LockedStageError` (the transaction rolls back), unless an
adjustment is open for that stage: the targets (goals, indicators, a project's deletion), a
monitoring point's entries, or the self-evaluation (results and texts). The budget, the
projects' money and data, the settings and the explanations of soft problems are not locked.
Saving identical values is no change and passes.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from unionperf.domain.budget import UNIT_OWNER, BudgetLine, Project
from unionperf.domain.categories import DEFAULT_CATALOGUE
from unionperf.domain.evaluation import Evaluation, IndicatorResult
from unionperf.domain.indicators import Indicator
from unionperf.domain.money import yuan_to_fen
from unionperf.domain.monitoring import MonitoringEntry, MonitoringPoint
from unionperf.domain.settings import RuleSettings, SignoffRole
from unionperf.domain.unit import UnitProfile
from unionperf.domain.year import Explanation, Signoff, StageKind, YearData
from unionperf.store import audit
from unionperf.store.bulk import write_year
from unionperf.store.errors import NotFoundError
from unionperf.store.mapping import (
    Values,
    assign,
    budget_from,
    budget_values,
    diff,
    entry_values,
    funding_from,
    funding_values,
    indicator_from,
    indicator_values,
    monitoring_stage,
    progress_from,
    progress_values,
    project_snapshot,
    project_values,
    result_from,
    result_values,
    unit_from,
    unit_values,
    year_facts,
)
from unionperf.store.project_years import ProjectYearQueries
from unionperf.store.rows import (
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
    UnitRow,
    YearRow,
)
from unionperf.store.submissions import SubmissionRecords
from unionperf.store.year_loader import YearLoader

TARGETS = StageKind.TARGETS.value
SELF_EVALUATION = StageKind.SELF_EVALUATION.value


class YearRepository(ProjectYearQueries):
    """Reads and writes a workspace's years inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- reading -------------------------------------------------------------------------------

    def unit(self) -> UnitProfile | None:
        """The union's profile, or ``None`` before it is entered."""
        row = self.session.get(UnitRow, 1)
        return unit_from(row) if row else None

    def years(self) -> list[int]:
        """The fiscal years held, oldest first."""
        return list(self.session.scalars(select(YearRow.year).order_by(YearRow.year)))

    def settings(self, year: int) -> RuleSettings:
        """The rule settings of a year."""
        return RuleSettings.from_json(json.loads(self._year_row(year).settings_json))

    def load(self, year: int) -> YearData:
        """The whole year as one domain aggregate (a handful of set-based queries)."""
        return YearLoader(self.session).load(year)

    def indicator(self, year: int, uid: str) -> Indicator | None:
        """One indicator of the year, if it exists."""
        row = self.session.scalar(
            select(IndicatorRow).where(IndicatorRow.uid == uid, IndicatorRow.year == year)
        )
        return indicator_from(row) if row else None

    def _year_row(self, year: int) -> YearRow:
        row = self.session.get(YearRow, year)
        if row is None:
            raise NotFoundError(f"工作区中没有{year}年度的数据")
        return row

    def _project_row(self, year: int, uid: str) -> ProjectRow:
        row = self.session.scalar(
            select(ProjectRow).where(ProjectRow.year == year, ProjectRow.uid == uid)
        )
        if row is None:
            raise NotFoundError(f"{year}年度找不到项目（{uid}）")
        return row

    # -- writing -------------------------------------------------------------------------------

    def save_unit(self, unit: UnitProfile) -> None:
        """Create or update the union's profile."""
        row = self.session.get(UnitRow, 1)
        new = unit_values(unit)
        old = unit_values(unit_from(row)) if row else None
        if row is None:
            self.session.add(UnitRow(id=1, **new))
        else:
            assign(row, new)
        self._audit("save", "unit", "unit", old, new, year=None)

    def ensure_year(self, year: int, settings: RuleSettings | None = None) -> bool:
        """Create the fiscal year if missing (``settings`` or the defaults); True if created."""
        if self.session.get(YearRow, year) is not None:
            return False
        values = {
            "settings_json": json.dumps((settings or RuleSettings()).to_json()),
            "catalogue_code": DEFAULT_CATALOGUE.code,
            "opening_balance_fen": 0,
            "unit_annual_goal": "",
            "unit_midterm_goal": "",
        }
        self.session.add(YearRow(year=year, **values))
        self._audit("create", "year", str(year), None, values, year=year)
        return True

    def save_settings(self, year: int, settings: RuleSettings) -> None:
        """Replace a year's rule settings."""
        row = self._year_row(year)
        old = {"settings": row.settings_json}
        row.settings_json = json.dumps(settings.to_json())
        self._audit("save", "settings", str(year), old, {"settings": row.settings_json}, year=year)

    def save_year_facts(
        self,
        year: int,
        *,
        opening_balance: Any = None,
        unit_annual_goal: str | None = None,
        unit_midterm_goal: str | None = None,
    ) -> None:
        """Update the opening balance and unit-wide goals of a year (``None`` keeps a field)."""
        row = self._year_row(year)
        old = year_facts(row)
        if (unit_annual_goal is not None and unit_annual_goal != row.unit_annual_goal) or (
            unit_midterm_goal is not None and unit_midterm_goal != row.unit_midterm_goal
        ):
            self._guard(year, TARGETS)
        if opening_balance is not None:
            row.opening_balance_fen = yuan_to_fen(opening_balance)
        if unit_annual_goal is not None:
            row.unit_annual_goal = unit_annual_goal
        if unit_midterm_goal is not None:
            row.unit_midterm_goal = unit_midterm_goal
        self._audit("save", "year", str(year), old, year_facts(row), year=year)

    def save_budget_line(self, year: int, line: BudgetLine) -> None:
        """Create or update a category row of the budget."""
        self._year_row(year)
        row = self.session.scalar(
            select(BudgetLineRow).where(
                BudgetLineRow.year == year, BudgetLineRow.category_code == line.category_code
            )
        )
        new = budget_values(line)
        old = budget_values(budget_from(row)) if row else None
        if row is None:
            self.session.add(BudgetLineRow(year=year, **new))
        else:
            assign(row, new)
        self._audit("save", "budget_line", line.category_code, old, new, year=year)

    def save_project(self, year: int, project: Project) -> None:
        """Create or update a project's data, goals and funding (not its indicators)."""
        self._year_row(year)
        row = self.session.scalar(
            select(ProjectRow).where(ProjectRow.year == year, ProjectRow.uid == project.uid)
        )
        new: Values = {
            **project_values(project),
            "funding": [funding_values(line) for line in project.funding],
        }
        old: Values | None = None
        goals = (new["annual_goal"], new["midterm_goal"])
        if goals != ((row.annual_goal, row.midterm_goal) if row else ("", "")):
            self._guard(year, TARGETS)
        if row is None:
            position = len(
                self.session.scalars(select(ProjectRow.id).where(ProjectRow.year == year)).all()
            )
            row = ProjectRow(year=year, position=position, **project_values(project))
            self.session.add(row)
            self.session.flush()
        else:
            old = {**project_snapshot(row), "funding": self._funding_snapshot(row.id)}
            assign(row, project_values(project))
            self.session.execute(delete(FundingLineRow).where(FundingLineRow.project_id == row.id))
        for line in project.funding:
            self.session.add(FundingLineRow(project_id=row.id, **funding_values(line)))
        self._audit("save", "project", project.uid, old, new, year=year)

    def delete_project(self, year: int, uid: str) -> None:
        """Delete a project of a year with its indicators, monitoring and results."""
        row = self._project_row(year, uid)
        old = project_snapshot(row)
        has_targets = row.annual_goal or row.midterm_goal
        if has_targets or self.session.scalar(
            select(IndicatorRow.id).where(IndicatorRow.project_id == row.id).limit(1)
        ):
            self._guard(year, TARGETS)
        self.session.delete(row)
        self._audit("delete", "project", uid, old, None, year=year)

    def save_indicator(
        self, year: int, owner_uid: str, indicator: Indicator, position: int | None = None
    ) -> None:
        """Create or update a level-3 indicator of a project or of the unit."""
        project_id = None if owner_uid == UNIT_OWNER else self._project_row(year, owner_uid).id
        row = self.session.scalar(select(IndicatorRow).where(IndicatorRow.uid == indicator.uid))
        new = indicator_values(indicator)
        old = indicator_values(indicator_from(row)) if row else None
        moved = row is not None and position is not None and row.position != position
        if row is None or moved or diff(old, new):
            self._guard(year, TARGETS)
        if row is None:
            if position is None:
                position = len(
                    self.session.scalars(
                        select(IndicatorRow.id).where(
                            IndicatorRow.year == year, IndicatorRow.owner_uid == owner_uid
                        )
                    ).all()
                )
            self.session.add(
                IndicatorRow(
                    year=year, owner_uid=owner_uid, project_id=project_id, position=position, **new
                )
            )
        else:
            assign(row, new)
            if position is not None:
                row.position = position
        self._audit("save", "indicator", indicator.uid, old, new, year=year)

    def delete_indicator(self, uid: str) -> None:
        """Delete an indicator with its progress and result."""
        row = self.session.scalar(select(IndicatorRow).where(IndicatorRow.uid == uid))
        if row is None:
            raise NotFoundError(f"找不到指标（{uid}）")
        old = indicator_values(indicator_from(row))
        year = row.year
        self._guard(year, TARGETS)
        self.session.delete(row)
        self._audit("delete", "indicator", uid, old, None, year=year)

    def save_point(self, year: int, point: MonitoringPoint) -> None:
        """Create or update a monitoring point."""
        self._year_row(year)
        row = self.session.scalar(select(PointRow).where(PointRow.uid == point.uid))
        new = {"cutoff": point.cutoff, "label": point.label}
        old = {"cutoff": row.cutoff, "label": row.label} if row else None
        if row is not None and diff(old, new):
            self._guard(year, monitoring_stage(row.cutoff))
        if row is None:
            self.session.add(PointRow(uid=point.uid, year=year, **new))
        else:
            assign(row, new)
        self._audit("save", "monitoring_point", point.uid, old, new, year=year)

    def delete_point(self, year: int, uid: str) -> None:
        """Delete a monitoring point with every entry made at it."""
        row = self.session.scalar(
            select(PointRow).where(PointRow.uid == uid, PointRow.year == year)
        )
        if row is None:
            raise NotFoundError(f"{year}年度没有这个监控时点（{uid}）")
        self._guard(year, monitoring_stage(row.cutoff))
        old = {"cutoff": row.cutoff, "label": row.label}
        self.session.delete(row)
        self._audit("delete", "monitoring_point", uid, old, None, year=year)

    def save_entry(self, entry: MonitoringEntry) -> None:
        """Create or update one owner's monitoring at one point, with every indicator's progress."""
        point = self.session.scalar(select(PointRow).where(PointRow.uid == entry.point_uid))
        if point is None:
            raise NotFoundError(f"找不到监控时点（{entry.point_uid}）")
        owner = entry.owner_uid
        project_id = None if owner == UNIT_OWNER else self._project_row(point.year, owner).id
        row = self.session.scalar(
            select(EntryRow).where(
                EntryRow.point_id == point.id, EntryRow.owner_uid == entry.owner_uid
            )
        )
        new: Values = {
            **entry_values(entry),
            "progress": [progress_values(item) for item in entry.progress],
        }
        old: Values | None = None
        if row is None:
            self._guard(point.year, monitoring_stage(point.cutoff))
            row = EntryRow(point_id=point.id, project_id=project_id, **entry_values(entry))
            self.session.add(row)
            self.session.flush()
        else:
            old = {
                **{key: getattr(row, key) for key in entry_values(entry)},
                "progress": [
                    progress_values(progress_from(p))
                    for p in self.session.scalars(
                        select(ProgressRow)
                        .where(ProgressRow.entry_id == row.id)
                        .order_by(ProgressRow.id)
                    )
                ],
            }
            if diff(old, new):
                self._guard(point.year, monitoring_stage(point.cutoff))
            assign(row, entry_values(entry))
            self.session.execute(delete(ProgressRow).where(ProgressRow.entry_id == row.id))
        for item in entry.progress:
            self.session.add(ProgressRow(entry_id=row.id, **progress_values(item)))
        self._audit(
            "save",
            "monitoring_entry",
            f"{entry.point_uid}/{entry.owner_uid}",
            old,
            new,
            year=point.year,
        )

    def save_result(self, result: IndicatorResult) -> None:
        """Create or update the year-end result of an indicator."""
        indicator = self.session.scalar(
            select(IndicatorRow).where(IndicatorRow.uid == result.indicator_uid)
        )
        if indicator is None:
            raise NotFoundError(f"找不到指标（{result.indicator_uid}）")
        row = self.session.scalar(
            select(ResultRow).where(ResultRow.indicator_uid == result.indicator_uid)
        )
        new = result_values(result)
        old = result_values(result_from(row)) if row else None
        if row is None or diff(old, new):
            self._guard(indicator.year, SELF_EVALUATION)
        if row is None:
            self.session.add(ResultRow(**new))
        else:
            assign(row, new)
        self._audit("save", "indicator_result", result.indicator_uid, old, new, year=indicator.year)

    def save_evaluation_texts(self, year: int, evaluation: Evaluation) -> None:
        """Save a self-evaluation's texts (not its results): 实际完成情况, 结果应用, 资金分析."""
        owner_uid = evaluation.owner_uid
        project_id = None if owner_uid == UNIT_OWNER else self._project_row(year, owner_uid).id
        row = self.session.scalar(
            select(EvaluationRow).where(
                EvaluationRow.year == year, EvaluationRow.owner_uid == owner_uid
            )
        )
        new = {
            "achieved_text": evaluation.achieved_text,
            "result_application": evaluation.result_application,
            "execution_analysis": evaluation.execution_analysis,
        }
        old = {key: getattr(row, key) for key in new} if row else None
        changed = diff(old, new) if row is not None else any(new.values())
        if changed:
            self._guard(year, SELF_EVALUATION)
        if row is None:
            self.session.add(
                EvaluationRow(year=year, owner_uid=owner_uid, project_id=project_id, **new)
            )
        else:
            assign(row, new)
        self._audit("save", "evaluation", owner_uid, old, new, year=year)

    def save_signoff(self, year: int, signoff: Signoff) -> None:
        """Record (or re-record) a sign-off."""
        row = self.session.scalar(
            select(SignoffRow).where(
                SignoffRow.year == year,
                SignoffRow.stage == signoff.stage,
                SignoffRow.role == signoff.role.value,
            )
        )
        new = {"name": signoff.name, "signed_on": signoff.signed_on}
        old = {"name": row.name, "signed_on": row.signed_on} if row else None
        if row is None:
            self.session.add(
                SignoffRow(year=year, stage=signoff.stage, role=signoff.role.value, **new)
            )
        else:
            assign(row, new)
        self._audit(
            "signoff", "signoff", f"{signoff.stage}/{signoff.role.value}", old, new, year=year
        )
        if signoff.role is SignoffRole.CHAIR:
            SubmissionRecords(self.session).close_adjustment(year, signoff.stage)

    def delete_signoff(self, year: int, stage: str, role: SignoffRole) -> bool:
        """Withdraw one role's sign-off of a stage (the chair's unlocks it); False if none."""
        row = self.session.scalar(
            select(SignoffRow).where(
                SignoffRow.year == year, SignoffRow.stage == stage, SignoffRow.role == role.value
            )
        )
        if row is None:
            return False
        old = {"name": row.name, "signed_on": row.signed_on}
        self.session.delete(row)
        self.session.flush()
        SubmissionRecords(self.session).forget_locks()
        self._audit("withdraw", "signoff", f"{stage}/{role.value}", old, None, year=year)
        return True

    def save_explanation(self, year: int, explanation: Explanation) -> None:
        """Save the explanation of a soft problem (an empty text removes it)."""
        row = self.session.scalar(
            select(ExplanationRow).where(
                ExplanationRow.year == year, ExplanationRow.problem_key == explanation.problem_key
            )
        )
        old = {"text": row.text} if row else None
        if row is not None and not explanation.text.strip():
            self.session.delete(row)
        elif row is None:
            self.session.add(
                ExplanationRow(
                    year=year, problem_key=explanation.problem_key, text=explanation.text
                )
            )
        else:
            row.text = explanation.text
        self._audit(
            "save",
            "explanation",
            explanation.problem_key,
            old,
            {"text": explanation.text},
            year=year,
        )

    def _guard(self, year: int, stage: str) -> None:
        SubmissionRecords(self.session).guard(year, stage)

    def _funding_snapshot(self, project_id: int) -> list[Values]:
        rows = self.session.scalars(
            select(FundingLineRow)
            .where(FundingLineRow.project_id == project_id)
            .order_by(FundingLineRow.id)
        )
        return [funding_values(funding_from(row)) for row in rows]

    def _audit(
        self,
        action: str,
        entity: str,
        uid: str,
        old: Values | None,
        new: Values | None,
        *,
        year: int | None,
    ) -> None:
        changes = diff(old, new)
        if changes or old is None or new is None:
            audit.record(self.session, action, entity, uid, changes, year=year)

    # -- bulk ----------------------------------------------------------------------------------

    def replace_year(self, data: YearData) -> None:
        """Replace everything held for ``data.year`` with ``data`` (demo, whole-year imports)."""
        self.session.execute(delete(YearRow).where(YearRow.year == data.year))
        self.session.flush()
        counts = write_year(self.session, data)
        audit.record(self.session, "replace", "year", str(data.year), counts, year=data.year)
