"""The unit's list of received opinions names each opinion's item from the year's data."""

from __future__ import annotations

from unionperf.demo.data import demo_year
from unionperf.domain.assessment import ASSESSMENT_ITEM
from unionperf.domain.feedback import Decision, Feedback, Opinion
from unionperf.ui.steps.submit.models import feedback_lines


def _names(opinions: tuple[Opinion, ...]) -> list[str]:
    feedback = Feedback("targets", Decision.RETURN, "上级工会", "2025-01-10T08:00:00Z", 1, opinions)
    return [line.item for line in feedback_lines(demo_year(2024), [feedback])]


def test_an_assessment_opinion_is_named_as_the_projects_assessment(qtbot):
    data = demo_year(2024)
    project = data.projects[0]
    indicator = project.targets.indicators[0]
    path = f"项目/{project.name}/事前绩效评估"
    names = _names(
        (
            Opinion(project.uid, ASSESSMENT_ITEM, "", path, "补充依据"),
            Opinion(project.uid, indicator.uid, "", "", "目标值偏低"),
            Opinion(project.uid, "", "", "", "整体说明"),
        )
    )
    assert names == [
        f"Project “{project.name}” › Ex-ante assessment",
        f"Project “{project.name}” › Indicator “{indicator.name}”",
        f"Project “{project.name}”",
    ]
