"""The fill-in import on a workspace and from the command line: hostile files, nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.craft_xlsx import (
    BILLION_LAUGHS,
    rewrite,
    sheet_path,
    whitespace_sheet,
    with_doctype,
)
from tests.forms.test_fillin_support import Book
from unionperf.cli import main
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.fillin import ImportRefused, export_template, import_template

YEAR = 2024


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fillin-bounds") / "ws"
    create_demo(path).close()
    return path


@pytest.fixture(scope="module")
def exported(demo, tmp_path_factory) -> bytes:
    workspace = Workspace.open(demo)
    try:
        out = tmp_path_factory.mktemp("exported") / "fillin.xlsx"
        return export_template(workspace, YEAR, out).read_bytes()
    finally:
        workspace.close()


def _state(path: Path) -> bytes:
    return (path / "unionperf.sqlite").read_bytes()


def test_a_file_over_the_size_limit_is_refused_unread(demo, tmp_path):
    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as stream:  # sparse: takes no disk space
        stream.truncate(100 << 20)
    workspace = Workspace.open(demo)
    try:
        with pytest.raises(ImportRefused) as refused:
            import_template(workspace, YEAR, huge)
    finally:
        workspace.close()
    assert "超过填报表的上限32 MB" in str(refused.value)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_an_endless_file_is_refused_after_the_limit(demo):
    workspace = Workspace.open(demo)
    try:
        with pytest.raises(ImportRefused, match="超过填报表的上限"):
            import_template(workspace, YEAR, Path("/dev/zero"))
    finally:
        workspace.close()


def _cli(demo: Path, path: Path, capsys) -> tuple[int, str]:
    code = main(["import", "--workspace", str(demo), "--year", str(YEAR), str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_command_line_refuses_a_zip_bomb_in_one_chinese_line(demo, exported, tmp_path, capsys):
    before = _state(demo)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(rewrite(exported, {sheet_path(exported, "监控"): whitespace_sheet(1 << 30)}))
    code, output = _cli(demo, path, capsys)
    assert code != 0
    assert "工作表“监控”：" in output
    assert "解压后有1024 MB" in output
    assert "内部错误" not in output
    assert "Traceback" not in output
    assert _state(demo) == before


def test_the_command_line_names_a_formula_without_its_value(demo, exported, tmp_path, capsys):
    before = _state(demo)
    book = Book(exported)
    ref = book.ref("预算", book.row("预算", "科目代码", "501"), "本年预算数")
    book.sheet("预算")[ref] = "=SUM(1,2)"
    path = tmp_path / "formula.xlsx"
    path.write_bytes(book.save())
    code, output = _cli(demo, path, capsys)
    assert code != 0
    assert f"预算!{ref}：“本年预算数”是公式“=SUM(1,2)”" in output
    assert _state(demo) == before


def test_the_command_line_refuses_entity_expansion(demo, exported, tmp_path, capsys):
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(with_doctype(exported, "xl/workbook.xml", BILLION_LAUGHS, "&lol9;"))
    code, output = _cli(demo, path, capsys)
    assert code != 0
    assert "实体" in output
    assert "内部错误" not in output
