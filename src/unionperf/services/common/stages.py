"""Stages of a year as the services name them: parsing a stage name, and the lock refusal."""

from __future__ import annotations

from unionperf.domain.year import Stage, StageKind, YearData
from unionperf.services.common.errors import InputError, ServiceError


class StageLockedError(ServiceError):
    """An edit touched a stage the chair has signed off; it needs an adjustment with a reason."""

    def __init__(self, stage: str, label: str) -> None:
        super().__init__(f"“{label}”已经工会主席签字确认并锁定；如需修改，请先填写调整原因办理调整")
        self.stage = stage
        self.label = label


def parse_stage(data: YearData, text: str) -> Stage:
    """A stage name of the year; a monitoring stage must name one of the year's cut-offs."""
    try:
        stage = Stage.parse(text)
    except ValueError as error:
        raise InputError(str(error), "报送阶段") from error
    if stage.kind is StageKind.MONITORING and not any(
        point.cutoff == stage.cutoff for point in data.points
    ):
        cutoffs = "、".join(point.stage for point in data.points) or "（无）"
        raise InputError(
            f"{data.year}年度没有截至{stage.cutoff}的监控时点；可选：{cutoffs}", "报送阶段"
        )
    return stage
