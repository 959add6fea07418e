"""No automatic garbage collection while a package's data is read.

Reading a large unit's data.json makes some two million objects (the parsed document, then the
year's frozen dataclasses and Decimals). Python's collector runs every 700 new containers and,
as the heap grows, rescans it all: a third of a large package's verification went to the
collector, which finds nothing here (the objects hold no reference cycles). So the automatic
collection is paused for the duration, and left as it was found: off when the window's
``GarbageCollector`` already switched it off, on (and free to run at once) otherwise.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["without_automatic_collection"]


@contextmanager
def without_automatic_collection() -> Iterator[None]:
    """Pause automatic garbage collection inside the block; restore it as it was after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
