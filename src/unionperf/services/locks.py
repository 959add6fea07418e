"""Signed-off stages are locked; a later change is an adjustment (调整) with a reason."""

from __future__ import annotations

from unionperf.services.errors import ServiceError

__all__ = ["StageLockedError"]


class StageLockedError(ServiceError):
    """An edit touched a stage the chair has signed off; it needs an adjustment with a reason."""

    def __init__(self, stage: str, label: str) -> None:
        super().__init__(f"“{label}”已经工会主席签字确认并锁定；如需修改，请先填写调整原因办理调整")
        self.stage = stage
        self.label = label


def open_adjustment(workspace: object, year: int, stage: str, reason: str) -> None:
    """Open an adjustment of a signed-off stage, recording the reason (to be implemented)."""
    raise NotImplementedError
