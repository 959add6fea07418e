"""Python's cyclic garbage collector runs on the GUI thread only.

A collection triggered on a worker thread (a job exporting a package) may delete Qt objects that
belong to the GUI thread, which crashes Qt. So automatic collection is switched off while the
window runs and a timer on the GUI thread collects instead, with the interpreter's own
thresholds (the pattern PyQt applications such as Anki and Orange use).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

__all__ = ["GarbageCollector"]

INTERVAL_MS = 500


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

    def check(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        first, second, third = gc.get_count()
        if first > self._threshold[0]:
            gc.collect(0)
            if second > self._threshold[1]:
                gc.collect(1)
                if third > self._threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        """Stop the timer and give collection back to the interpreter."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
