"""参数下发 edited in the window: settings, deadlines and the bundled library set directly.

:mod:`.params` sets what the parameter package sends from files (the command line's
``params set``); the window edits the rule settings field by field, takes the deadlines set on
the status board, and can start from the library bundled with the program. Each is checked as
the file would be and stored the same way, so ``params export`` sends it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from unionperf.domain.framework import FRAMEWORKS
from unionperf.domain.parameters import StageDeadline
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitLevel
from unionperf.domain.year import stage_label
from unionperf.exchange.codec_params import deadlines_to_json
from unionperf.resources import resource_path
from unionperf.services.common import inputs
from unionperf.services.common.errors import InputError
from unionperf.services.common.indicator_library import LIBRARY_FILE, IndicatorLibrary
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper import deadlines as board
from unionperf.services.upper.params import WHERE, parameters, set_library

__all__ = [
    "board_deadlines",
    "put_deadline",
    "require_upper",
    "store_deadlines",
    "store_settings",
    "use_bundled_library",
]


def store_settings(workspace: Workspace, settings: RuleSettings) -> RuleSettings:
    """Set the rule settings to send down.

    Raises:
        InputError: not an upper-level workspace, or settings the rules refuse (points not
            adding up to 100, a negative threshold…).
    """
    require_upper(workspace)
    inputs.check_settings(settings, FRAMEWORKS[settings.framework_code])
    with workspace.unit_of_work() as uow:
        uow.params.set_upper_params(settings=json.dumps(settings.to_json(), ensure_ascii=False))
    return settings


def board_deadlines(workspace: Workspace, years: Iterable[int]) -> tuple[StageDeadline, ...]:
    """The deadlines set on the status board for those years, in the order of each season."""
    found: list[StageDeadline] = []
    for year in sorted(set(years)):
        found += [
            StageDeadline(year, item.stage, item.due) for item in board.deadlines(workspace, year)
        ]
    return tuple(found)


def store_deadlines(
    workspace: Workspace, deadlines: Iterable[StageDeadline]
) -> tuple[StageDeadline, ...]:
    """Set the deadlines to send down (an empty list sends none).

    Raises:
        InputError: not an upper-level workspace, or the same stage of a year twice.
    """
    require_upper(workspace)
    ordered = tuple(sorted(deadlines, key=lambda item: (item.year, item.due, item.stage)))
    if len({(item.year, item.stage) for item in ordered}) != len(ordered):
        raise InputError("同一年度的同一阶段出现了两个截止日期", WHERE)
    with workspace.unit_of_work() as uow:
        uow.params.set_upper_params(
            deadlines=json.dumps(deadlines_to_json(ordered), ensure_ascii=False)
        )
    return ordered


def put_deadline(
    workspace: Workspace,
    year: int,
    stage: str,
    due: date | None,
    *,
    was: tuple[int, str] | None = None,
) -> tuple[StageDeadline, ...]:
    """Add, change (``was``: the year and stage it had) or remove (``due`` ``None``) one deadline.

    Raises:
        InputError: not an upper-level workspace, a deadline the status board would refuse, or
            the stage of that year already has one (change that one instead).
    """
    require_upper(workspace)
    parsed = board.check_deadline(year, stage, due)
    key = (year, parsed.name)
    kept = [item for item in parameters(workspace).deadlines if (item.year, item.stage) != was]
    if due is None:
        kept = [item for item in kept if (item.year, item.stage) != key]
    elif any((item.year, item.stage) == key for item in kept):
        raise InputError(f"{year}年度{stage_label(parsed.name)}已有截止日期：请修改那一条", WHERE)
    else:
        kept.append(StageDeadline(year, parsed.name, due))
    return store_deadlines(workspace, kept)


def use_bundled_library(workspace: Workspace) -> IndicatorLibrary:
    """Send the indicator library bundled with the program.

    Raises:
        InputError: not an upper-level workspace.
        ServiceError: the bundled library is missing or broken.
    """
    return set_library(workspace, resource_path(*LIBRARY_FILE))


def require_upper(workspace: Workspace) -> None:
    """Refuse (``InputError``) a workspace that is not an upper level's."""
    unit = workspace.unit()
    if unit is None or unit.level is not UnitLevel.UPPER:
        raise InputError("只有上级工会工作区可以设置和下发参数包", WHERE)
