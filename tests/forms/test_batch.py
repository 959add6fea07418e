"""An export's forms written side by side in worker processes: same bytes, same errors."""

from __future__ import annotations

from dataclasses import replace

import pytest

from unionperf.demo.data import demo_years
from unionperf.domain.year import Stage
from unionperf.forms import batch
from unionperf.forms.builders import budget_family, families_for
from unionperf.forms.fonts import GlyphError
from unionperf.forms.pdf import write_pdf
from unionperf.forms.xlsx import write_workbook

RARE = "䶮"  # not in the bundled font


def _families():
    data = demo_years()[-1]
    return [budget_family(data), *families_for(data, Stage.parse("self-evaluation"))]


def test_workers_write_the_same_bytes_as_this_process(monkeypatch):
    families = _families()
    monkeypatch.setattr(batch, "MIN_FORMS", 0)
    rendered = batch.render_all(families, workers=1)
    assert batch._pool is not None  # the worker did write some of them
    assert rendered.pdfs == tuple(write_pdf(family) for family in families)
    assert rendered.workbook == write_workbook(families, sheet_per_form=True)
    assert batch.render_all(families, workers=0) == rendered


def test_a_family_the_font_cannot_print_is_refused_as_without_workers(monkeypatch):
    families = _families()
    form = families[-1].forms[0]
    families[-1] = replace(families[-1], forms=(replace(form, subtitle=f"刘{RARE}"),))
    monkeypatch.setattr(batch, "MIN_FORMS", 0)
    with pytest.raises(GlyphError, match=RARE):
        batch.render_all(families, workers=1)
    seen = []

    def refuse(family, error):
        seen.append((family.key, type(error)))
        raise ValueError(family.title)

    with pytest.raises(ValueError, match=families[-1].title):
        batch.render_all(families, workers=2, on_error=refuse)
    assert seen == [(families[-1].key, GlyphError)]


def test_few_forms_are_written_here_without_starting_workers():
    batch.shutdown()
    families = _families()[:1]
    assert sum(len(family.forms) for family in families) < batch.MIN_FORMS
    rendered = batch.render_all(families, workers=2, workbook=False)
    assert batch._pool is None
    assert rendered.pdfs == (write_pdf(families[0]),)
    assert rendered.workbook == b""


def _wait_for(condition, seconds=60.0):
    """Poll ``condition`` until it holds (the collector's timer thread runs on its own)."""
    import time  # noqa: PLC0415

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.05)


def test_idle_workers_stop_and_start_again_for_the_next_export(monkeypatch):
    families = _families()
    monkeypatch.setattr(batch, "MIN_FORMS", 0)
    monkeypatch.setattr(batch, "IDLE_SECONDS", 0.1)
    first = batch.render_all(families, workers=1)
    assert first.pdfs == tuple(write_pdf(family) for family in families)
    _wait_for(lambda: batch._pool is None)  # no export for IDLE_SECONDS: the worker is stopped
    again = batch.render_all(families, workers=1)
    assert batch._pool is not None  # started afresh
    assert again == first


def test_workers_in_use_are_not_stopped_by_the_idle_timer(monkeypatch):
    families = _families()
    monkeypatch.setattr(batch, "MIN_FORMS", 0)
    batch.render_all(families, workers=1)
    monkeypatch.setattr(batch, "_busy", 1)  # another export is running (a second thread)
    batch._stop_if_idle()
    assert batch._pool is not None  # the running export keeps its workers
    monkeypatch.setattr(batch, "_busy", 0)
    batch._stop_if_idle()
    assert batch._pool is None
