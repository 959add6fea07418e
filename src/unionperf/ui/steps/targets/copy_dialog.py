"""Copying targets from last year in the targets step: which owner, what, and the copying.

The strings here belong to the targets page, so they are translated in the ``TargetsStep``
context.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.indicators import Indicator
from unionperf.domain.year import YearData
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import new_uid
from unionperf.ui import messages
from unionperf.ui.steps.targets.goals import write_goal

if TYPE_CHECKING:
    from unionperf.ui.steps.targets.page import TargetsStep

__all__ = ["ask_copy_source", "ask_source", "copies_of", "copy_from_last_year", "matching_owner"]


def ask_source(parent: QWidget, items: list[str], current: int) -> int | None:
    """Ask which of last year's owners to copy from; ``None`` when cancelled."""
    text, accepted = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("TargetsStep", "Copy from last year"),
        QCoreApplication.translate(
            "TargetsStep", "Copy the indicators of which of last year's targets?"
        ),
        items,
        current,
        False,
    )
    return items.index(text) if accepted and text in items else None


def matching_owner(previous: YearData, data: YearData, owner_uid: str) -> str | None:
    """Last year's owner matching ``owner_uid``: the unit, the same project, or one of its name.

    A project continuing from last year keeps its uid, whatever it is called now: the uid is
    matched first. Only a project last year did not have (a new one) is matched by name; a name
    carrying the year (2024年职工文体活动经费) also matches last year's name with last year's
    number (2023年职工文体活动经费).
    """
    if owner_uid == UNIT_OWNER:
        return UNIT_OWNER
    project = data.project(owner_uid)
    if project is None:
        return None
    if previous.project(owner_uid) is not None:
        return owner_uid
    by_name = {item.name.strip(): item.uid for item in previous.projects}
    name = project.name.strip()
    if name in by_name:
        return by_name[name]
    return by_name.get(name.replace(str(data.year), str(previous.year)))


def ask_copy_source(
    parent: QWidget, previous: YearData, data: YearData, owner_uid: str
) -> tuple[TargetSet, str] | None:
    """Ask which of last year's targets to copy, offering the one matching ``owner_uid`` first.

    Returns those targets and a label naming them (year and owner); ``None`` when cancelled.
    """
    owners = [(UNIT_OWNER, QCoreApplication.translate("TargetsStep", "Unit as a whole"))]
    owners += [(item.uid, item.name or item.code) for item in previous.projects]
    match = matching_owner(previous, data, owner_uid)
    current = next((i for i, (uid, _) in enumerate(owners) if uid == match), 0)
    picked = ask_source(parent, [label for _, label in owners], current)
    if picked is None:
        return None
    source = previous.targets_of(owners[picked][0])
    if source is None:
        return None
    return source, f"{previous.year} {owners[picked][1]}"


def copies_of(data: YearData, targets: TargetSet, source: TargetSet) -> list[Indicator]:
    """Copies (fresh uids) of the ``source`` indicators not yet in ``targets`` by name.

    Indicators whose categories are not in this year's framework are left out.
    """
    names = {item.name.strip() for item in targets.indicators}
    return [
        replace(item, uid=new_uid())
        for item in source.indicators
        if item.name.strip() not in names
        and data.framework.level2_of(item.level1, item.level2) is not None
    ]


def copy_from_last_year(page: TargetsStep) -> None:
    """Copy the indicators of last year's matching owner (one undo step for all)."""
    data = page.session.data
    targets = page.targets()
    if data is None or targets is None:
        return
    try:
        previous = page.session.previous_year()
    except ServiceError as error:
        messages.show_error(
            page, QCoreApplication.translate("TargetsStep", "Last year cannot be read"), error
        )
        return
    if previous is None:
        page.say(
            QCoreApplication.translate(
                "TargetsStep", "There is no {year} data in this workspace to copy from"
            ).format(year=data.year - 1)
        )
        return
    picked = ask_copy_source(page, previous, data, page.owner_uid)
    if picked is not None:
        _copy(page, data, targets, *picked)


def _copy(
    page: TargetsStep, data: YearData, targets: TargetSet, source: TargetSet, label: str
) -> None:
    copies = copies_of(data, targets, source)
    skipped = len(source.indicators) - len(copies)
    if not copies:
        page.say(
            QCoreApplication.translate(
                "TargetsStep", "Nothing to copy: “{source}” has no indicators that are not here yet"
            ).format(source=label)
        )
        return
    owner = page.owner_uid
    added = 0
    with page.bulk_edit(
        QCoreApplication.translate(
            "TargetsStep", "Copy {count} indicator(s) from “{source}”"
        ).format(count=len(copies), source=label)
    ):
        for field in ("annual_goal", "midterm_goal"):
            old, new = str(getattr(targets, field)), str(getattr(source, field))
            if not old.strip() and new.strip():
                page.session.change(
                    QCoreApplication.translate("TargetsStep", "Copy the goal from last year"),
                    partial(write_goal, page.session, owner, field, new),
                    partial(write_goal, page.session, owner, field, old),
                )
        for indicator in copies:
            text = QCoreApplication.translate("TargetsStep", "Add indicator “{name}”").format(
                name=indicator.name
            )
            if not page.add_one(owner, indicator, text):
                break
            added += 1
    page.say(
        QCoreApplication.translate(
            "TargetsStep",
            "Copied {count} indicator(s) from “{source}”; {skipped} skipped (already"
            " here or not in this year's framework)",
        ).format(count=added, source=label, skipped=skipped)
    )
