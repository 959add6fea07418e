"""The PostgreSQL driver as the self-test loads it: through SQLAlchemy's dialect, no server."""

from __future__ import annotations

import sys

import pytest

from unionperf.services.selftest import SelftestFailedError, SelftestRun, _postgresql_driver
from unionperf.store.postgresql_driver import load_postgresql_driver

psycopg = pytest.importorskip("psycopg")  # the dev environment has unionperf[postgresql]


def test_the_driver_loads_and_names_its_libpq():
    driver = load_postgresql_driver()
    assert driver is not None
    assert driver.psycopg == psycopg.__version__
    assert driver.implementation == psycopg.pq.__impl__
    major = psycopg.pq.version() // 10000
    assert driver.libpq.split(".")[0] == str(major)


def test_without_psycopg_the_driver_is_reported_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ModuleNotFoundError
    assert load_postgresql_driver() is None


def test_a_driver_that_cannot_load_its_library_is_an_error_not_a_missing_driver(monkeypatch):
    def no_libpq(*args, **kwargs):
        raise ImportError("no pq wrapper available")

    monkeypatch.setattr("unionperf.store.postgresql_driver.create_engine", no_libpq)
    with pytest.raises(ImportError, match="no pq wrapper"):
        load_postgresql_driver()


def test_the_selftest_line_names_psycopg_and_libpq():
    detail = _postgresql_driver()
    assert detail.startswith(f"psycopg {psycopg.__version__}（{psycopg.pq.__impl__}），libpq ")


def test_from_source_without_psycopg_the_check_says_it_is_optional(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    assert _postgresql_driver().startswith("未安装（可选")


def test_an_installed_package_without_psycopg_fails_the_check(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    run = SelftestRun(tmp_path)
    with pytest.raises(SelftestFailedError, match="安装包缺少 PostgreSQL 驱动（psycopg）"):
        run.run("加载 PostgreSQL 驱动（上级单位数据库）", _postgresql_driver)
