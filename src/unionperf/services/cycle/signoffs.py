"""Signing a stage off, gated by its hard problems (签字确认).

A role signs a stage (绩效目标, a 运行监控 point, 绩效自评) off as finished: while a hard problem
of that stage is open, nobody may sign it, and :class:`SignoffRefusedError` lists the problems
(the window shows them clickable, the command line prints them). The chair's sign-off locks the
stage (see :mod:`unionperf.services.cycle.locks`); an adjustment withdraws the chair's and the
audit chair's sign-offs again.
"""

from __future__ import annotations

from unionperf.domain.problems import Problem
from unionperf.domain.settings import SIGNOFF_LABELS
from unionperf.domain.validation import signoff_blockers
from unionperf.domain.year import Signoff, YearData, stage_label
from unionperf.services.common.errors import InputError
from unionperf.services.common.ports import UnitOfWorkSource
from unionperf.services.common.stages import parse_stage
from unionperf.services.common.workspace import found

__all__ = ["SignoffRefusedError", "blockers_of", "check_signoff", "sign_off"]

LISTED = 5
"""How many of the blocking problems the one-line message names (``details`` has them all)."""


class SignoffRefusedError(InputError):
    """A sign-off was refused: no name, or hard problems of the stage are still open."""

    def __init__(self, message: str, where: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message, where)
        self.problems = list(problems or [])

    def details(self) -> list[str]:
        """Every open hard problem of the stage, with its code and place."""
        return [f"{p.code.value} [强制] {p.where.label}：{p.message}" for p in self.problems]


def blockers_of(data: YearData, stage: str) -> list[Problem]:
    """The hard problems of ``stage`` that stop anyone from signing it off."""
    return signoff_blockers(data, parse_stage(data, stage))


def check_signoff(data: YearData, signoff: Signoff) -> None:
    """Refuse a sign-off the year cannot take now (the window checks before it asks to save).

    Raises:
        SignoffRefusedError: the name is empty, or hard problems of the stage are open.
        InputError: the stage is not one of the year's.
    """
    role = SIGNOFF_LABELS[signoff.role]
    label = stage_label(signoff.stage)
    where = f"签字确认 › {label} › {role}"
    if not signoff.name.strip():
        raise SignoffRefusedError("请填写签字人姓名", where)
    problems = blockers_of(data, signoff.stage)
    if problems:
        listed = "；".join(
            f"{p.code.value} {p.where.label}：{p.message}" for p in problems[:LISTED]
        )
        more = f"等{len(problems)}个" if len(problems) > LISTED else f"{len(problems)}个"
        raise SignoffRefusedError(
            f"“{label}”还有{more}须修改的问题，解决后才能签字。{listed}", where, problems
        )


def sign_off(workspace: UnitOfWorkSource, year: int, signoff: Signoff) -> None:
    """Record a role's sign-off of a stage, unless a hard problem of the stage is open.

    The chair's sign-off locks the stage and closes an open adjustment.

    Raises:
        SignoffRefusedError: the name is empty, or hard problems of the stage are open
            (``problems`` lists them); nothing is saved.
    """
    with workspace.unit_of_work() as uow:
        check_signoff(found(lambda: uow.years.load(year)), signoff)
        uow.years.save_signoff(year, signoff)
