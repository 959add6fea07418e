"""``unionperf disclose``: the year's disclosure sheet from the command line, read-only."""

from __future__ import annotations

import hashlib
import io

import openpyxl
import pytest

from tests.forms.pdfread import needs_poppler, pages, raw_flat
from unionperf.cli import main


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("disclose") / "demo"
    assert main(["demo", "--workspace", str(path)]) == 0
    return path


def _database(path) -> str:
    return hashlib.sha256((path / "unionperf.sqlite").read_bytes()).hexdigest()


@needs_poppler
def test_disclose_writes_a_one_page_pdf_and_a_workbook(demo, tmp_path, capsys):
    before = _database(demo)
    out = tmp_path / "公开"
    capsys.readouterr()
    code = main(["disclose", "--workspace", str(demo), "--year", "2024", "--out", str(out)])
    assert code == 0
    pdf = out / "2024年度预算绩效信息公开表.pdf"
    workbook = out / "2024年度预算绩效信息公开表.xlsx"
    assert capsys.readouterr().out.splitlines() == [f"已生成：{pdf}", f"已生成：{workbook}"]
    assert pages(pdf) == 1
    assert "华东精密机械有限公司工会委员会" in raw_flat(pdf)
    assert "张敏" not in raw_flat(pdf)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.read_bytes())).worksheets[0]
    assert sheet["A1"].value == "2024年度预算绩效信息公开表"
    assert _database(demo) == before  # a read command: nothing changed


def test_a_year_without_self_evaluation_is_refused_in_one_line(demo, tmp_path, capsys):
    assert main(["year", "add", "--workspace", str(demo), "--year", "2025"]) == 0
    capsys.readouterr()
    out = tmp_path / "none"
    code = main(["disclose", "--workspace", str(demo), "--year", "2025", "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "2025年度尚未填写绩效自评，无法生成绩效信息公开表" in err
    assert not out.exists()


def test_an_unknown_year_is_refused(demo, tmp_path, capsys):
    capsys.readouterr()
    code = main(["disclose", "--workspace", str(demo), "--year", "2019", "--out", str(tmp_path)])
    assert code == 2
    assert "没有2019年度" in capsys.readouterr().err
