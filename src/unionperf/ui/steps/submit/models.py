"""Table models of the submit step: the pre-flight checklist, the submission log, the feedback.

The rows come from the session's year in memory (the checklist) or from the services (the log
and the feedback); the models only show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject

from unionperf.domain.assessment import ASSESSMENT_ITEM
from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.feedback import Decision, Feedback, Opinion
from unionperf.domain.problems import Problem, Section, Severity
from unionperf.domain.validation import check_stage
from unionperf.domain.year import Stage, StageKind, YearData, stage_label
from unionperf.services.cycle.submit import Submission
from unionperf.ui.widgets.table_model import Column, RowTableModel

__all__ = [
    "CheckGroup",
    "CheckItem",
    "ChecklistModel",
    "FeedbackLine",
    "FeedbackModel",
    "SubmissionLogModel",
    "checklist",
    "feedback_lines",
    "readiness",
    "stage_choices",
]

HARD_COLOUR = "#f6d5d3"
SOFT_COLOUR = "#fdf0c8"
SIGNOFF_COLOUR = "#dde7f6"
EXPLAINED_COLOUR = "#dcefdc"


class CheckGroup(Enum):
    """The groups of the checklist, in the order they show."""

    HARD = 0
    """A rule that must pass before the stage can be submitted."""
    SOFT = 1
    """A soft rule that failed and has no written explanation yet."""
    SIGNOFF = 2
    """A required sign-off not recorded yet."""
    EXPLAINED = 3
    """A soft rule that failed, explained in writing (travels in the package; no block)."""


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One line of the pre-flight checklist."""

    group: CheckGroup
    problem: Problem
    explanation: str = ""

    @property
    def blocking(self) -> bool:
        """Whether the line stops the export."""
        return self.group is not CheckGroup.EXPLAINED


def stage_choices(data: YearData | None) -> list[tuple[str, str]]:
    """(stage name, label) of the stages of a year: targets, each monitoring point, evaluation."""
    choices = [(StageKind.TARGETS.value, stage_label(StageKind.TARGETS.value))]
    if data is not None:
        for point in sorted(data.points, key=lambda item: item.cutoff):
            label = stage_label(point.stage)
            choices.append((point.stage, f"{label} {point.label}".strip()))
    choices.append((StageKind.SELF_EVALUATION.value, stage_label(StageKind.SELF_EVALUATION.value)))
    return choices


def checklist(
    data: YearData, stage: Stage, adjusting: AbstractSet[str] = frozenset()
) -> list[CheckItem]:
    """Every problem of the stage, grouped: must fix, to explain, sign-offs, explained.

    A stage in ``adjusting`` asks for its withdrawn sign-offs again.
    """
    items = []
    for problem in check_stage(data, stage, adjusting=adjusting):
        explanation = data.explanation_for(problem.key).strip()
        if problem.where.section is Section.SIGNOFF:
            group = CheckGroup.SIGNOFF
        elif problem.severity is Severity.HARD:
            group = CheckGroup.HARD
        elif explanation:
            group = CheckGroup.EXPLAINED
        else:
            group = CheckGroup.SOFT
        items.append(CheckItem(group, problem, explanation))
    return sorted(items, key=lambda item: item.group.value)


READY_COLOUR = "#1e7a34"
NOT_READY_COLOUR = "#b3261e"


def readiness(items: Sequence[CheckItem], label: str) -> tuple[str, str]:
    """Whether stage ``label`` is ready to submit, as the page says it, and the text's colour.

    Its strings belong to the page (``SubmitStep`` context).
    """
    blocking = [item for item in items if item.blocking]
    if not blocking:
        text = QCoreApplication.translate(
            "SubmitStep",
            "Ready to submit “{stage}”: every check passes and every sign-off is recorded.",
        ).format(stage=label)
        return text, READY_COLOUR
    counts = {
        group: sum(1 for item in blocking if item.group is group)
        for group in (CheckGroup.HARD, CheckGroup.SOFT, CheckGroup.SIGNOFF)
    }
    left = [
        QCoreApplication.translate(
            "SubmitStep", "{count} problems to fix (click one in the problems list below)"
        ),
        QCoreApplication.translate(
            "SubmitStep", "{count} problems to explain (select one, then “Explain…”)"
        ),
        QCoreApplication.translate("SubmitStep", "{count} sign-offs missing (sign on the right)"),
    ]
    parts = [
        text.format(count=counts[group])
        for text, group in zip(
            left, (CheckGroup.HARD, CheckGroup.SOFT, CheckGroup.SIGNOFF), strict=True
        )
        if counts[group]
    ]
    text = QCoreApplication.translate(
        "SubmitStep", "Not ready to submit “{stage}”: {left}."
    ).format(
        stage=label,
        left=QCoreApplication.translate("SubmitStep", "; ").join(parts),
    )
    return text, NOT_READY_COLOUR


def group_label(group: CheckGroup) -> str:
    """必须修改 / 需要说明 / 待签字 / 已说明."""
    match group:
        case CheckGroup.HARD:
            return QCoreApplication.translate("SubmitModels", "Must fix")
        case CheckGroup.SOFT:
            return QCoreApplication.translate("SubmitModels", "Explain")
        case CheckGroup.SIGNOFF:
            return QCoreApplication.translate("SubmitModels", "Sign-off missing")
        case CheckGroup.EXPLAINED:
            return QCoreApplication.translate("SubmitModels", "Explained")


_GROUP_COLOURS = {
    CheckGroup.HARD: HARD_COLOUR,
    CheckGroup.SOFT: SOFT_COLOUR,
    CheckGroup.SIGNOFF: SIGNOFF_COLOUR,
    CheckGroup.EXPLAINED: EXPLAINED_COLOUR,
}


class ChecklistModel(RowTableModel[CheckItem]):
    """The pre-flight checklist of one stage."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("SubmitModels", "Check"),
                    lambda item: group_label(item.group),
                    colour=lambda item: _GROUP_COLOURS[item.group],
                    width_chars=6,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Code"),
                    lambda item: item.problem.code.value,
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Where"),
                    lambda item: item.problem.where.label,
                    tooltip=lambda item: item.problem.where.label,
                    width_chars=18,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Problem"),
                    lambda item: item.problem.message,
                    tooltip=lambda item: item.problem.message,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Explanation"),
                    lambda item: item.explanation,
                    tooltip=lambda item: item.explanation,
                    width_chars=10,
                ),
            ],
            parent,
        )


def _local_time(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class SubmissionLogModel(RowTableModel[Submission]):
    """Every package exported for the year, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("SubmitModels", "Written"),
                    lambda item: _local_time(item.created_at),
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Stage"),
                    lambda item: stage_label(item.stage),
                    width_chars=12,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "No."),
                    lambda item: str(item.sequence),
                    width_chars=3,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "File"),
                    lambda item: item.file_name,
                    tooltip=lambda item: item.file_name,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "SHA-256"),
                    lambda item: item.sha256,
                    tooltip=lambda item: item.sha256,
                    width_chars=24,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Key id"),
                    lambda item: item.key_id,
                    width_chars=9,
                ),
            ],
            parent,
        )


@dataclass(frozen=True, slots=True)
class FeedbackLine:
    """One opinion of a feedback package (or the package alone when it holds none)."""

    feedback: Feedback
    opinion: Opinion | None
    item: str
    """The item the opinion concerns, named from the year's data where it can be."""


def _item_name(data: YearData | None, opinion: Opinion) -> str:
    """项目“X” › 指标“Y”, from the owner and item the upper level named."""
    parts = []
    targets: TargetSet | None = None
    if data is not None and opinion.owner:
        if opinion.owner == UNIT_OWNER:
            parts.append(QCoreApplication.translate("SubmitModels", "Unit as a whole"))
            targets = data.unit_targets
        else:
            project = data.project(opinion.owner)
            targets = project.targets if project else None
            if project is not None:
                parts.append(
                    QCoreApplication.translate("SubmitModels", "Project “{name}”").format(
                        name=project.name
                    )
                )
        indicator = targets.indicator(opinion.item) if targets and opinion.item else None
        if opinion.item == ASSESSMENT_ITEM and opinion.owner != UNIT_OWNER:
            parts.append(QCoreApplication.translate("SubmitModels", "Ex-ante assessment"))
        elif indicator is not None:
            parts.append(
                QCoreApplication.translate("SubmitModels", "Indicator “{name}”").format(
                    name=indicator.name
                )
            )
    if not parts:
        return opinion.label or QCoreApplication.translate("SubmitModels", "The whole stage")
    return " › ".join(parts)


def feedback_lines(data: YearData | None, feedback: Sequence[Feedback]) -> list[FeedbackLine]:
    """One line per opinion, newest feedback first."""
    lines = []
    for item in reversed(feedback):
        if not item.opinions:
            lines.append(FeedbackLine(item, None, ""))
        lines.extend(
            FeedbackLine(item, opinion, _item_name(data, opinion)) for opinion in item.opinions
        )
    return lines


def _decision(line: FeedbackLine) -> str:
    if line.feedback.decision is Decision.RETURN:
        return QCoreApplication.translate("SubmitModels", "Returned")
    return QCoreApplication.translate("SubmitModels", "Approved")


class FeedbackModel(RowTableModel[FeedbackLine]):
    """The upper level's opinions, with the item each concerns."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("SubmitModels", "Received"),
                    lambda line: _local_time(line.feedback.received_at),
                    width_chars=9,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Stage"),
                    lambda line: stage_label(line.feedback.stage),
                    width_chars=12,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Decision"),
                    _decision,
                    colour=lambda line: (
                        HARD_COLOUR
                        if line.feedback.decision is Decision.RETURN
                        else EXPLAINED_COLOUR
                    ),
                    width_chars=4,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Item"),
                    lambda line: line.item,
                    tooltip=lambda line: line.item,
                    width_chars=24,
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "Opinion"),
                    lambda line: line.opinion.text if line.opinion else "",
                    tooltip=lambda line: line.opinion.text if line.opinion else "",
                ),
                Column(
                    QCoreApplication.translate("SubmitModels", "From"),
                    lambda line: line.feedback.sender,
                    width_chars=12,
                ),
            ],
            parent,
        )
