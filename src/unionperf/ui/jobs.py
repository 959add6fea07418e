"""Long work off the GUI thread: one service call per job, results back on the GUI thread.

style.md §2.4: a :class:`Job` is a ``QRunnable`` that is itself the service's
:class:`~unionperf.services.common.progress.Progress`; its :class:`JobRelay` lives on the GUI
thread so the ``finished``/``failed`` slots run there. Writes go through one single-thread
pool, so two jobs never write the workspace at once. :func:`run_with_progress` adds a
cancellable progress dialog that stays hidden for quick jobs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from unionperf.services.common.progress import Cancelled, Progress

__all__ = ["Job", "JobRelay", "job_pool", "run_job", "run_with_progress"]

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 400
"""Jobs quicker than this never show the progress dialog."""

_POOL: QThreadPool | None = None


def job_pool() -> QThreadPool:
    """The one-thread pool every job runs on (one writer at a time)."""
    global _POOL  # noqa: PLW0603 - one pool per process, created on first use
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


class JobRelay(QObject):
    """Carries a job's progress and outcome to the GUI thread."""

    progressed = Signal(int, int)
    """(done, total) as the service reports it."""
    finished = Signal(object)
    """The service call's return value."""
    failed = Signal(object)
    """The exception the call raised (:class:`Cancelled` when the user cancelled)."""


class Job(QRunnable):
    """One service call run on the job pool; also the call's :class:`Progress`."""

    def __init__(self, call: Callable[[Progress], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.relay = JobRelay()
        """Parentless, so it outlives a window closed while the job runs (the job owns it)."""
        self._call = call
        self._stop = threading.Event()
        self.done = threading.Event()

    def run(self) -> None:
        """Run the call; emit ``finished`` with its result or ``failed`` with its exception."""
        try:
            result = self._call(self)
        except Exception as error:
            if not isinstance(error, Cancelled):
                log.exception("job failed")
            self.relay.failed.emit(error)
        else:
            self.relay.finished.emit(result)
        finally:
            self.done.set()

    def step(self, done: int, total: int) -> None:
        """Relay progress to the GUI thread."""
        self.relay.progressed.emit(done, total)

    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._stop.is_set()

    def cancel(self) -> None:
        """Ask the call to stop at its next progress check."""
        self._stop.set()


_RUNNING: set[Job] = set()
"""Jobs in flight, kept alive until they report (the pool does not own them)."""


def run_job(
    call: Callable[[Progress], object],
    on_done: Callable[[object], None],
    on_error: Callable[[BaseException], None],
) -> Job:
    """Start ``call`` on the job pool; ``on_done``/``on_error`` run on the GUI thread."""
    job = Job(call)
    _RUNNING.add(job)

    def finished(result: object) -> None:
        _RUNNING.discard(job)
        on_done(result)

    def failed(error: object) -> None:
        _RUNNING.discard(job)
        on_error(error if isinstance(error, BaseException) else RuntimeError(str(error)))

    job.relay.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    job.relay.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    job_pool().start(job)
    return job


def run_with_progress(
    parent: QWidget,
    label: str,
    call: Callable[[Progress], object],
    on_done: Callable[[object], None],
    on_error: Callable[[BaseException], None],
) -> Job:
    """:func:`run_job` with a cancellable progress dialog shown if the job takes a while."""
    dialog = QProgressDialog(label, QCoreApplication.translate("Jobs", "Cancel"), 0, 0, parent)
    dialog.setObjectName("jobProgress")
    dialog.setWindowTitle(QCoreApplication.translate("Jobs", "Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    # A modal dialog's setValue processes events: the job's outcome may arrive inside it. The
    # dialog is then deleted only once that setValue has returned, never under its feet.
    state = {"closed": False, "updating": False}

    def close() -> None:
        state["closed"] = True
        if not state["updating"]:
            dialog.reset()
            dialog.deleteLater()

    def done(result: object) -> None:
        close()
        on_done(result)

    def error(failure: BaseException) -> None:
        close()
        on_error(failure)

    job = run_job(call, done, error)

    def progressed(step: int, total: int) -> None:
        if state["closed"] or state["updating"]:
            return
        state["updating"] = True
        try:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(step, max(total, 1)))
        finally:
            state["updating"] = False
        if state["closed"]:
            dialog.reset()
            dialog.deleteLater()

    job.relay.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(job.cancel)
    dialog.setValue(0)
    return job
