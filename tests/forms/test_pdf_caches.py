"""The PDF's caches of parsed and broken cell texts change no byte of any form."""

from __future__ import annotations

import pytest

from unionperf.demo.data import demo_years
from unionperf.domain.year import Stage
from unionperf.forms import pdf_para, pdf_text
from unionperf.forms.builders import budget_family, families_for
from unionperf.forms.pdf import write_pdf


def _families():
    data = demo_years()[-1]
    return [budget_family(data), *families_for(data, Stage.parse("self-evaluation"))]


def _without_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_para, "_parsed", lambda markup, style: None)
    monkeypatch.setattr(pdf_para, "_BROKEN_MOST", 0)
    monkeypatch.setattr(pdf_para, "_BROKEN", {})
    monkeypatch.setattr(pdf_text, "_LINES_MOST", 0)
    monkeypatch.setattr(pdf_text, "_LINES", {})
    monkeypatch.setattr(pdf_text, "_WIDTHS", {})


def test_the_forms_are_byte_for_byte_those_made_without_the_caches(monkeypatch):
    families = _families()
    assert sum(len(family.forms) for family in families) > 3  # texts repeat across forms
    pdf_para._BROKEN.clear()
    pdf_para._parsed.cache_clear()
    pdf_text._LINES.clear()
    cached = [write_pdf(family) for family in families]
    again = [write_pdf(family) for family in families]  # every text now from the caches
    assert pdf_para._parsed.cache_info().hits > 0
    assert pdf_para._BROKEN
    assert pdf_text._LINES
    with monkeypatch.context() as patch:
        _without_caches(patch)
        plain = [write_pdf(family) for family in families]
    assert cached == plain
    assert again == plain
