"""All forms of an export at once: each family's PDF and the workbook, side by side in processes.

The PDF of a family and the workbook are independent pieces of CPU-bound work. With more than one
core and enough forms to be worth it (:data:`MIN_FORMS`), the largest pieces go to worker
processes while this process writes the workbook (or the largest remaining piece) itself; the
result is byte for byte what :func:`~unionperf.forms.pdf.write_pdf` and
:func:`~unionperf.forms.xlsx.write_workbook` give in this process. A piece a worker could not
make (a glyph the font lacks, a grid error, a worker that died) is made again here, so its
error is raised as without workers.

The workers are started with ``spawn`` (no fork of a process that may run Qt; a frozen build
needs ``multiprocessing.freeze_support`` in its entry point, see ``unionperf.__main__``) and kept
for the exports that follow soon (each has the forms modules and the font loaded after its first
piece); :data:`IDLE_SECONDS` after the last export they are stopped, so a window left open does
not keep their memory (about 130 MB each after a large export), and the next export starts them
again.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import NoReturn

from unionperf.forms.model import FormFamily
from unionperf.forms.pdf import write_pdf
from unionperf.forms.xlsx import write_workbook

__all__ = ["MIN_FORMS", "Rendered", "render_all", "worker_count"]

MIN_FORMS = 24
"""Below this many forms (summed over the families) everything is written in this process:
starting or feeding workers would cost more than it saves."""

MAX_WORKERS = 3

IDLE_SECONDS = 120.0
"""The workers are stopped when no export has used them for this long."""

_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_busy = 0
"""Exports using the pool now (the idle timer leaves a pool in use alone)."""
_timer: threading.Timer | None = None
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Rendered:
    """The PDF of each family (in the families' order) and the workbook (``b""`` if not asked)."""

    pdfs: tuple[bytes, ...]
    workbook: bytes


def worker_count() -> int:
    """Worker processes for an export on this computer: one core is this process's."""
    return max(0, min((os.cpu_count() or 1) - 1, MAX_WORKERS))


def render_all(
    families: Sequence[FormFamily],
    *,
    workbook: bool = True,
    sheet_per_form: bool = True,
    workers: int | None = None,
    on_error: Callable[[FormFamily, Exception], NoReturn] | None = None,
) -> Rendered:
    """Each family's PDF and (``workbook``) the families' workbook, ``sheet_per_form`` or not.

    ``workers``: worker processes to use (default :func:`worker_count`; 0 writes everything in
    this process, as it is done anyway for fewer than :data:`MIN_FORMS` forms).
    ``on_error``: called with the family and the error when a family's PDF cannot be written
    (it must raise); by default the error itself is raised.

    Raises:
        GlyphError, GridError: as :func:`~unionperf.forms.pdf.write_pdf` raises them.
    """

    def pdf(family: FormFamily) -> bytes:
        try:
            return write_pdf(family)
        except Exception as error:
            if on_error is None:
                raise
            on_error(family, error)

    if workers is None:
        workers = worker_count()
    if workers <= 0 or sum(len(family.forms) for family in families) < MIN_FORMS:
        return Rendered(
            tuple(pdf(family) for family in families),
            write_workbook(families, sheet_per_form=sheet_per_form) if workbook else b"",
        )
    pool: ProcessPoolExecutor | None = _workers(workers)
    try:
        return _render_with(pool, families, workers, pdf, workbook=workbook, sheet=sheet_per_form)
    finally:
        _release()


def _render_with(
    pool: ProcessPoolExecutor | None,
    families: Sequence[FormFamily],
    workers: int,
    pdf: Callable[[FormFamily], bytes],
    *,
    workbook: bool,
    sheet: bool,
) -> Rendered:
    """The pieces shared between ``pool``'s workers and this process, largest first."""
    # the largest pieces first; the workbook is about as much work as the PDFs of its forms
    order = sorted(range(len(families)), key=lambda i: -_weight(families[i]))
    pending: dict[int, Future[bytes | None]] = {}
    here: list[int] = []
    for index in order:
        if len(pending) < workers and pool is not None:
            try:
                pending[index] = pool.submit(_pdf_or_none, families[index])
                continue
            except BrokenProcessPool:  # a worker died earlier: start afresh next time
                _forget(pool)
                pool = None
        here.append(index)
    blob = write_workbook(families, sheet_per_form=sheet) if workbook else b""
    pdfs: dict[int, bytes] = {index: pdf(families[index]) for index in here}
    for index, future in pending.items():
        try:
            made = future.result()
        except Exception as error:  # a worker died: written here instead
            if isinstance(error, BrokenProcessPool):
                _forget(pool)
            made = None
        pdfs[index] = made if made is not None else pdf(families[index])
    return Rendered(tuple(pdfs[index] for index in range(len(families))), blob)


def _weight(family: FormFamily) -> int:
    """A family's size: its table cells (the PDF's time is about proportional to them)."""
    return sum(
        len(row) for form in family.forms for block in form.blocks for row in block.rows
    ) + len(family.forms)


def _pdf_or_none(family: FormFamily) -> bytes | None:
    """In a worker: the family's PDF, ``None`` when it fails (the caller raises the error)."""
    try:
        return write_pdf(family)
    except Exception:
        return None


def _workers(count: int) -> ProcessPoolExecutor:
    """The process pool, started on first use (again when more workers are asked for).

    The caller holds it until :func:`_release`: the idle timer does not stop it meanwhile.
    """
    global _pool, _pool_size, _busy  # noqa: PLW0603  (one pool per process, kept between exports)
    with _lock:
        if _timer is not None:
            _timer.cancel()
        if _pool is None or _pool_size < count:
            if _pool is not None:
                _pool.shutdown(wait=False)
            context = multiprocessing.get_context("spawn")
            _pool = ProcessPoolExecutor(count, mp_context=context)
            _pool_size = count
        _busy += 1  # only once there is a pool: a failed start leaves the count as it was
        return _pool


def _release() -> None:
    """An export is done with the pool: stop it after :data:`IDLE_SECONDS` without use."""
    global _busy, _timer  # noqa: PLW0603
    with _lock:
        _busy -= 1
        if _busy == 0 and _pool is not None:
            if _timer is not None:
                _timer.cancel()
            _timer = threading.Timer(IDLE_SECONDS, _stop_if_idle)
            _timer.daemon = True  # never keeps the program from exiting
            _timer.start()


def _stop_if_idle() -> None:
    """Stop the workers unless an export is using them (the idle timer's call)."""
    global _pool, _pool_size
    with _lock:
        if _busy == 0 and _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool, _pool_size = None, 0


def _forget(pool: ProcessPoolExecutor | None) -> None:
    """Drop a broken pool (the next export starts new workers)."""
    global _pool, _pool_size
    with _lock:
        if pool is not None and _pool is pool:
            pool.shutdown(wait=False, cancel_futures=True)
            _pool, _pool_size = None, 0


def shutdown() -> None:
    """Stop the worker processes (at exit; a later export starts them again)."""
    global _pool, _pool_size
    with _lock:
        if _timer is not None:
            _timer.cancel()
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
        _pool, _pool_size = None, 0


atexit.register(shutdown)
