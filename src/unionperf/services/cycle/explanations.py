"""Explaining a soft problem by its code and location, as ``unionperf explain`` does.

The window explains the problem selected in its checklist; the command line names it by its code
(``P007``) and its location, as ``unionperf check`` prints them (the readable label such as
``项目“职工文体活动” › 项目负责人``, or the location key of ``check --json``). Both save the text
under the problem's key (:func:`unionperf.services.cycle.editing.explain`), so the window shows
an explanation written on the command line and the other way round.
"""

from __future__ import annotations

import re

from unionperf.domain.problems import Problem, ProblemCode, Severity
from unionperf.domain.validation import check_year
from unionperf.services.common.errors import InputError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing

__all__ = ["ExplainRefused", "explain_problem", "problem_line"]

WHERE = "说明提示问题"
SHOWN = 5
"""How many choices a refusal names in its sentence (its details list all of them)."""
_IGNORED = re.compile(r"[\s“”\"'‘’「」]")


class ExplainRefused(InputError):  # noqa: N818 - a refusal, named as the user sees it
    """No soft problem matches; ``choices`` lists the ones that do exist (one line each)."""

    def __init__(
        self, message: str, choices: list[Problem], listing: str = "", *, keys: bool = False
    ) -> None:
        names = "、".join(_name(item, keys=keys) for item in choices[:SHOWN])
        if len(choices) > SHOWN:
            names += f"等{len(choices)}处"
        if listing:
            message += f"；{listing}：{names}" if choices else f"；没有{listing}"
        super().__init__(message, WHERE)
        self.choices = tuple(choices)

    def details(self) -> list[str]:
        """Every choice with its code, label and location key."""
        return [problem_line(item) for item in self.choices]


def problem_line(problem: Problem) -> str:
    """``P007 项目“…” › 项目负责人：未填写项目负责人（位置键 project|uid||responsible）``."""
    label = problem.where.label or "—"
    return f"{problem.code.value} {label}：{problem.message}（位置键 {problem.where.key()}）"


def explain_problem(
    workspace: Workspace, year: int, code: str, location: str, text: str
) -> Problem:
    """Save ``text`` as the explanation of the open soft problem ``code`` at ``location``.

    An empty text withdraws the explanation. ``location`` is the label ``check`` prints (spaces,
    quotes and ``>`` for ``›`` do not matter), the location key, or the whole problem key.

    Raises:
        InputError: the year is missing; the text is only blanks.
        ExplainRefused: no open problem has that code, it is a hard problem (fixed, never
            explained), or none of its locations matches; the refusal lists what there is.
    """
    if text and not text.strip():
        raise InputError("说明不能只有空白", WHERE)
    problems = check_year(workspace.load_year(year))
    soft = [item for item in problems if item.severity is Severity.SOFT]
    code = code.strip().upper()
    if code not in {item.value for item in ProblemCode}:
        raise ExplainRefused(f"未知的问题代码“{code}”", soft, f"{year}年度可说明的提示问题")
    same = [item for item in problems if item.code.value == code]
    if not same:
        raise ExplainRefused(f"{year}年度没有{code}问题", soft, "可说明的提示问题")
    if all(item.severity is Severity.HARD for item in same):
        raise ExplainRefused(
            f"{code}是强制问题（{same[0].message}），须修改数据后才能报送，不能以说明代替", []
        )
    candidates = [item for item in same if item.severity is Severity.SOFT]
    matches = _matching(candidates, location)
    if not matches:
        raise ExplainRefused(f"{code}问题没有位置“{location}”", candidates, "该问题的位置")
    if len(matches) > 1:
        raise ExplainRefused(
            f"位置“{location}”有{len(matches)}处{code}问题", matches, "请改用位置键", keys=True
        )
    [problem] = matches
    editing.explain(workspace, year, problem.key, text.strip())
    return problem


def _name(problem: Problem, *, keys: bool) -> str:
    where = problem.where
    return where.key() if keys else f"{problem.code.value} {where.label or where.key()}"


def _matching(candidates: list[Problem], location: str) -> list[Problem]:
    exact = [item for item in candidates if location.strip() in (item.key, item.where.key())]
    if exact:
        return exact
    wanted = _plain(location)
    return [item for item in candidates if _plain(item.where.label) == wanted]


def _plain(text: str) -> str:
    return _IGNORED.sub("", text).replace(">", "›").replace("＞", "›")
