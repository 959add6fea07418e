"""参数下发's indicator library edited entry by entry, and as an Excel workbook.

The upper level adds, changes and removes entries (starting from the bundled library when none
is set), each checked with a Chinese sentence naming what is wrong and nothing saved on a
refusal; the library exports to a workbook that imports again unchanged, a wrong workbook is
refused cell by cell; the edited library is what the signed parameter package carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.exchange.packages import UPPER_PASSPHRASE
from unionperf.domain.indicators import Operator, StandardBasis
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.exchange.package import verify_package
from unionperf.services.common import signing
from unionperf.services.common.errors import InputError
from unionperf.services.common.indicator_library import LibraryEntry, Scope, default_library
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper import params
from unionperf.services.upper.params_library import (
    add_entry,
    change_entry,
    remove_entry,
)
from unionperf.services.upper.params_library_book import (
    LibraryImportRefused,
    export_library,
    import_library,
)

UPPER_CODE = "91350100M000100Y43"

ENTRY = LibraryEntry(
    id="district-volunteer-hours",
    name="区总工会统一考核的志愿服务时长",
    operator=Operator.GE,
    placements=(("产出指标", "数量指标"),),
    target=Decimal("200.5"),
    unit="小时",
    explanation="以志愿服务登记为准",
    basis=StandardBasis.PLAN,
    scope=Scope.PROJECT,
    expense=("501",),
)


@pytest.fixture
def upper(tmp_path) -> Iterator[Workspace]:
    workspace = Workspace.create(
        tmp_path / "upper",
        UnitProfile("某区总工会", UPPER_CODE, level=UnitLevel.UPPER),
        UPPER_PASSPHRASE,
    )
    yield workspace
    workspace.close()


def _held(workspace: Workspace) -> list[LibraryEntry]:
    library = params.parameters(workspace).library
    return list(library.entries) if library else []


def test_an_entry_added_starts_from_the_bundled_library(upper):
    bundled = default_library().entries
    library = add_entry(upper, ENTRY)
    assert [item.id for item in library.entries] == [*(item.id for item in bundled), ENTRY.id]
    assert _held(upper)[-1] == ENTRY
    assert params.parameters(upper).library is not None


def test_an_entry_is_changed_in_its_place_and_removed(upper):
    add_entry(upper, ENTRY)
    first = default_library().entries[0]
    changed = replace(first, name="举办职工文体活动次数", target=Decimal(20))
    change_entry(upper, first.id, changed)
    held = _held(upper)
    assert held[0] == changed
    assert len(held) == len(default_library().entries) + 1
    remove_entry(upper, ENTRY.id)
    assert ENTRY.id not in {item.id for item in _held(upper)}
    assert _held(upper)[0] == changed


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        (replace(ENTRY, name="  "), "请填写指标名称"),
        (replace(ENTRY, unit=""), "计量单位"),
        (replace(ENTRY, target=Decimal(-1)), "不小于0"),
        (replace(ENTRY, target=None), "请填写指标值"),
        (replace(ENTRY, placements=(("产出指标", "好看指标"),)), "产出指标 › 好看指标"),
        (replace(ENTRY, operator=Operator.QUALITATIVE, target_text=""), "定性指标"),
        (replace(ENTRY, name="举办职工文体活动场次"), "已有名为“举办职工文体活动场次”"),
        (replace(ENTRY, id="quantity-participants"), "已被“参与职工人次”使用"),
    ],
)
def test_a_wrong_entry_is_refused_and_nothing_is_saved(upper, wrong, words):
    add_entry(upper, replace(ENTRY, id="kept", name="保留的指标"))
    before = _held(upper)
    with pytest.raises(InputError) as raised:
        add_entry(upper, wrong)
    assert words in str(raised.value)
    assert _held(upper) == before


def test_an_unknown_entry_and_the_last_one_are_refused(upper, tmp_path):
    with pytest.raises(InputError, match="没有编号为“nothing”"):
        change_entry(upper, "nothing", ENTRY)
    with pytest.raises(InputError, match="没有编号为“nothing”"):
        remove_entry(upper, "nothing")
    book = tmp_path / "one.xlsx"
    export_library(upper, book)
    workbook = load_workbook(book)
    sheet = workbook["指标库"]
    sheet.delete_rows(3, sheet.max_row)
    workbook.save(book)
    [only] = import_library(upper, book).entries
    with pytest.raises(InputError, match="最后一条"):
        remove_entry(upper, only.id)
    assert [item.id for item in _held(upper)] == [only.id]


def test_the_workbook_imports_again_unchanged(upper, tmp_path):
    add_entry(upper, ENTRY)
    add_entry(
        upper,
        replace(
            ENTRY,
            id="upper-quality",
            name="活动方案审批合规",
            operator=Operator.QUALITATIVE,
            target=None,
            target_text="全部合规",
            unit="",
            placements=(("产出指标", "成本指标"), ("成本指标", "经济成本指标")),
        ),
    )
    before = _held(upper)
    book = export_library(upper, tmp_path / "指标库.xlsx")
    remove_entry(upper, ENTRY.id)
    imported = import_library(upper, book)
    assert list(imported.entries) == before
    assert _held(upper) == before


def test_a_wrong_workbook_is_refused_cell_by_cell(upper, tmp_path):
    add_entry(upper, ENTRY)
    before = _held(upper)
    book = export_library(upper, tmp_path / "指标库.xlsx")
    workbook = load_workbook(book)
    sheet = workbook["指标库"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(2, headers.index("计算符号") + 1, "大约")
    sheet.cell(3, headers.index("指标值") + 1, "很多")
    sheet.cell(4, headers.index("计量单位") + 1).value = None
    workbook.save(book)
    with pytest.raises(LibraryImportRefused) as raised:
        import_library(upper, book)
    problems = raised.value.details()
    assert problems[0].startswith("指标库!E2")
    assert "“大约”无效" in problems[0]
    assert problems[1].startswith("指标库!F3")
    assert problems[2].startswith("指标库!G4")
    assert _held(upper) == before
    broken = tmp_path / "不是工作簿.xlsx"
    broken.write_text("文字", encoding="utf-8")
    with pytest.raises(LibraryImportRefused, match="不是有效的 Excel"):
        import_library(upper, broken)


def test_the_parameter_package_carries_the_edited_library(upper, tmp_path: Path):
    from datetime import date  # noqa: PLC0415

    from unionperf.services.upper.params_edit import put_deadline  # noqa: PLC0415

    add_entry(upper, ENTRY)
    put_deadline(upper, 2025, "targets", date(2025, 1, 31))
    written = params.export_params(upper, tmp_path / "out", UPPER_PASSPHRASE)
    package = verify_package(written.path.read_bytes(), signing.public_key(upper))
    sent = package.params["library"]["entries"]
    assert sent[-1]["id"] == ENTRY.id
    assert sent[-1]["target"] == "200.5"
    assert len(sent) == len(default_library().entries) + 1
    assert package.params["deadlines"] == [{"year": 2025, "stage": "targets", "due": "2025-01-31"}]


def test_deadlines_are_added_changed_and_removed_one_by_one(upper):
    from datetime import date  # noqa: PLC0415

    from unionperf.services.upper.params_edit import put_deadline  # noqa: PLC0415

    put_deadline(upper, 2025, "targets", date(2025, 1, 31))
    put_deadline(upper, 2025, "self-evaluation", date(2026, 2, 28))
    with pytest.raises(InputError, match="2025年度绩效目标已有截止日期"):
        put_deadline(upper, 2025, "targets", date(2025, 2, 15))
    with pytest.raises(InputError, match="早于监控时点"):
        put_deadline(upper, 2025, "monitoring-2025-07-31", date(2025, 7, 1))
    with pytest.raises(InputError, match="应在2024年至2026年之间"):
        put_deadline(upper, 2025, "targets", date(2030, 1, 1))
    changed = put_deadline(upper, 2025, "targets", date(2025, 2, 15), was=(2025, "targets"))
    assert [(item.stage, item.due) for item in changed] == [
        ("targets", date(2025, 2, 15)),
        ("self-evaluation", date(2026, 2, 28)),
    ]
    left = put_deadline(upper, 2025, "targets", None)
    assert [item.stage for item in left] == ["self-evaluation"]
    assert params.parameters(upper).deadlines == left
