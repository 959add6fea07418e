"""Fill-in workbook export and import on a demo workspace: no-op, exact edits, audit, refusals."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import openpyxl
import pytest

from tests.forms.test_fillin import BAD_INPUTS
from tests.forms.test_fillin_support import Book, new_indicator_row
from unionperf.domain.budget import UNIT_OWNER
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.fillin import ImportRefused, export_template, import_template
from unionperf.services.cycle.locks import open_adjustment
from unionperf.store.audit import AuditEntry

YEAR = 2024


@pytest.fixture
def workspace(tmp_path):
    opened = create_demo(tmp_path / "ws")
    # The demo's stages are signed off by the chair: editing them is an adjustment.
    for stage in sorted({item.stage for item in opened.load_year(YEAR).signoffs}):
        open_adjustment(opened, YEAR, stage, "测试：按填报表调整")
    yield opened
    opened.close()


def _audit_count(workspace: Workspace) -> int:
    with workspace.reading() as uow:
        return len(uow.audit.newest(limit=1_000_000))


def _audit_since(workspace: Workspace, seq: int) -> list[AuditEntry]:
    with workspace.reading() as uow:
        return [entry for entry in uow.audit.newest(limit=1_000_000) if entry.seq > seq]


def _export(workspace: Workspace, tmp_path) -> Book:
    path = export_template(workspace, YEAR, tmp_path / "fillin.xlsx")
    return Book(path.read_bytes())


def _import(workspace: Workspace, book: Book, tmp_path, name: str = "edited.xlsx"):
    path = tmp_path / name
    path.write_bytes(book.save())
    return import_template(workspace, YEAR, path)


def test_unchanged_export_imports_as_a_no_op(workspace, tmp_path):
    before, audits = workspace.load_year(YEAR), _audit_count(workspace)
    backups = len(workspace.backups())
    path = export_template(workspace, YEAR, tmp_path / "fillin.xlsx")
    report = import_template(workspace, YEAR, path)
    assert report.total == 0
    assert report.backup is None
    assert "没有修改" in report.summary()
    assert workspace.load_year(YEAR) == before
    assert _audit_count(workspace) == audits
    assert len(workspace.backups()) == backups
    # Saved by openpyxl in between (as Excel would rewrite it), still nothing changes.
    report = _import(workspace, Book(path.read_bytes()), tmp_path)
    assert report.total == 0
    assert _audit_count(workspace) == audits


def test_export_into_a_folder(workspace, tmp_path):
    path = export_template(workspace, YEAR, tmp_path)
    assert path.parent == tmp_path
    assert path.name == f"{workspace.unit().credit_code}_{YEAR}_填报表.xlsx"
    assert openpyxl.load_workbook(path).sheetnames[0] == "说明"


def test_edits_change_exactly_those_records(workspace, tmp_path):
    before = workspace.load_year(YEAR)
    first_seq = _audit_count(workspace)
    book = _export(workspace, tmp_path)
    first, third, fourth = before.projects[0], before.projects[2], before.projects[3]
    i01, i02 = first.targets.indicators[0].uid, first.targets.indicators[1].uid
    book.set("指标", book.row("指标", "指标编号", i01), "实际完成值", 11)
    book.set("指标", book.row("指标", "指标编号", i02), "指标值", 1600)
    book.set("项目", book.row("项目", "项目编号", third.uid), "项目名称", "困难职工帮扶（调整）")
    old_line = next(line for line in before.budget if line.category_code == "501")
    book.set(
        "预算", book.row("预算", "科目代码", "501"), "本年预算数", float(old_line.budget + 1000)
    )
    book.append("指标", new_indicator_row(fourth.name))

    report = _import(workspace, book, tmp_path)

    assert (report.results, report.indicators_changed, report.projects_changed) == (1, 1, 1)
    assert (report.budget_lines, report.indicators_added, report.total) == (1, 1, 5)
    assert report.backup is not None
    assert report.backup.exists()
    assert report.backup.name.endswith("_导入前.sqlite")
    after = workspace.load_year(YEAR)
    new = [
        item
        for item in after.project(fourth.uid).targets.indicators
        if before.project(fourth.uid).targets.indicator(item.uid) is None
    ]
    assert [item.name for item in new] == ["新增：职工书屋借阅人次"]
    expected = replace(
        before,
        budget=tuple(
            replace(line, budget=line.budget + 1000) if line.category_code == "501" else line
            for line in before.budget
        ),
        projects=tuple(
            replace(
                project,
                name="困难职工帮扶（调整）" if project.uid == third.uid else project.name,
                targets=replace(
                    project.targets,
                    indicators=tuple(
                        replace(item, target=D(1600)) if item.uid == i02 else item
                        for item in project.targets.indicators
                    )
                    + (tuple(new) if project.uid == fourth.uid else ()),
                ),
            )
            for project in before.projects
        ),
        evaluations=tuple(
            replace(
                evaluation,
                results=tuple(
                    replace(item, actual=D(11)) if item.indicator_uid == i01 else item
                    for item in evaluation.results
                ),
            )
            for evaluation in before.evaluations
        ),
    )
    assert after == expected
    entries = _audit_since(workspace, first_seq)
    assert len(entries) == 5
    assert sorted((row.action, row.entity, row.entity_uid) for row in entries) == sorted(
        [
            ("save", "budget_line", "501"),
            ("save", "indicator", i02),
            ("save", "indicator", new[0].uid),
            ("save", "indicator_result", i01),
            ("save", "project", third.uid),
        ]
    )
    changes = {row.entity: row.changes for row in entries}
    assert changes["indicator_result"] == {"actual": ["10", "11"]}
    assert changes["project"] == {"name": [third.name, "困难职工帮扶（调整）"]}
    assert workspace.audit_breaks() == []
    # The same workbook again: its edits are already in, but its new row would be added twice.
    with pytest.raises(ImportRefused, match="已有指标“新增：职工书屋借阅人次”"):
        _import(workspace, book, tmp_path, "again.xlsx")
    assert _audit_count(workspace) == first_seq + 5
    assert workspace.load_year(YEAR) == after


def test_a_stale_workbook_leaves_later_changes_alone(workspace, tmp_path):
    """Rows the user did not touch keep what the workspace holds now; additions since stay."""
    book = _export(workspace, tmp_path)
    data = workspace.load_year(YEAR)
    first, second = data.projects[0], data.projects[1]
    editing.save_project(workspace, YEAR, replace(first, responsible="王五"))
    late = replace(data.unit_targets.indicators[0], uid="late-indicator", name="导出后新增的指标")
    editing.save_indicator(workspace, YEAR, UNIT_OWNER, late)
    editing.save_year_facts(workspace, YEAR, opening_balance="1.00")
    before = workspace.load_year(YEAR)
    book.set("项目", book.row("项目", "项目编号", second.uid), "电话", "021-00000000")
    report = _import(workspace, book, tmp_path)
    assert report.total == 1
    after = workspace.load_year(YEAR)
    assert after.project(first.uid).responsible == "王五"
    assert after.unit_targets.indicator("late-indicator") is not None
    assert after.opening_balance == D("1.00")
    assert after.project(second.uid).phone == "021-00000000"
    assert replace(after, projects=before.projects) == before


def test_an_edit_of_a_record_changed_since_the_export_is_a_conflict(workspace, tmp_path):
    book = _export(workspace, tmp_path)
    data = workspace.load_year(YEAR)
    third = data.projects[2]
    editing.save_project(workspace, YEAR, replace(third, name="软件中改过的名称"))
    before, audits = workspace.load_year(YEAR), _audit_count(workspace)
    row = book.row("项目", "项目编号", third.uid)
    book.set("项目", row, "电话", "021-11111111")
    with pytest.raises(ImportRefused) as refused:
        _import(workspace, book, tmp_path)
    [problem] = refused.value.problems
    assert problem.where == f"项目!C{row}"
    assert "导出填报表之后已在软件中修改过" in problem.message
    assert workspace.load_year(YEAR) == before
    assert _audit_count(workspace) == audits


def test_monitoring_and_deletion_in_one_import(workspace, tmp_path):
    before = workspace.load_year(YEAR)
    seq = _audit_count(workspace)
    book = _export(workspace, tmp_path)
    point = before.points[0]
    row = book.monitoring_row(point.cutoff.isoformat(), "p2024-01-i01")
    book.set("监控", row, "执行情况", 3)
    book.set("指标", book.row("指标", "指标编号", "u2024-i04"), "分值", 20)
    book.delete_row("指标", book.row("指标", "指标编号", "u2024-i05"))
    report = _import(workspace, book, tmp_path)
    assert (report.entries, report.indicators_changed, report.indicators_deleted) == (1, 1, 1)
    after = workspace.load_year(YEAR)
    assert after.unit_targets.indicator("u2024-i05") is None
    assert after.evaluation_of(UNIT_OWNER).result_for("u2024-i05") is None
    assert all(entry.for_indicator("u2024-i05") is None for entry in after.monitoring)
    progress = after.entry(point.uid, "p2024-01").for_indicator("p2024-01-i01")
    assert progress.actual == D(3)
    assert {(row.action, row.entity) for row in _audit_since(workspace, seq)} == {
        ("save", "monitoring_entry"),
        ("save", "indicator"),
        ("delete", "indicator"),
    }


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_refused_and_nothing_changes(workspace, tmp_path, case):
    edit, message = BAD_INPUTS[case]
    before, audits = workspace.load_year(YEAR), _audit_count(workspace)
    book = _export(workspace, tmp_path)
    # A good edit alongside the bad one must not be saved either (all or nothing).
    book.set("项目", book.row("项目", "项目编号", "p2023-03"), "项目负责人", "新负责人")
    where = edit(book, before)
    with pytest.raises(ImportRefused) as refused:
        _import(workspace, book, tmp_path)
    problems = refused.value.problems
    assert any(problem.where == where and message in problem.message for problem in problems)
    assert f"发现{len(problems)}个问题" in str(refused.value)
    assert str(problems[0]) in str(refused.value)
    assert isinstance(refused.value, ServiceError)
    assert workspace.load_year(YEAR) == before
    assert _audit_count(workspace) == audits


def test_refusal_lists_the_first_problems_and_counts_the_rest(workspace, tmp_path):
    book = _export(workspace, tmp_path)
    for number in range(2, 8):  # six quantitative indicators
        book.set("指标", number, "实际完成值", "不知道")
    with pytest.raises(ImportRefused) as refused:
        _import(workspace, book, tmp_path)
    text = str(refused.value)
    assert "发现6个问题" in text
    assert "另有1个问题" in text
    assert f"指标!{book.ref('指标', 2, '实际完成值')}：“不知道”不是数字" in text


def test_formula_like_text_round_trips_as_text(workspace, tmp_path):
    data = workspace.load_year(YEAR)
    first = data.projects[0]
    editing.save_project(workspace, YEAR, replace(first, name="=1+1", responsible="@SUM(A1)"))
    result = data.evaluation_of(first.uid).results[0]
    editing.save_result(workspace, YEAR, replace(result, deviation="+cmd", improvement="-2"))
    before, audits = workspace.load_year(YEAR), _audit_count(workspace)
    path = export_template(workspace, YEAR, tmp_path / "fillin.xlsx")
    workbook = openpyxl.load_workbook(path)
    projects, indicators = workbook["项目"], workbook["指标"]
    assert (projects["C2"].value, projects["C2"].data_type) == ("=1+1", "s")
    assert (projects["H2"].value, projects["H2"].data_type) == ("@SUM(A1)", "s")
    assert (indicators["P2"].value, indicators["P2"].data_type) == ("+cmd", "s")
    assert (indicators["Q2"].value, indicators["Q2"].data_type) == ("-2", "s")
    assert import_template(workspace, YEAR, path).total == 0
    assert workspace.load_year(YEAR) == before
    assert _audit_count(workspace) == audits
    # Typed in as text by the user, such values come in as text too.
    book = Book(path.read_bytes())
    book.set("项目", 3, "项目名称", "+cmd")
    book.set("指标", 3, "偏差原因分析", '=HYPERLINK("http://x")')
    report = _import(workspace, book, tmp_path)
    assert (report.projects_changed, report.results) == (1, 1)
    after = workspace.load_year(YEAR)
    assert after.projects[1].name == "+cmd"
    assert after.evaluation_of(first.uid).results[1].deviation == '=HYPERLINK("http://x")'
    again = Book(export_template(workspace, YEAR, tmp_path / "again.xlsx").read_bytes())
    assert again.sheet("项目")["C3"].data_type == "s"


def test_missing_file_and_missing_year(workspace, tmp_path):
    with pytest.raises(ServiceError, match="无法读取填报表"):
        import_template(workspace, YEAR, tmp_path / "nowhere.xlsx")
    path = export_template(workspace, YEAR, tmp_path / "fillin.xlsx")
    with pytest.raises(ServiceError, match="2030"):
        import_template(workspace, 2030, path)


def test_a_workbook_of_another_year_is_refused(workspace, tmp_path):
    path = export_template(workspace, 2023, tmp_path / "2023.xlsx")
    before = workspace.load_year(YEAR)
    with pytest.raises(ImportRefused) as refused:
        import_template(workspace, YEAR, path)
    assert [problem.where for problem in refused.value.problems] == ["说明!B5"]
    assert workspace.load_year(YEAR) == before
