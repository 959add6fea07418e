"""The support copy: it opens, shows the same problems and scores, and holds none of the data.

The demo workspace is given problems in both years (a missing responsible person, a duplicate
name, a vague target, explanations), an evidence file with a name and content of its own, and
people's names; the copy must reproduce the problem codes on the same items and the same grades
and execution rates, and none of the original strings may appear in any byte of what it holds.
"""

from __future__ import annotations

import dataclasses
import io
import sqlite3
import tempfile
import typing
import zipfile
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest

from unionperf.cli import main
from unionperf.demo.data import demo_years
from unionperf.domain.anonymise import TEXT_FIELDS, fingerprint
from unionperf.domain.budget import BudgetLine, FundingLine
from unionperf.domain.indicators import IndicatorKind
from unionperf.domain.validation.evaluation_rules import is_boilerplate
from unionperf.domain.year import Explanation, YearData
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing, evidence
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.support_export import (
    ACTOR,
    FALLBACK_FACTOR,
    choose_anonymiser,
    support_export,
)

SECRET_CONTENT = "内部资料：张三的报销单 SECRET-EVIDENCE-2024".encode()
SECRET_FILE = "张三报销单（原件扫描）.pdf"
SECRET_EXPLANATION = "负责人李四同志借调到市总工会，暂缺"


def _with_problems(data: YearData) -> YearData:
    """The year with soft and hard problems and texts of its own."""
    first, second, *rest = data.projects
    indicators = tuple(
        dataclasses.replace(item, target_text="进一步提高服务水平")
        if item.kind is IndicatorKind.QUALITATIVE
        else item
        for item in second.targets.indicators
    )
    second = dataclasses.replace(
        second,
        name=f"  {first.name} ",
        targets=dataclasses.replace(second.targets, indicators=indicators),
    )
    first = dataclasses.replace(first, responsible="")
    key = f"P007|project|{first.uid}||responsible"
    return dataclasses.replace(
        data,
        projects=(first, second, *rest),
        explanations=(*data.explanations, Explanation(key, SECRET_EXPLANATION)),
    )


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("support") / "demo"
    with create_demo(path) as workspace:
        for data in workspace.years():
            editing.replace_year(workspace, _with_problems(workspace.load_year(data)))
        source = path.parent / SECRET_FILE
        source.write_bytes(SECRET_CONTENT)
        project = workspace.load_year(2024).projects[0].uid
        evidence.attach(workspace, 2024, project, "targets", source=source, description="张三经手")
        source.unlink()
    workspace = Workspace.open(path, writer=False)
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def copy(original, tmp_path_factory):
    out = tmp_path_factory.mktemp("support-out") / "support.zip"
    result = support_export(original, out)
    folder = out.parent / "opened"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(folder)
    return result, out, folder


def _strings(value: typing.Any) -> set[str]:
    """Every text the user typed, anywhere in a unit profile or a year (the tables' fields)."""
    found: set[str] = set()
    if isinstance(value, tuple):
        for item in value:
            found |= _strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        typed = TEXT_FIELDS.get(type(value), {})
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if field.name in typed or field.name == "credit_code":
                found.add(item.strip())
            else:
                found |= _strings(item)
    return {text for text in found if len(text) >= 2 and not is_boilerplate(text)}


def test_the_problems_are_there_to_reproduce(original):
    for year in original.years():
        codes = {key.split("|")[0] for key in fingerprint(original.load_year(year))[0]}
        assert {"P002", "P007"} <= codes


def test_the_copy_opens_and_reproduces_problems_and_scores(original, copy):
    result, _out, folder = copy
    assert result.years == tuple(original.years())
    assert result.differing == ()
    with Workspace.open(folder, writer=False) as opened:
        assert opened.years() == original.years()
        for year in original.years():
            mine, theirs = original.load_year(year), opened.load_year(year)
            assert fingerprint(theirs) == fingerprint(mine)
            grades = [
                (p.project.uid, p.score.grade, p.score.execution.rate)
                for p in opened.score(year).projects
            ]
            assert grades == [
                (p.project.uid, p.score.grade, p.score.execution.rate)
                for p in original.score(year).projects
            ]
            assert theirs.explanations
        assert opened.audit_breaks() == []


def test_amounts_are_scaled_by_one_factor_to_fen(original, copy):
    _result, _out, folder = copy
    with Workspace.open(folder, writer=False) as opened:
        mine, theirs = original.load_year(2024), opened.load_year(2024)
    ratios = {
        (new.budget / old.budget).quantize(Decimal("0.01"))
        for old, new in zip(mine.budget, theirs.budget, strict=True)
        if old.budget >= 1000
    }
    assert len(ratios) == 1
    [factor] = ratios
    assert Decimal("1.10") <= factor < 3
    for line in theirs.budget:
        assert line.budget == line.budget.quantize(Decimal("0.01"))


def test_check_gives_the_same_exit_and_codes(original, copy, capsys):
    _result, _out, folder = copy
    for year in ("2023", "2024"):
        capsys.readouterr()
        code = main(["check", "--workspace", str(original.paths.root), "--year", year])
        before = sorted(line.split(" ")[0] for line in capsys.readouterr().out.splitlines()[:-1])
        assert main(["check", "--workspace", str(folder), "--year", year]) == code
        after = sorted(line.split(" ")[0] for line in capsys.readouterr().out.splitlines()[:-1])
        assert after == before


def _secrets(original: Workspace) -> set[str]:
    found = _strings(original.unit())
    for year in original.years():
        found |= _strings(original.load_year(year))
    found |= {SECRET_FILE, SECRET_FILE.removesuffix(".pdf"), "张三经手", SECRET_EXPLANATION}
    assert len(found) > 50
    return found


def _leaks(out: Path, secrets: set[str]) -> list[tuple[str, int, str]]:
    """Where a secret is found: (member, offset, secret); ``<zip>`` is the archive's own bytes.

    The database's bytes are searched for every text with a character outside ASCII; an ASCII
    text (a project code such as GH2024-06, a phone, the credit code) is looked for in the
    database's values instead: a stored integer's bytes next to a kept date can spell one (the
    amount 477000 分 is ``07 47 48``, "\\x07GH", before an arrival's date 2024-06-21). The
    database is compacted (no free page, no overwritten cell), so its values are all it holds.
    UTF-16 is looked for only in texts of four characters or more (shorter ones match by chance).
    """
    blobs = {"<zip>": out.read_bytes()}
    with zipfile.ZipFile(out) as archive:
        blobs |= {name: archive.read(name) for name in archive.namelist()}
        blobs["<names>"] = "\n".join(archive.namelist()).encode()
    found = []
    for text in sorted(secrets):
        patterns = [text.encode("utf-8")]
        if len(text) >= 4:
            patterns.append(text.encode("utf-16-le"))
        for member, blob in blobs.items():
            if member in ("unionperf.sqlite", "<zip>") and text.isascii():
                continue
            for pattern in patterns:
                at = blob.find(pattern)
                if at >= 0:
                    found.append((member, at, text))
    with tempfile.TemporaryDirectory() as scratch:
        with zipfile.ZipFile(out) as archive:
            database = Path(archive.extract("unionperf.sqlite", scratch))
        with closing(sqlite3.connect(database)) as db:
            tables = [
                row[0] for row in db.execute("select name from sqlite_master where type='table'")
            ]
            for table in tables:
                for row in db.execute(f'select * from "{table}"'):
                    for value in row:
                        hits = [t for t in secrets if isinstance(value, str) and t in value]
                        found += [(f"unionperf.sqlite:{table}", -1, text) for text in hits]
    return found


def test_no_original_text_appears_in_any_byte(original, copy):
    _result, out, _folder = copy
    blobs = [out.read_bytes()]
    with zipfile.ZipFile(out) as archive:
        blobs += [archive.read(name) for name in archive.namelist()]
    assert _leaks(out, _secrets(original)) == []
    assert not any(SECRET_CONTENT in blob or b"SECRET-EVIDENCE" in blob for blob in blobs)


def test_an_amount_whose_bytes_spell_a_code_is_no_leak(original, tmp_path):
    """×1.59 makes 3000.00 元 477000 分, stored as 07 47 48 ("\\x07GH") before "2024-06-21"."""
    out = support_export(original, tmp_path / "x.zip", draw=lambda: Decimal("1.59")).path
    with zipfile.ZipFile(out) as archive:
        raw = archive.read("unionperf.sqlite")
    assert b"GH2024-06" in raw  # the coincidence is there...
    assert _leaks(out, _secrets(original)) == []  # ...and no text of the original


def test_the_database_is_compacted_in_one_file(copy):
    _result, out, _folder = copy
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        header = archive.read("unionperf.sqlite")[:100]
    assert not [name for name in names if name.startswith("unionperf.sqlite-")]
    assert header[18:20] == bytes([1, 1])  # rollback journal, not WAL: no -wal file is needed
    assert int.from_bytes(header[36:40], "big") == 0  # no free page


def test_evidence_is_kept_as_placeholders(original, copy):
    result, _out, folder = copy
    assert result.evidence == 1
    with Workspace.open(folder, writer=False) as opened:
        [item] = evidence.listing(opened, 2024)
        [kept] = evidence.listing(original, 2024)
        assert (item.owner_uid, item.stage) == (kept.owner_uid, kept.stage)
        assert item.filename == "佐证材料1.pdf"
        assert (opened.paths.evidence / item.stored_name).read_bytes().startswith("匿名".encode())


def test_the_copy_names_no_login_and_explains_itself(copy):
    _result, out, folder = copy
    with sqlite3.connect(folder / "unionperf.sqlite") as db:
        actors = {row[0] for row in db.execute("select distinct actor from audit_log")}
    assert actors == {ACTOR}
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        note = archive.read("说明.txt").decode("utf-8")
    assert "unionperf.sqlite" in names
    assert not [name for name in names if name.startswith(("keys", "backups", "logs"))]
    assert "与原数据一致" in note


def _rounding_trap() -> YearData:
    """Three projects of 0.01 in a category of 0.03: ×1.5 rounds them to 0.02 each, past 0.04."""
    data = demo_years()[1]
    first = data.projects[0]
    source = first.funding[0].source
    cent = Decimal("0.01")
    projects = tuple(
        dataclasses.replace(
            p, category_code=first.category_code, funding=(FundingLine(source, cent, cent),)
        )
        for p in data.projects[:3]
    )
    budget = tuple(
        BudgetLine(line.category_code, budget=Decimal("0.03"))
        if line.category_code == first.category_code
        else line
        for line in data.budget
    )
    return dataclasses.replace(data, projects=projects, budget=budget)


def test_a_factor_that_moves_a_problem_is_drawn_again_then_an_exact_one_is_used():
    trap = _rounding_trap()
    draws = iter([Decimal("1.5"), Decimal("1.5"), Decimal(2)])
    assert choose_anonymiser([trap], lambda: next(draws)).factor == 2
    assert choose_anonymiser([trap], lambda: Decimal("1.5")).factor == FALLBACK_FACTOR
    assert fingerprint(choose_anonymiser([trap], lambda: Decimal("1.5")).year(trap)) == fingerprint(
        trap
    )


def test_a_folder_as_out_gets_the_default_name(original, tmp_path):
    result = support_export(original, tmp_path)
    assert result.path.parent == tmp_path
    assert result.path.name.startswith("匿名支持数据_")
    assert zipfile.is_zipfile(io.BytesIO(result.path.read_bytes()))


def test_the_command_line_writes_the_copy(original, tmp_path, capsys):
    out = tmp_path / "x.zip"
    capsys.readouterr()
    assert main(["support-export", "--workspace", str(original.paths.root), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert str(out) in printed
    assert "与原数据一致" in printed
    assert zipfile.is_zipfile(out)
    assert not Path(f"{out}.part").exists()
