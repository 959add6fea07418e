"""The services the upper level's window adds: a package's files, one table of 汇总, the
parameters set in the window (settings, the board's deadlines, the bundled library), and the
考核结果通报.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from tests.exchange.packages import UPPER_PASSPHRASE, YEAR, demo_unit, key_id_of, upper_workspace
from tests.services.upper_units import sub_unit
from unionperf.domain.parameters import StageDeadline
from unionperf.domain.settings import RuleSettings
from unionperf.services.common.errors import InputError
from unionperf.services.common.indicator_library import default_library
from unionperf.services.common.workspace import Workspace
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.aggregate import aggregate
from unionperf.services.upper.aggregate_export import export_aggregate_table, table_titles
from unionperf.services.upper.attachments import AttachmentKind, attachments, save_attachment
from unionperf.services.upper.deadlines import set_deadline
from unionperf.services.upper.notice import notice_family, write_notice
from unionperf.services.upper.params import parameters
from unionperf.services.upper.params_edit import (
    board_deadlines,
    store_deadlines,
    store_settings,
    use_bundled_library,
)
from unionperf.services.upper.register import register

STAGE = "self-evaluation"


@pytest.fixture
def upper(tmp_path) -> Iterator[Workspace]:
    workspace = upper_workspace(tmp_path / "upper")
    yield workspace
    workspace.close()


def test_the_forms_of_a_received_package_are_listed_and_saved(upper, tmp_path_factory, tmp_path):
    unit = demo_unit(tmp_path_factory)
    key_id = key_id_of(unit.pub_file)
    register(upper, unit.pub_file, unit.unit_code, unit.unit_name, key_id=key_id)
    [outcome] = receive(upper, [unit.packages["self-evaluation-1"]])
    assert not outcome.refused, outcome.message
    held = attachments(upper, unit.unit_code, YEAR, STAGE)
    forms = [item for item in held if item.kind is AttachmentKind.FORM]
    assert forms
    assert {item.name.rsplit(".", 1)[1] for item in forms} >= {"pdf", "xlsx"}
    with zipfile.ZipFile(unit.packages["self-evaluation-1"]) as archive:
        inside = archive.read(forms[0].member)
    written = save_attachment(
        upper, unit.unit_code, YEAR, STAGE, member=forms[0].member, folder=tmp_path / "审核"
    )
    assert written.name == forms[0].name
    assert written.read_bytes() == inside
    with pytest.raises(InputError, match="没有文件"):
        save_attachment(
            upper, unit.unit_code, YEAR, STAGE, member="data/data.json", folder=tmp_path
        )
    with pytest.raises(InputError, match="尚未接收"):
        attachments(upper, unit.unit_code, YEAR, "targets")


def test_one_table_of_the_aggregation_is_its_own_workbook(upper, tmp_path):
    units = [sub_unit(number) for number in (1, 2)]
    keys = tmp_path / "keys"
    for unit in units:
        register(upper, unit.pub_file(keys), unit.code, unit.name, key_id=unit.key_id)
    receive(upper, [unit.send(STAGE, tmp_path / "usb") for unit in units])
    result = aggregate(upper, YEAR, STAGE)
    titles = table_titles(result)
    assert titles[0] == "收入"
    assert titles[-2:] == ["排名", "多年期项目"]  # the demo year holds a 2023—2025 project
    target = tmp_path / "排名.xlsx"
    assert export_aggregate_table(result, "排名", target) == target
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["排名"]
    names = {row[2] for row in book["排名"].iter_rows(min_row=2, values_only=True)}
    assert {unit.name for unit in units} <= names
    with pytest.raises(InputError, match="没有“预算”表"):
        export_aggregate_table(result, "预算", tmp_path / "x.xlsx")


def test_settings_set_in_the_window_are_checked_and_kept(upper):
    settings = replace(RuleSettings(), lag_points=Decimal(15))
    assert store_settings(upper, settings) == settings
    assert parameters(upper).settings == settings
    broken = replace(settings, weights={**settings.weights, "execution": Decimal(20)})
    with pytest.raises(InputError):
        store_settings(upper, broken)
    assert parameters(upper).settings == settings  # nothing saved


def test_the_boards_deadlines_become_the_ones_sent(upper):
    set_deadline(upper, 2025, "targets", date(2025, 1, 31))
    set_deadline(upper, 2025, "self-evaluation", date(2026, 3, 15))
    set_deadline(upper, 2024, "targets", date(2024, 1, 31))
    taken = board_deadlines(upper, [2025])
    assert [(item.stage, item.due) for item in taken] == [
        ("targets", date(2025, 1, 31)),
        ("self-evaluation", date(2026, 3, 15)),
    ]
    store_deadlines(upper, taken)
    assert parameters(upper).deadlines == taken
    twice = [*taken, StageDeadline(2025, "targets", date(2025, 2, 1))]
    with pytest.raises(InputError, match="两个截止日期"):
        store_deadlines(upper, twice)
    assert parameters(upper).deadlines == taken
    assert store_deadlines(upper, []) == ()
    assert parameters(upper).deadlines == ()


def test_the_bundled_library_is_sent_and_a_unit_cannot_send_parameters(upper, tmp_path):
    library = use_bundled_library(upper)
    assert len(library.entries) == len(default_library().entries)
    sent = parameters(upper).library
    assert sent is not None
    assert len(sent.entries) == len(library.entries)
    with Workspace.create(tmp_path / "unit", None, UPPER_PASSPHRASE) as unit:
        with pytest.raises(InputError, match="只有上级工会"):
            store_settings(unit, RuleSettings())
        with pytest.raises(InputError, match="只有上级工会"):
            store_deadlines(unit, [])


def test_the_assessment_notice_ranks_the_units_in_pdf_and_excel(upper, tmp_path):
    units = [sub_unit(number, scale) for number, scale in ((1, Decimal(1)), (2, Decimal(2)))]
    keys = tmp_path / "keys"
    for unit in units:
        register(upper, unit.pub_file(keys), unit.code, unit.name, key_id=unit.key_id)
    receive(upper, [unit.send(STAGE, tmp_path / "usb") for unit in units])
    result = aggregate(upper, YEAR, STAGE)
    family = notice_family(result, upper.unit(), date(2025, 4, 1))
    [form] = family.forms
    assert form.title == "关于2024年度工会预算绩效考核结果的通报（绩效自评）"
    assert ("通报日期", "2025年4月1日") in form.meta
    ranking = form.blocks[1]
    names = [row[1].value for row in ranking.rows]
    assert sorted(names) == sorted(unit.name for unit in units)
    assert ranking.rows[0][0].value == 1
    pdf, xlsx = write_notice(upper, result, tmp_path / "通报", date(2025, 4, 1))
    assert pdf.name == "2024年度绩效自评考核结果通报.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    cells = [
        value
        for row in openpyxl.load_workbook(xlsx).worksheets[0].iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    assert units[0].name in cells
    assert "二、得分排名（经上级复评的单位按复评得分排名，两个得分均列出）" in cells
