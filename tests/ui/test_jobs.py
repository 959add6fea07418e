"""Long work runs off the GUI thread, reports progress, and can be cancelled."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from unionperf.services.common.progress import Cancelled
from unionperf.ui.jobs import run_job, run_with_progress


def test_a_job_runs_off_the_gui_thread_and_reports_back_on_it(qtbot):
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def call(progress):
        progress.step(1, 2)
        return threading.get_ident()

    def done(result):
        seen["worker"] = result
        seen["reported_on"] = threading.get_ident()

    run_job(call, done, lambda error: seen.setdefault("error", error))
    qtbot.waitUntil(lambda: "worker" in seen or "error" in seen)
    assert seen["worker"] != gui
    assert seen["reported_on"] == gui


def test_a_failing_job_hands_its_error_to_the_gui_thread(qtbot):
    errors: list[BaseException] = []

    def call(_progress):
        raise ValueError("磁盘已满")

    run_job(call, lambda _result: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "磁盘已满"


def test_cancelling_the_progress_dialog_stops_the_job(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    outcome: list[object] = []

    def call(progress):
        started.set()
        for done in range(1000):
            if progress.cancelled():
                raise Cancelled
            progress.step(done, 1000)
            threading.Event().wait(0.005)
        return "finished"

    job = run_with_progress(parent, "写入中", call, outcome.append, outcome.append)
    assert started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: bool(outcome))
    assert isinstance(outcome[0], Cancelled)


def test_garbage_is_collected_on_the_gui_thread_only(qapp):
    import gc  # noqa: PLC0415

    from unionperf.ui.gc_guard import GarbageCollector  # noqa: PLC0415

    was = gc.isenabled()
    gc.enable()
    collector = GarbageCollector(qapp)
    assert not gc.isenabled()
    for _ in range(2000):  # cycles the timer has to collect
        a: list[object] = []
        a.append(a)
    collector.check()
    assert gc.get_count()[0] < 700
    collector.stop()
    assert gc.isenabled()
    if not was:
        gc.disable()
