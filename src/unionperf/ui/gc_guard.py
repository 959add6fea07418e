"""Python's cyclic garbage collector runs on the GUI thread only.

A collection triggered on a worker thread (a job exporting a package) may delete Qt objects that
belong to the GUI thread, which crashes Qt. So automatic collection is switched off while the
window runs and a timer on the GUI thread collects instead, with the interpreter's own
thresholds (the pattern PyQt applications such as Anki and Orange use).

A year just loaded is hundreds of thousands of objects that live until another year is opened;
left in the young generations, the first collections after it opens scan them all (50 ms for
generation 0, 0.2–0.4 s for generation 1 on a large unit), in whatever click comes then. So
once a year is loaded (:func:`year_loaded`) the objects alive are frozen (``gc.freeze``): the
collections of generations 0 and 1 pass them by. A full collection, when its threshold comes,
unfreezes everything first, collects, and freezes the survivors again, so that cyclic garbage
among frozen objects is collected at the same pace as without freezing.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

__all__ = ["GarbageCollector", "year_loaded"]

INTERVAL_MS = 500
_RUNNING: list[GarbageCollector] = []
"""The collectors running (the window's one); freezing only happens while one runs."""


class GarbageCollector(QObject):
    """Disables automatic collection and collects on a GUI-thread timer until stopped."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        _RUNNING.append(self)

    def check(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        first, second, third = gc.get_count()
        if first > self._threshold[0]:
            gc.collect(0)
            if second > self._threshold[1]:
                gc.collect(1)
                if third > self._threshold[2]:
                    full_collection()

    def stop(self) -> None:
        """Stop the timer and give collection back to the interpreter."""
        self._timer.stop()
        if self in _RUNNING:
            _RUNNING.remove(self)
        if not _RUNNING:
            gc.unfreeze()  # the interpreter's collections see every object again
        if self._was_enabled:
            gc.enable()


def full_collection() -> None:
    """Collect every generation, the frozen objects too, then freeze the survivors again."""
    frozen = gc.get_freeze_count() > 0
    gc.unfreeze()
    gc.collect(2)
    if frozen and _RUNNING:
        gc.freeze()


def year_loaded() -> None:
    """Freeze the objects alive now (a year was just loaded) while the window's collector runs.

    Nothing is frozen without a running :class:`GarbageCollector` (the command line, services).
    """
    if _RUNNING:
        gc.freeze()
