"""The first-run wizard makes an upper-level workspace on PostgreSQL (issue 15).

The profile page of an upper union has an optional database field: empty keeps the local SQLite
file; a PostgreSQL address is checked when Next is clicked, with the same checks and the same
sentence as ``unionperf init --database`` (one service function), and refused in the hint under
the field. The tests run against the throw-away cluster of ``tests/pg_cluster.py``.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy.engine import make_url

from tests.ui.test_first_run import PASSPHRASE, click, pick, type_into
from unionperf.cli import main
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.services.common.workspace import Workspace
from unionperf.store.database_settings import SETTINGS_NAME
from unionperf.ui import messages
from unionperf.ui.first_run import FirstRunWizard
from unionperf.ui.first_run_pages import GREY, RED, Page

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

UPPER = "福州市鼓楼区总工会"


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _parent, title, error: shown.append(f"{title}: {error}")
    )
    return shown


@pytest.fixture
def wizard(qtbot, tmp_path, errors):
    _ = errors
    made = FirstRunWizard(tmp_path / "UnionPerf" / "workspace")
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def _to_the_profile(qtbot, wizard: FirstRunWizard) -> None:
    pick(qtbot, wizard.workspace_page.upper_radio)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == Page.UNIT
    type_into(qtbot, wizard.unit_page.name, UPPER)


def test_an_upper_union_keeps_its_data_in_postgresql(qtbot, wizard, tmp_path, pg_empty_url, errors):
    _to_the_profile(qtbot, wizard)
    page = wizard.unit_page
    assert page.database.isVisible()
    assert page.database_hint.isVisible()
    type_into(qtbot, page.database, pg_empty_url)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == Page.PASSPHRASE
    type_into(qtbot, wizard.passphrase_page.first, PASSPHRASE)
    type_into(qtbot, wizard.passphrase_page.second, PASSPHRASE)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert errors == []
    assert wizard.currentId() == Page.KEY
    assert "PostgreSQL" in wizard.key_page.folder.text()
    folder = tmp_path / "UnionPerf" / "workspace"
    assert (folder / SETTINGS_NAME).is_file()
    assert not (folder / "unionperf.sqlite").exists()
    with Workspace.open(folder) as made:
        unit = made.unit()
        assert made.database_url is not None
        assert make_url(made.database_url) == make_url(pg_empty_url)
    assert unit is not None
    assert (unit.name, unit.level) == (UPPER, UnitLevel.UPPER)


def test_a_grassroots_union_has_no_database_field(qtbot, wizard):
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.unit_page
    assert not page.database.isVisible()
    page.database.setText("postgresql+psycopg://unionperf@db.example.cn/unionperf")
    assert page.database_url() is None  # hidden: never used for a grassroots union


def _used(tmp_path, request) -> str:
    url = request.getfixturevalue("pg_empty_url")
    profile = UnitProfile("某区总工会", "", level=UnitLevel.UPPER)
    Workspace.create(tmp_path / "another", profile, database=url).close()
    return url


def _no_driver(tmp_path, request) -> str:
    request.getfixturevalue("monkeypatch").setitem(sys.modules, "psycopg", None)
    return "postgresql+psycopg://unionperf@db.example.cn/unionperf"


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        (
            lambda *_: "postgresql+psycopg://unionperf:geheim@db.example.cn/unionperf",
            "不能包含密码",
        ),
        (lambda *_: "sqlite:///上级.sqlite", "须为 PostgreSQL"),
        (_used, "已是另一个工作区"),
        (
            lambda tmp_path, _r: f"postgresql+psycopg://nobody@/unionperf?host={tmp_path}",
            "无法连接",
        ),
        (_no_driver, "未安装 PostgreSQL 驱动"),
    ],
    ids=["password", "not-postgresql", "used", "unreachable", "no-driver"],
)
def test_a_refused_database_is_said_under_the_field_as_init_says_it(  # noqa: PLR0917 - fixtures
    qtbot, wizard, tmp_path, capsys, monkeypatch, request, errors, address, reason
):
    url = address(tmp_path, request)
    _to_the_profile(qtbot, wizard)
    page = wizard.unit_page
    type_into(qtbot, page.database, url)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == Page.UNIT
    shown = page.database_hint.text()
    assert reason in shown
    assert RED in page.database_hint.styleSheet()
    assert errors == []
    assert not (tmp_path / "UnionPerf").exists()  # nothing made

    monkeypatch.setenv("UNIONPERF_PASSPHRASE", "correct horse battery staple")
    capsys.readouterr()
    argv = ["init", "--workspace", str(tmp_path / "cli"), "--upper", UPPER, "--database", url]
    assert main(argv) == 2
    assert capsys.readouterr().err.strip().endswith("：" + shown)  # the very same sentence

    type_into(qtbot, page.database, "")  # editing the address clears the refusal
    assert GREY in page.database_hint.styleSheet()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # empty: the local SQLite file
    assert wizard.currentId() == Page.PASSPHRASE
