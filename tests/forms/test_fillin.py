"""The fill-in workbook, pure openpyxl ⇄ domain: layout, round trip, edits and every refusal."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal as D
from io import BytesIO

import openpyxl
import pytest

from tests.forms.test_fillin_support import Book, new_indicator_row, project_of, read_book
from unionperf.demo.data import HOME_UID, demo_years
from unionperf.domain.budget import UNIT_OWNER
from unionperf.domain.evaluation import IndicatorResult
from unionperf.domain.indicators import Indicator, Operator
from unionperf.domain.monitoring import Likelihood, ReasonCategory
from unionperf.domain.year import YearData
from unionperf.forms.fillin import layout, read_template, write_template
from unionperf.forms.fillin.writer import GUIDE_LINES

FORMULA_LIKE = ("=1+1", "+cmd", "@SUM(A1)", "-2")


@pytest.fixture(scope="module")
def years() -> dict[int, YearData]:
    return {data.year: data for data in demo_years()}


@pytest.fixture(scope="module")
def year(years) -> YearData:
    return years[2024]


@pytest.fixture(scope="module")
def blob(year) -> bytes:
    return write_template(year)


def _indicator(data: YearData, uid: str) -> Indicator:
    for project in data.projects:
        if found := project.targets.indicator(uid):
            return found
    found = data.unit_targets.indicator(uid)
    assert found is not None
    return found


def _result(data: YearData, owner: str, uid: str) -> IndicatorResult:
    found = data.evaluation_of(owner).result_for(uid)
    assert found is not None
    return found


# -- layout -------------------------------------------------------------------------------------


def test_workbook_layout(blob, year):
    workbook = openpyxl.load_workbook(BytesIO(blob))
    assert workbook.sheetnames == ["说明", "预算", "项目", "指标", "监控", "资金监控", "选项"]
    assert workbook["选项"].sheet_state == "hidden"
    guide = workbook["说明"]
    assert (guide["B3"].value, guide["B4"].value, guide["B5"].value) == (
        year.unit.name,
        year.unit.credit_code,
        2024,
    )
    projects = workbook["项目"]
    assert [cell.value for cell in projects[1]][:10] == [
        "项目编号",
        "项目代码",
        "项目名称",
        "支出科目",
        "项目属性",
        "开始日期",
        "结束日期",
        "项目负责人",
        "电话",
        "年度总体目标",
    ]
    assert projects.column_dimensions["A"].hidden
    assert projects.freeze_panes == "D2"
    assert workbook["预算"].freeze_panes == "A5"
    assert projects.max_row == 1 + len(year.projects)
    indicators = workbook["指标"]
    assert indicators.column_dimensions["A"].hidden
    assert indicators.column_dimensions["B"].hidden
    assert indicators.column_dimensions["F"].width >= 20
    assert indicators.max_row == 1 + sum(len(p.targets.indicators) for p in year.projects) + len(
        year.unit_targets.indicators
    )
    points = len(year.points)
    assert workbook["监控"].max_row == 1 + points * (indicators.max_row - 1)
    assert workbook["资金监控"].max_row == 1 + points * (len(year.projects) + 1)


def test_guide_prints_one_page_wide_with_wrapped_text(blob):
    guide = openpyxl.load_workbook(BytesIO(blob))["说明"]
    setup = guide.page_setup
    assert int(setup.paperSize) == 9  # A4
    assert setup.orientation == "portrait"
    assert int(setup.fitToWidth) == 1
    assert int(setup.fitToHeight) == 0
    assert guide.sheet_properties.pageSetUpPr.fitToPage is True
    widths = [guide.column_dimensions[letter].width for letter in "AB"]
    assert widths[1] >= 60  # the text column
    assert sum(widths) <= 95  # about an A4 portrait page inside the margins
    first = next(
        row for row in range(1, guide.max_row + 1) if guide.cell(row, 2).value == "填写说明"
    )
    lines = range(first, guide.max_row + 1)
    assert len(lines) == len(GUIDE_LINES)
    for row in lines:
        assert guide.cell(row, 2).alignment.wrap_text, row
    longest = max(lines, key=lambda row: len(guide.cell(row, 2).value))
    assert guide.row_dimensions[longest].height >= 2 * guide.row_dimensions[first].height - 3


def test_drop_down_lists(blob):
    workbook = openpyxl.load_workbook(BytesIO(blob))
    lists = workbook["选项"]
    columns = {cell.value: cell.column_letter for cell in lists[1]}

    def values(title: str) -> list[str]:
        letter = columns[title]
        return [c.value for c in lists[letter][1:] if c.value is not None]

    assert values("指标性质") == ["≥", "＞", "＝", "≤", "＜", "区间", "定性"]
    assert values("偏差原因类别") == ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"]
    assert values("完成可能性") == ["确定能", "有可能", "完全不可能"]
    assert values("是否适用") == ["是", "否"]
    assert values("期限") == ["年度", "中期"]
    assert "501 职工活动支出" in values("支出科目")
    assert "401 会费收入" not in values("支出科目")
    assert values("一级指标") == ["产出指标", "效益指标", "满意度指标"]
    validated = {
        sheet: {
            dv.formula1.split("!")[1][1] for dv in workbook[sheet].data_validations.dataValidation
        }
        for sheet in ("项目", "指标", "监控")
    }
    expected = {"指标性质", "定性评级", "是否适用", "一级指标", "二级指标", "项目名称", "期限"}
    assert validated["指标"] == {columns[title] for title in expected}
    assert validated["项目"] == {columns["支出科目"], columns["项目属性"], columns["是否适用"]}
    assert validated["监控"] == {columns["偏差原因类别"], columns["完成可能性"]}


@pytest.mark.parametrize("number", [2023, 2024])
def test_unchanged_workbook_reads_back_as_the_same_year(years, number):
    data = years[number]
    result = read_template(write_template(data), data)
    assert result.ok, result.problems
    assert result.data == data


def test_formula_like_text_is_written_as_text_and_reads_back(year):
    first = year.projects[0]
    indicator = first.targets.indicators[0]
    evaluation = year.evaluation_of(first.uid)
    results = tuple(
        replace(item, deviation="-2", improvement="@SUM(A1)")
        if item.indicator_uid == indicator.uid
        else item
        for item in evaluation.results
    )
    data = replace(
        year,
        projects=(replace(first, name="=1+1", responsible="+cmd"), *year.projects[1:]),
        evaluations=tuple(
            replace(item, results=results) if item.owner_uid == first.uid else item
            for item in year.evaluations
        ),
    )
    blob = write_template(data)
    with zipfile.ZipFile(BytesIO(blob)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    book = Book(blob)
    row = book.row("项目", "项目编号", first.uid)
    for header, value in (("项目名称", "=1+1"), ("项目负责人", "+cmd")):
        cell = book.sheet("项目").cell(row, book.column("项目", header))
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)
    row = book.row("指标", "指标编号", indicator.uid)
    for header, value in (("偏差原因分析", "-2"), ("改进措施", "@SUM(A1)")):
        cell = book.sheet("指标").cell(row, book.column("指标", header))
        assert (cell.value, cell.data_type) == (value, "s")
    result = read_template(blob, data)
    assert result.ok
    assert result.data == data
    # Saved again by openpyxl (as after an edit elsewhere), the texts still come back as texts.
    book.set("项目", book.row("项目", "项目编号", year.projects[1].uid), "电话", "@home")
    result = read_book(book, data)
    assert result.ok, result.problems
    assert result.data is not None
    assert project_of(result.data, first.uid).name == "=1+1"
    assert project_of(result.data, year.projects[1].uid).phone == "@home"


# -- edits --------------------------------------------------------------------------------------


def test_edits_come_through_and_nothing_else(blob, year):
    book = Book(blob)
    first, third, fourth = year.projects[0], year.projects[2], year.projects[3]
    i01, i02 = first.targets.indicators[0], first.targets.indicators[1]
    book.set("指标", book.row("指标", "指标编号", i01.uid), "实际完成值", 11)
    book.set("指标", book.row("指标", "指标编号", i02.uid), "指标值", 1600)
    book.set("项目", book.row("项目", "项目编号", third.uid), "项目名称", "困难职工帮扶（调整）")
    budget_row = book.row("预算", "科目代码", "501")
    old_budget = next(line for line in year.budget if line.category_code == "501")
    book.set("预算", budget_row, "本年预算数", float(old_budget.budget + 1000))
    book.append("指标", new_indicator_row(fourth.name))
    result = read_book(book, year)
    assert result.ok, result.problems
    data = result.data
    assert data is not None
    added = [
        i
        for i in project_of(data, fourth.uid).targets.indicators
        if i.uid not in {x.uid for x in fourth.targets.indicators}
    ]
    assert len(added) == 1
    new = added[0]
    assert (new.name, new.operator, new.target, new.unit, new.points) == (
        "新增：职工书屋借阅人次",
        Operator.GE,
        D(300),
        "人次",
        None,
    )
    assert len(new.uid) == 32
    expected_first = replace(
        first,
        targets=replace(
            first.targets,
            indicators=tuple(
                replace(item, target=D(1600)) if item.uid == i02.uid else item
                for item in first.targets.indicators
            ),
        ),
    )
    expected = replace(
        year,
        budget=tuple(
            replace(line, budget=line.budget + 1000) if line.category_code == "501" else line
            for line in year.budget
        ),
        projects=tuple(
            expected_first
            if project.uid == first.uid
            else replace(project, name="困难职工帮扶（调整）")
            if project.uid == third.uid
            else replace(
                project,
                targets=replace(project.targets, indicators=(*project.targets.indicators, new)),
            )
            if project.uid == fourth.uid
            else project
            for project in year.projects
        ),
        evaluations=tuple(
            replace(
                evaluation,
                results=tuple(
                    replace(item, actual=D(11)) if item.indicator_uid == i01.uid else item
                    for item in evaluation.results
                ),
            )
            for evaluation in year.evaluations
        ),
    )
    assert data == expected


def test_interval_target_is_written_as_a_range_and_read_back(year):
    first = year.projects[0]
    coverage = Indicator(
        "iv1",
        "效益指标",
        "社会效益指标",
        "帮扶覆盖率区间",
        Operator.INTERVAL,
        D(60),
        unit="%",
        points=D(0),
        target_upper=D(80),
    )
    data = replace(
        year,
        projects=(
            replace(
                first,
                targets=replace(first.targets, indicators=(*first.targets.indicators, coverage)),
            ),
            *year.projects[1:],
        ),
    )
    book = Book(write_template(data))
    row = book.row("指标", "指标编号", "iv1")
    assert (book.get("指标", row, "指标性质"), book.get("指标", row, "指标值")) == (
        "区间",
        "60～80",
    )
    book.set("指标", row, "指标值", "65-85")
    result = read_book(book, data)
    assert result.ok, result.problems
    assert result.data is not None
    read = _indicator(result.data, "iv1")
    assert (read.operator, read.target, read.target_upper) == (Operator.INTERVAL, D(65), D(85))


def test_a_new_interval_indicator_row(blob, year):
    book = Book(blob)
    fourth = year.projects[3]
    row = book.append(
        "指标",
        {
            **new_indicator_row(fourth.name),
            "指标性质": "区间",
            "指标值": "60%～80%",
            "计量单位": "%",
        },
    )
    result = read_book(book, year)
    assert result.ok, result.problems
    assert result.data is not None
    added = [
        item
        for item in project_of(result.data, fourth.uid).targets.indicators
        if item.operator is Operator.INTERVAL
    ]
    assert [(item.target, item.target_upper) for item in added] == [(D(60), D(80))]
    book.set("指标", row, "指标值", "80～60")
    refused = read_book(book, year)
    assert not refused.ok
    assert any("下限～上限" in problem.message for problem in refused.problems)


def test_indicators_are_listed_in_canonical_order(years):
    """The 2023 demo project 困难职工帮扶 lists 时效 before 质量; the workbook puts 质量 first."""
    data = years[2023]
    project = next(p for p in data.projects if "困难职工帮扶" in p.name)
    book = Book(write_template(data))
    sheet = book.sheet("指标")
    owner, level2 = book.column("指标", "归属"), book.column("指标", "二级指标")
    listed = [
        sheet.cell(number, level2).value
        for number in range(2, sheet.max_row + 1)
        if sheet.cell(number, owner).value == project.uid
    ]
    assert listed.index("质量指标") < listed.index("时效指标")


def test_an_edited_row_keeps_the_stored_form_of_its_unchanged_numbers(blob, year):
    book = Book(blob)
    assert _result(year, "p2024-01", "p2024-01-i05").actual.as_tuple().exponent == -2  # 126.30
    book.set("指标", book.row("指标", "指标编号", "p2024-01-i05"), "改进措施", "下年压缩成本")
    result = read_book(book, year)
    assert result.data is not None
    edited = _result(result.data, "p2024-01", "p2024-01-i05")
    assert str(edited.actual) == "126.30"
    assert edited == replace(_result(year, "p2024-01", "p2024-01-i05"), improvement="下年压缩成本")


def test_deleting_an_indicator_row_deletes_it_with_its_progress_and_result(blob, year):
    book = Book(blob)
    unit_indicator = _indicator(year, "u2024-i05")
    # Its 10 points go to a sibling, so that 产出指标 still adds up to 50.
    book.set("指标", book.row("指标", "指标编号", "u2024-i04"), "分值", 20)
    book.delete_row("指标", book.row("指标", "指标编号", unit_indicator.uid))
    # Its 监控 rows may stay: they go with the indicator.
    book.delete_row(
        "监控", book.monitoring_row(year.points[0].cutoff.isoformat(), unit_indicator.uid)
    )
    result = read_book(book, year)
    assert result.ok, result.problems
    data = result.data
    assert data is not None
    assert data.unit_targets.indicator(unit_indicator.uid) is None
    assert data.evaluation_of(UNIT_OWNER).result_for(unit_indicator.uid) is None
    for entry in data.monitoring:
        assert entry.for_indicator(unit_indicator.uid) is None
    assert _indicator(data, "u2024-i04").points == D(20)


def test_deleting_an_indicator_must_keep_the_weights(blob, year):
    book = Book(blob)
    book.delete_row("指标", book.row("指标", "指标编号", "u2024-i08"))
    result = read_book(book, year)
    assert [problem.message for problem in result.problems] == [
        "单位整体的满意度指标分值合计0分，应为规则设置的10分（各一级指标分值之和须与规则设置一致）"
    ]


def test_new_project_with_its_indicator(blob, year):
    book = Book(blob)
    book.append(
        "项目",
        {
            "项目代码": "GH2024-07",
            "项目名称": "2024年职工心理健康讲座",
            "支出科目": "501 职工活动支出",
            "项目属性": "新增项目",
            "开始日期": "2024-03-01",
            "结束日期": "2024年11月30日",
            "本级工会经费·年初预算数": 8000,
            "本级工会经费·全年预算数": 8000,
        },
    )
    book.append("指标", new_indicator_row("2024年职工心理健康讲座", "讲座场次"))
    result = read_book(book, year)
    assert result.ok, result.problems
    assert result.data is not None
    project = result.data.projects[-1]
    assert project.name == "2024年职工心理健康讲座"
    assert project.category_code == "501"
    assert (project.start.isoformat(), project.end.isoformat()) == ("2024-03-01", "2024-11-30")
    assert project.full_year_budget == D(8000)
    assert [item.name for item in project.targets.indicators] == ["讲座场次"]
    assert project.targets.owner_uid == project.uid


def test_a_new_project_typed_with_its_initial_budget_only_gets_it_as_full_year_budget(blob, year):
    book = Book(blob)
    book.append(
        "项目",
        {
            "项目名称": "2024年职工心理健康讲座",
            "支出科目": "501 职工活动支出",
            "项目属性": "新增项目",
            "本级工会经费·年初预算数": 8000,
        },
    )
    book.append("指标", new_indicator_row("2024年职工心理健康讲座", "讲座场次"))
    result = read_book(book, year)
    assert result.ok, result.problems
    assert result.data is not None
    project = result.data.projects[-1]
    assert (project.funding[0].initial, project.full_year_budget) == (D(8000), D(8000))


def _project_with_following_budget(year: YearData) -> int:
    return next(
        index
        for index, project in enumerate(year.projects)
        if len(project.funding) == 1 and project.funding[0].adjusted == project.funding[0].initial
    )


def test_a_changed_initial_budget_carries_a_full_year_budget_that_followed_it(blob, year):
    index = _project_with_following_budget(year)
    project = year.projects[index]
    source = project.funding[0].source
    header = layout.funding_header(source, "年初预算数")
    book = Book(blob)
    book.set("项目", book.row("项目", "项目编号", project.uid), header, 12345)
    result = read_book(book, year)
    assert result.ok, result.problems
    assert result.data is not None
    changed = project_of(result.data, project.uid)
    assert (changed.funding[0].initial, changed.funding[0].adjusted) == (D(12345), D(12345))


def test_a_full_year_budget_typed_in_the_workbook_is_kept(blob, year):
    index = _project_with_following_budget(year)
    project = year.projects[index]
    source = project.funding[0].source
    book = Book(blob)
    row = book.row("项目", "项目编号", project.uid)
    book.set("项目", row, layout.funding_header(source, "年初预算数"), 12345)
    book.set("项目", row, layout.funding_header(source, "全年预算数"), 20000)
    result = read_book(book, year)
    assert result.data is not None
    changed = project_of(result.data, project.uid)
    assert (changed.funding[0].initial, changed.funding[0].adjusted) == (D(12345), D(20000))


def test_monitoring_edits(blob, year):
    book = Book(blob)
    point = year.points[1]
    first = year.projects[0]
    uid = first.targets.indicators[0].uid
    row = book.monitoring_row(point.cutoff.isoformat(), uid)
    book.set("监控", row, "执行情况", 5)
    book.set("监控", row, "偏差原因类别", "经费保障、人员保障")
    book.set("监控", row, "偏差原因说明", "经费未到位\n人手不足")
    book.set("监控", row, "完成可能性", "确定能")
    funds = book.sheet("资金监控")
    funds_row = next(
        number
        for number in range(2, funds.max_row + 1)
        if book.get("资金监控", number, "监控时点") == point.cutoff.isoformat()
        and book.get("资金监控", number, "归属") == first.uid
    )
    book.set("资金监控", funds_row, "累计执行数", 123456.78)
    result = read_book(book, year)
    assert result.ok, result.problems
    assert result.data is not None
    entry = result.data.entry(point.uid, first.uid)
    assert entry is not None
    assert entry.executed == D("123456.78")
    progress = entry.for_indicator(uid)
    assert progress is not None
    assert progress.actual == D(5)
    assert [(r.category, r.text) for r in progress.reasons] == [
        (ReasonCategory.FUNDING, "经费未到位"),
        (ReasonCategory.STAFFING, "人手不足"),
    ]
    assert progress.likelihood is Likelihood.CERTAIN
    others = [e for e in result.data.monitoring if e is not entry]
    assert others == [
        e for e in year.monitoring if (e.point_uid, e.owner_uid) != (point.uid, first.uid)
    ]


def test_year_without_points_gets_a_new_point_when_monitoring_is_filled_in(years):
    data = years[2023]
    assert not data.points
    book = Book(write_template(data))
    first = data.projects[0]
    uid = first.targets.indicators[0].uid
    cutoff = data.settings.cutoff_dates(2023)[1]
    book.set("监控", book.monitoring_row(cutoff.isoformat(), uid), "执行情况", 3)
    result = read_book(book, data)
    assert result.ok, result.problems
    assert result.data is not None
    assert [(p.cutoff, p.label) for p in result.data.points] == [(cutoff, f"1–{cutoff.month}月")]
    entry = result.data.entry(result.data.points[0].uid, first.uid)
    assert entry is not None
    assert entry.for_indicator(uid) is not None


# -- refusals -----------------------------------------------------------------------------------

Edit = Callable[[Book, YearData], str]
"""Makes one bad edit and returns where the problem must be reported (``sheet!cell``)."""


def _indicator_cell(uid: str, header: str, value: object) -> Edit:
    def edit(book: Book, data: YearData) -> str:
        return "指标!" + book.set("指标", book.row("指标", "指标编号", uid), header, value)

    return edit


def _project_cell(index: int, header: str, value: object) -> Edit:
    def edit(book: Book, data: YearData) -> str:
        row = book.row("项目", "项目编号", data.projects[index].uid)
        return "项目!" + book.set("项目", row, header, value)

    return edit


def _home_clear_out(value: object) -> Edit:
    """提出清理退出 on the multi-year demo project; the problem is named at the reason's cell for
    是 (no reason given), at the choice's own cell otherwise."""

    def edit(book: Book, data: YearData) -> str:
        row = book.row("项目", "项目编号", HOME_UID)
        book.set("项目", row, "提出清理退出", value)
        return "项目!" + book.ref("项目", row, "清理退出原因" if value == "是" else "提出清理退出")

    return edit


def _duplicate_project(book: Book, data: YearData) -> str:
    row = book.row("项目", "项目编号", data.projects[1].uid)
    return "项目!" + book.set("项目", row, "项目名称", data.projects[0].name)


def _weights(book: Book, data: YearData) -> str:
    book.set("指标", book.row("指标", "指标编号", "p2024-01-i01"), "分值", 20)
    return "指标!" + book.ref("指标", book.row("指标", "指标编号", "p2024-01-i01"), "分值")


def _nameless_new_row(book: Book, data: YearData) -> str:
    row = book.append("指标", {**new_indicator_row(data.projects[0].name), "三级指标": None})
    return "指标!" + book.ref("指标", row, "三级指标")


def _unknown_budget_code(book: Book, data: YearData) -> str:
    row = book.append("预算", {"科目代码": "999", "本年预算数": 100})
    return "预算!" + book.ref("预算", row, "科目代码")


def _budget_text(book: Book, data: YearData) -> str:
    return "预算!" + book.set("预算", book.row("预算", "科目代码", "501"), "本年预算数", "很多")


def _unknown_sheet(book: Book, data: YearData) -> str:
    book.workbook.create_sheet("草稿")
    return "工作表“草稿”"


def _missing_sheet(book: Book, data: YearData) -> str:
    del book.workbook["资金监控"]
    return "工作表“资金监控”"


def _guide(cell: str, value: object) -> Edit:
    def edit(book: Book, data: YearData) -> str:
        book.sheet("说明")[cell] = value
        return f"说明!{cell}"

    return edit


def _copied_row(book: Book, data: YearData) -> str:
    sheet = book.sheet("指标")
    source = book.row("指标", "指标编号", "p2024-02-i03")
    values = [cell.value for cell in sheet[source]]
    sheet.append(values)
    return "指标!" + book.ref("指标", sheet.max_row, "指标编号")


def _monitoring_cell(header: str, value: object) -> Edit:
    def edit(book: Book, data: YearData) -> str:
        row = book.monitoring_row("2024-06-30", "p2024-01-i02")
        return "监控!" + book.set("监控", row, header, value)

    return edit


BAD_INPUTS: dict[str, tuple[Edit, str]] = {
    "text in a number cell": (_indicator_cell("p2024-01-i01", "实际完成值", "约10场"), "不是数字"),
    "text in a target": (_indicator_cell("p2024-01-i02", "指标值", "一千五"), "不是数字"),
    "text in a budget amount": (_budget_text, "不是数字"),
    "unknown expenditure category": (
        _project_cell(0, "支出科目", "599 不存在的科目"),
        "未知支出科目",
    ),
    "revenue category on a project": (_project_cell(0, "支出科目", "401 会费收入"), "收入科目"),
    "unknown budget category": (_unknown_budget_code, "未知科目"),
    "unknown level-2 indicator": (
        _indicator_cell("p2024-01-i01", "二级指标", "不存在的指标"),
        "没有二级指标",
    ),
    "unknown level-1 indicator": (
        _indicator_cell("p2024-01-i01", "一级指标", "过程指标"),
        "未知一级指标",
    ),
    "unknown operator": (_indicator_cell("p2024-01-i01", "指标性质", "≈"), "未知的指标性质"),
    "unknown tier": (_indicator_cell("p2024-01-i07", "定性评级", "优秀"), "未知的定性评级"),
    "weights not adding up": (_weights, "产出指标分值合计55分，应为规则设置的50分"),
    "indicator row without name": (
        _indicator_cell("p2024-01-i03", "三级指标", None),
        "请填写三级指标名称",
    ),
    "new indicator row without name": (_nameless_new_row, "请填写三级指标名称"),
    "project without name": (_project_cell(2, "项目名称", None), "请填写项目名称"),
    "duplicate project": (_duplicate_project, "不能重复"),
    "unknown sheet": (_unknown_sheet, "未知的工作表"),
    "missing sheet": (_missing_sheet, "缺少工作表"),
    "wrong year": (_guide("B5", 2023), "2023年度的填报表"),
    "wrong unit": (_guide("B4", "91350100M000100Y43"), "另一个单位"),
    "other unit's name": (_guide("B3", "另一个工会"), "另一个单位"),
    "not our workbook": (_guide("B6", ""), "不是本软件导出的填报表"),
    "unknown indicator uid": (_indicator_cell("p2024-01-i01", "指标编号", "nope"), "不存在"),
    "unknown project uid": (_project_cell(0, "项目编号", "nope"), "不存在"),
    "copied row keeps its uid": (_copied_row, "重复"),
    "qualitative score out of band": (
        _indicator_cell("p2024-01-i07", "定性得分", 15),
        "得分应在[9, 12)之间",
    ),
    "negative funding": (_project_cell(0, "本级工会经费·全年执行数", -5), "不能为负数"),
    "three decimals in money": (
        _project_cell(0, "本级工会经费·全年执行数", 1.234),
        "最多两位小数",
    ),
    "bad date": (_project_cell(0, "开始日期", "明年"), "不是有效日期"),
    "clear-out of a one-year project": (
        _project_cell(0, "提出清理退出", "是"),
        "不是多年期项目（项目期未跨年度），不能提出清理退出",
    ),
    "clear-out without a reason": (_home_clear_out("是"), "须填写清理退出原因"),
    "unknown clear-out answer": (_home_clear_out("也许"), "应为：是、否"),
    "end before start": (_project_cell(0, "结束日期", "2023-12-31"), "结束日期早于开始日期"),
    "unknown reason category": (_monitoring_cell("偏差原因类别", "天气"), "未知的偏差原因类别"),
    "unknown likelihood": (_monitoring_cell("完成可能性", "也许"), "未知的完成可能性"),
    "text in progress": (_monitoring_cell("执行情况", "过半"), "不是数字"),
    "unknown monitoring point": (
        _monitoring_cell("监控时点", "2024-05-15"),
        "不是本年度的监控时点",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_refused_with_its_cell(blob, year, case):
    edit, message = BAD_INPUTS[case]
    book = Book(blob)
    where = edit(book, year)
    result = read_book(book, year)
    assert result.data is None
    assert not result.ok
    found = [problem for problem in result.problems if problem.where == where]
    assert found, [str(problem) for problem in result.problems]
    assert message in found[0].message, str(found[0])
    assert str(found[0]).startswith(f"{where}：")


def test_every_problem_is_listed(blob, year):
    book = Book(blob)
    wheres = {
        edit(book, year)
        for edit, _message in (
            BAD_INPUTS["text in a number cell"],
            BAD_INPUTS["unknown operator"],
            BAD_INPUTS["duplicate project"],
            BAD_INPUTS["unknown budget category"],
            BAD_INPUTS["unknown likelihood"],
        )
    }
    result = read_book(book, year)
    assert wheres <= {problem.where for problem in result.problems}


def test_a_file_that_is_not_a_workbook(year):
    result = read_template(b"PK\x03\x04 not really a zip", year)
    assert not result.ok
    assert "不是有效的 Excel 工作簿" in result.problems[0].message


def test_the_guide_names_the_app_in_chinese_and_earlier_workbooks_are_still_read(blob, year):
    book = Book(blob)
    guide = [cell.value for row in book.sheet("说明").iter_rows() for cell in row if cell.value]
    assert "工会预算绩效管理填报表（第1版）" in guide
    assert not any("UnionPerf" in str(value) for value in guide)
    book.sheet("说明")["B6"] = "UnionPerf 填报表 v1"  # exported by an earlier version
    assert read_book(book, year).ok
