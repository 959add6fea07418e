"""The register as an Excel workbook: export, import back, refusals naming their cells."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.exchange.packages import upper_workspace
from tests.services.upper_units import sub_unit
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.register import list_unit, register, units
from unionperf.services.upper.register_book import (
    COLUMNS,
    RegisterImport,
    RegisterImportRefused,
    export_register,
    import_register,
)

HEADER = [column.title for column in COLUMNS]


@pytest.fixture
def upper(tmp_path) -> Iterator[Workspace]:
    workspace = upper_workspace(tmp_path / "upper")
    yield workspace
    workspace.close()


def _book(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "下级单位"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _summary(workspace: Workspace) -> list[tuple[str, str, str, str]]:
    return [(item.code, item.name, item.contact, item.key_id) for item in units(workspace)]


def _line(number: int) -> str:
    return sub_unit(number).public_key.to_file().splitlines()[1]


def test_an_exported_register_imports_into_another_workspace(upper, tmp_path):
    first, second = sub_unit(1), sub_unit(2)
    formula = '=HYPERLINK("x")'
    pub = first.pub_file(tmp_path)
    register(upper, pub, first.code, first.name, key_id=first.key_id, contact=formula)
    register(upper, second.pub_file(tmp_path), second.code, second.name, key_id=second.key_id)
    list_unit(upper, sub_unit(3).code, "名册上的单位", "待登记")
    path = export_register(upper, tmp_path / "登记表.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet["C2"].value == formula
    assert sheet["C2"].data_type == "s"  # text, never a formula
    with upper_workspace(tmp_path / "other") as other:
        done = import_register(other, path)
        assert done == RegisterImport(added=3, updated=0, keys_set=0, unchanged=0)
        assert _summary(other) == _summary(upper)
        assert import_register(other, path) == RegisterImport(0, 0, 0, 3)


def test_an_import_registers_keys_of_listed_units_and_updates_names(upper, tmp_path):
    unit = sub_unit(1)
    list_unit(upper, unit.code, "旧名称")
    path = _book(tmp_path / "in.xlsx", [[unit.name, unit.code, "张三", unit.key_id, _line(1)]])
    assert import_register(upper, path) == RegisterImport(0, 0, 1, 0)
    [held] = units(upper)
    assert (held.name, held.contact, held.key_id) == (unit.name, "张三", unit.key_id)


def test_every_problem_is_named_by_its_cell_and_nothing_is_saved(upper, tmp_path):
    registered, other = sub_unit(1), sub_unit(2)
    pub = registered.pub_file(tmp_path)
    register(upper, pub, registered.code, registered.name, key_id=registered.key_id)
    rows = [
        ["好单位", sub_unit(3).code, "", "", ""],  # fine: listed without a key
        ["坏代码", "91350100MA2X0000X0", "", "", ""],
        ["", sub_unit(4).code, "", "", ""],
        ["重复", sub_unit(3).code, "", "", ""],
        ["只有编号", sub_unit(5).code, "", sub_unit(5).key_id, ""],
        ["编号不符", sub_unit(6).code, "", other.key_id, _line(6)],
        ["无编号", sub_unit(7).code, "", "", _line(7)],
        ["占用公钥", sub_unit(8).code, "", registered.key_id, _line(1)],
        ["换公钥", registered.code, "", other.key_id, _line(2)],
        ["坏公钥", sub_unit(9).code, "", "1234", "abc"],
    ]
    path = _book(tmp_path / "bad.xlsx", rows)
    with pytest.raises(RegisterImportRefused) as caught:
        import_register(upper, path)
    problems = caught.value.problems
    expected = [
        "下级单位!B3：统一社会信用代码",
        "下级单位!A4：请填写单位名称",
        "下级单位!B5：统一社会信用代码 " + sub_unit(3).code + " 与第2行重复",
        "下级单位!E6：填写了密钥编号但没有公钥",
        "下级单位!D7：密钥编号 ",
        "下级单位!D8：请填写单位公钥登记表上的密钥编号",
        "下级单位!E11：公钥无效",
        "下级单位!第9行：该公钥已登记给单位 " + registered.code,
        "下级单位!第10行：单位 " + registered.code + " 已登记另一公钥",
    ]
    for fragment in expected:
        assert any(item.startswith(fragment) for item in problems), (fragment, problems)
    assert len(problems) == len(expected)
    assert str(caught.value).startswith("登记表未导入：发现9个问题，未保存任何修改。")
    assert [item.code for item in units(upper)] == [registered.code]


def test_a_file_that_is_not_a_workbook_or_lacks_columns_is_refused(upper, tmp_path):
    text = tmp_path / "register.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(RegisterImportRefused, match="不是有效的 Excel 工作簿"):
        import_register(upper, text)
    path = _book(tmp_path / "cols.xlsx", [["x", sub_unit(1).code]], header=["名称", "代码"])
    with pytest.raises(RegisterImportRefused, match="缺少列：单位名称、统一社会信用代码"):
        import_register(upper, path)
    assert units(upper) == []
