"""``unionperf init --upper NAME --database URL``: the upper level's store on PostgreSQL.

The URL is kept in the workspace folder's settings, never with a password; every command then
works on that database, and the SQLite backup commands say to use pg_dump instead.
"""

from __future__ import annotations

import json

from sqlalchemy.engine import make_url

from tests.exchange.packages import UPPER_PASSPHRASE
from tests.services.upper_units import sub_unit, unit_code
from unionperf.cli import main

YEAR = "2024"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_upper_workspace_on_postgresql_serves_every_command(
    tmp_path, capsys, monkeypatch, pg_empty_url
):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    up = str(tmp_path / "upper")
    code, out, err = _run(
        capsys, "init", "--workspace", up, "--upper", "某市总工会", "--database", pg_empty_url
    )
    assert code == 0, err
    assert "PostgreSQL" in out
    settings = json.loads((tmp_path / "upper" / "unionperf-database.json").read_text("utf-8"))
    assert make_url(settings["url"]) == make_url(pg_empty_url)
    assert not (tmp_path / "upper" / "unionperf.sqlite").exists()

    unit = sub_unit(1)
    pub = unit.pub_file(tmp_path / "keys")
    code, _, err = _run(
        capsys,
        "register",
        "--workspace",
        up,
        "--key",
        str(pub),
        "--key-id",
        unit.key_id,
        "--unit-code",
        unit.code,
        "--name",
        unit.name,
    )
    assert code == 0, err
    unit.send("targets", tmp_path / "in")
    unit.send("targets", tmp_path / "in")
    code, out, err = _run(
        capsys, "receive", "--workspace", up, "--json", "--workers", "2", str(tmp_path / "in")
    )
    assert code == 0, err
    kinds = [item["kind"] for item in json.loads(out)["packages"]]
    assert kinds == ["received", "superseded"]
    code, out, err = _run(capsys, "board", "--workspace", up, "--year", YEAR, "--json")
    assert code == 0, err
    board = json.loads(out)
    assert [(item["code"], item["sequence"]) for item in board["units"]] == [(unit.code, 2)]
    assert not (tmp_path / "upper" / "unionperf.sqlite").exists()  # nothing fell back to SQLite

    for command in (["backup"], ["backups"], ["restore", "x.sqlite"]):
        code, _, err = _run(capsys, *command, "--workspace", up)
        assert code == 2
        assert "pg_dump" in err
        assert "pg_restore" in err


def test_a_url_with_a_password_is_refused_and_nothing_is_made(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    url = "postgresql+psycopg://unionperf:secret@db.example/unionperf"
    code, _, err = _run(
        capsys, "init", "--workspace", str(tmp_path / "u"), "--upper", "某总工会", "--database", url
    )
    assert code == 2
    assert "不能包含密码" in err
    assert ".pgpass" in err
    assert "PGPASSWORD" in err
    assert "secret" not in err
    assert not (tmp_path / "u").exists()


def test_a_grassroots_workspace_stays_on_sqlite(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    url = "postgresql+psycopg://unionperf@db.example/unionperf"
    code, _, err = _run(
        capsys,
        "init",
        "--workspace",
        str(tmp_path / "u"),
        "--name",
        "某基层工会",
        "--credit-code",
        unit_code(5),
        "--database",
        url,
    )
    assert code == 2
    assert "只有上级工会工作区" in err
    assert not (tmp_path / "u").exists()


def test_a_database_that_is_not_postgresql_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, _, err = _run(
        capsys, "init", "--workspace", str(tmp_path / "u"), "--upper", "某总工会", "--database", url
    )
    assert code == 2
    assert "须为 PostgreSQL" in err
    assert not (tmp_path / "u").exists()
