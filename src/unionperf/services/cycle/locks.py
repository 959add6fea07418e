"""Signed-off stages are locked; a later change is an adjustment (调整) with a reason.

A stage (``targets``, ``monitoring-YYYY-MM-DD``, ``self-evaluation``) is locked once the chair
(工会主席) has signed it off. The store refuses every change that belongs to a locked stage, for
the window and the command line alike (the Excel import too):

- targets: the unit-wide goals, a project's goals, indicators (added, changed, moved, deleted),
  and deleting a project that has targets;
- ``monitoring-<date>``: the entries of that monitoring point and the point itself;
- self-evaluation: indicator results and the evaluation texts.

Not locked: the budget and the projects' money and data (the budget is changed through its
调整数 column, which is itself the record of a budget adjustment), the rule settings, the unit
profile and the explanations of soft problems (they are part of the submission, not of a stage's
content).

:func:`open_adjustment` unlocks a signed-off stage for a reason that goes into the audit log
and withdraws the chair's and the audit chair's sign-offs of the stage (the history keeps them);
the chair's next sign-off locks it again and closes the adjustment. The adjustment is its own
transaction, committed before the edit that needed it: if that edit then fails, the adjustment
stays open (no data changed) until the chair signs off again. The history of what changed,
who changed it and why is the audit log.
"""

from __future__ import annotations

from unionperf.domain.feedback import Feedback
from unionperf.domain.settings import SignoffRole
from unionperf.domain.year import stage_label
from unionperf.services.common.errors import InputError
from unionperf.services.common.ports import BackedUpSource, UnitOfWorkSource
from unionperf.store.submissions import StageState

WITHDRAWN_BY_ADJUSTMENT = (SignoffRole.CHAIR, SignoffRole.AUDIT_CHAIR)
"""The sign-offs an adjustment withdraws: the chair and the audit chair sign the change again."""

__all__ = [
    "ADJUSTMENT_BACKUP",
    "WITHDRAWN_BY_ADJUSTMENT",
    "StageState",
    "feedback_of",
    "open_adjustment",
    "resume_adjustment",
    "stage_lock",
    "stages_adjusting",
    "withdraw_signoff",
]


def stage_lock(workspace: UnitOfWorkSource, year: int, stage: str) -> StageState:
    """Whether a stage is signed off, returned or being adjusted, with the reason."""
    with workspace.reading() as uow:
        return uow.submissions.stage_state(year, stage)


def stages_adjusting(workspace: UnitOfWorkSource, year: int) -> set[str]:
    """The stages of ``year`` with an adjustment open."""
    with workspace.reading() as uow:
        return uow.submissions.stages_adjusting(year)


ADJUSTMENT_BACKUP = "before-adjustment"
"""The reason of the backup taken before an adjustment opens (its file name says 调整前)."""


def open_adjustment(
    workspace: BackedUpSource, year: int, stage: str, reason: str
) -> tuple[SignoffRole, ...]:
    """Open an adjustment of a signed-off stage, recording the reason in the audit log.

    The workspace is backed up first (``before-adjustment``), so the state as signed can be
    restored; a refused adjustment takes no backup.

    The chair's and the audit chair's sign-offs of the stage are withdrawn (each withdrawal is
    in the audit log with the name and date it had): after the adjustment they sign again, and
    the chair's new sign-off locks the stage. Returns the roles whose sign-off was withdrawn.

    Raises:
        InputError: no reason was given, or the chair has not signed the stage off.
        StorageError: the backup could not be written (disk full, read-only); nothing changed.
    """
    reason = reason.strip()
    label = stage_label(stage)
    if not reason:
        raise InputError("请填写调整原因", f"调整 › {label}")
    with workspace.reading() as uow:
        _check_signed(uow.submissions.stage_state(year, stage), label)
    workspace.back_up(ADJUSTMENT_BACKUP)
    with workspace.unit_of_work() as uow:
        records = uow.submissions
        _check_signed(records.stage_state(year, stage), label)
        withdrawn = tuple(
            role for role in WITHDRAWN_BY_ADJUSTMENT if uow.years.delete_signoff(year, stage, role)
        )
        records.open_adjustment(year, stage, reason)
    return withdrawn


def _check_signed(state: StageState, label: str) -> None:
    if not state.signed:
        raise InputError(f"“{label}”尚未经工会主席签字确认，可直接修改，无需调整", "调整")


def resume_adjustment(workspace: UnitOfWorkSource, year: int, stage: str, reason: str) -> None:
    """Open again the adjustment that the chair's sign-off closed (the undo of that sign-off).

    The withdrawn sign-offs stay withdrawn; only the stage's state goes back to adjusting.
    """
    with workspace.unit_of_work() as uow:
        uow.submissions.open_adjustment(year, stage, reason)


def withdraw_signoff(workspace: UnitOfWorkSource, year: int, stage: str, role: SignoffRole) -> None:
    """Withdraw one role's sign-off of a stage (undo of a sign-off); the chair's unlocks it."""
    with workspace.unit_of_work() as uow:
        uow.years.delete_signoff(year, stage, role)


def feedback_of(workspace: UnitOfWorkSource, year: int) -> list[Feedback]:
    """The feedback the unit imported for a year, oldest first."""
    with workspace.reading() as uow:
        return uow.submissions.feedback(year)
