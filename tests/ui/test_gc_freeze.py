"""A loaded year is frozen out of the young collections; memory stays bounded (issue 17).

The window's collector (ui/gc_guard.py) freezes the objects alive once a year is loaded, and a
full collection unfreezes, collects and freezes the survivors again: cyclic garbage among
frozen objects is collected then, so repeated year loads and step openings do not pile up
objects.
"""

from __future__ import annotations

import gc
import weakref

import pytest

from unionperf.domain.cycle import Step
from unionperf.ui import gc_guard
from unionperf.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


class _Node:
    """An object that can take part in a reference cycle."""

    def __init__(self) -> None:
        self.other: object = None


def _cycle() -> weakref.ref[_Node]:
    first, second = _Node(), _Node()
    first.other, second.other = second, first
    return weakref.ref(first)


def test_a_loaded_year_is_frozen_and_cycles_among_frozen_objects_are_collected_in_full(
    qtbot, demo_workspace
):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    cycle = _cycle()
    window.refresh_years(2024)  # the session loads the year, then freezes what is alive
    assert gc.get_freeze_count() > 0
    assert cycle() is not None  # frozen: ...
    gc.collect(1)
    assert cycle() is not None  # ... the young collections pass it by
    gc_guard.full_collection()
    assert cycle() is None  # a full collection frees it
    assert gc.get_freeze_count() > 0  # and freezes the survivors again


def _tracked() -> int:
    """Objects the collector tracks, frozen or not, after a full collection."""
    gc_guard.full_collection()
    return len(gc.get_objects()) + gc.get_freeze_count()


def test_objects_do_not_pile_up_over_twenty_year_loads(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    years = demo_workspace.years()
    assert len(years) >= 2
    counts = []
    for round_ in range(20):
        window.refresh_years(years[round_ % len(years)])
        for step in Step:
            window.open_step(step)
        window.session.reload()
        counts.append(_tracked())
    # After the first rounds (pages built, caches warm) the count stays level: nothing frozen
    # is kept beyond the next full collection.
    settled = counts[len(years) * 2 - 1]
    assert max(counts[len(years) * 2 :]) <= settled * 1.02, counts
