"""Fill-in import benchmark (issue 13): peak memory of importing the largest real workbook and
the worst ones that can be built under the import's limits (forms/fillin/limits.py).

Each workbook is imported by ``unionperf.services.cycle.fillin.import_template`` (what ``unionperf
import`` runs) into a copy of the large demo workspace, in a child process of its own, which
reports its peak resident memory (``VmHWM`` from /proc/self/status) at the end; the memory of
the child after opening the workspace and loading the year (before the import) is printed for
comparison. Target: every peak < 200 MB.

- ``large``: the large demo's own workbook (200 projects × 20 indicators, 12 points): 3.3 MB,
  40 MB decompressed, 594,659 cells. Imported unchanged (a no-op import).
- ``large_shared``: the same with its texts in a shared string table, as Excel saves it.
- ``long_texts``: the 监控 sheet replaced by rows of distinct 7,000-character texts in all 13
  columns, up to 90 % of the memory the cell values may hold (MAX_CONTENT_BYTES).
- ``many_numbers``: the 监控 sheet replaced by 100,000 rows (its row limit) × 13 distinct
  numbers, the most cells the limits let through together with the other sheets.
- ``short_texts``: the same with distinct short texts (each kept once, in a table of texts).
- ``many_new_rows``: 指标 with new indicator rows appended up to its row limit (20,000), each
  of which becomes an indicator before the weight check refuses the workbook.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2024
TARGET_MB = 200.0
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
Record = Callable[[str, float, float | None, float, str], None]


def bench_fillin(workspace_folder: Path, folder: Path, record: Record) -> None:
    """Export the large demo's workbook, build the worst ones, import each in a child process."""
    from unionperf.forms.fillin import limits  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.services.cycle.fillin import export_template  # noqa: PLC0415

    workspace = Workspace.open(workspace_folder)
    try:
        large = export_template(workspace, YEAR, folder / "large.xlsx").read_bytes()
        data = workspace.load_year(YEAR)
        project = data.projects[0]
        template = project.targets.indicators[0]
    finally:
        workspace.close()
    _describe(large)
    workbooks = {
        "large": large,
        "large_shared": _shared_strings(large),
        "long_texts": _replace_sheet(large, "监控", _long_texts(limits)),
        "many_numbers": _replace_sheet(large, "监控", _numbers(limits.row_limit("监控")[0], 13)),
        "short_texts": _replace_sheet(large, "监控", _short_texts(limits.row_limit("监控")[0], 13)),
        "many_new_rows": _append_indicators(
            large, limits.row_limit("指标")[0], project.name, template.level1, template.level2
        ),
    }
    for name, blob in workbooks.items():
        path = folder / f"{name}.xlsx"
        path.write_bytes(blob)
        copy = folder / f"ws-{name}"
        shutil.copytree(workspace_folder, copy)
        result = _child(copy, path)
        shutil.rmtree(copy)
        path.unlink()
        print(
            f"  fillin {name}: {len(blob) / 2**20:.1f} MB file, {result['seconds']:.1f} s, "
            f"before import {result['before_kb'] / 1024:.0f} MB, {result['outcome']}"
        )
        record(f"fillin_peak_{name}", result["peak_kb"] / 1024, None, TARGET_MB, "MB")


def _child(workspace: Path, path: Path) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, __file__, str(workspace), str(path)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def child(workspace_path: str, path: str) -> None:
    """In the child: open the workspace, import the workbook, print peak memory as JSON."""
    from unionperf.services.common.errors import ServiceError  # noqa: PLC0415
    from unionperf.services.common.workspace import Workspace  # noqa: PLC0415
    from unionperf.services.cycle.fillin import ImportRefused, import_template  # noqa: PLC0415

    workspace = Workspace.open(Path(workspace_path))
    try:
        workspace.load_year(YEAR)
        before = _status("VmRSS")
        started = time.perf_counter()
        try:
            report = import_template(workspace, YEAR, Path(path))
            outcome = f"imported: {report.summary()}"
        except ImportRefused as refused:
            first = refused.problems[0] if refused.problems else "?"
            outcome = f"refused ({len(refused.problems)} problems): {str(first)[:90]}"
        except ServiceError as error:
            outcome = f"not saved: {str(error)[:90]}"
        seconds = time.perf_counter() - started
    finally:
        workspace.close()
    result = {"peak_kb": _status("VmHWM"), "before_kb": before, "seconds": seconds}
    print(json.dumps({**result, "outcome": outcome}, ensure_ascii=False))


# -- building the workbooks -------------------------------------------------------------------


def _describe(blob: bytes) -> None:
    archive = zipfile.ZipFile(BytesIO(blob))
    members = archive.infolist()
    total = sum(info.file_size for info in members)
    largest = max(members, key=lambda info: info.file_size)
    print(
        f"  fillin large workbook: {len(blob) / 2**20:.1f} MB, {len(members)} members, "
        f"{total / 2**20:.1f} MB decompressed, largest {largest.filename} "
        f"{largest.file_size / 2**20:.1f} MB"
    )


def _sheet_path(blob: bytes, name: str) -> str:
    archive = zipfile.ZipFile(BytesIO(blob))
    workbook = archive.read("xl/workbook.xml").decode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    relation = re.search(rf'<sheet name="{name}"[^>]*r:id="(\w+)"', workbook)
    assert relation
    target = re.search(rf'Target="([^"]+)" Id="{relation.group(1)}"', rels)
    assert target
    return target.group(1).lstrip("/")


def _rezip(blob: bytes, changes: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(BytesIO(blob))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            target.writestr(info.filename, changes.get(info.filename, source.read(info.filename)))
        for name, content in changes.items():
            if name not in source.NameToInfo:
                target.writestr(name, content)
    return out.getvalue()


def _replace_sheet(blob: bytes, name: str, rows: list[str]) -> bytes:
    path = _sheet_path(blob, name)
    old = zipfile.ZipFile(BytesIO(blob)).read(path).decode()
    header = re.search(r'<row r="1".*?</row>', old, re.S)
    assert header
    body = "".join(rows)
    sheet = (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData>{header.group(0)}{body}</sheetData></worksheet>'
    )
    return _rezip(blob, {path: sheet.encode()})


def _cell(column: int, row: int, text: str) -> str:
    letter = chr(ord("A") + column - 1)
    return f'<c r="{letter}{row}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def _long_texts(limits: Any) -> list[str]:
    length = 7_000
    per_cell = sys.getsizeof("x" * length) + 8
    count = int(limits.MAX_CONTENT_BYTES * 0.9) // (per_cell * 13)
    rows = []
    for row in range(2, count + 2):
        cells = "".join(
            _cell(column, row, f"{row:06d}{column:02d}" + "x" * (length - 8))
            for column in range(1, 14)
        )
        rows.append(f'<row r="{row}">{cells}</row>')
    return rows


def _short_texts(count: int, columns: int) -> list[str]:
    rows = []
    for row in range(2, count + 1):
        cells = "".join(
            _cell(column, row, f"文{row:06d}-{column:02d}") for column in range(1, columns + 1)
        )
        rows.append(f'<row r="{row}">{cells}</row>')
    return rows


def _numbers(count: int, columns: int) -> list[str]:
    rows = []
    for row in range(2, count + 1):
        cells = "".join(
            f'<c r="{chr(ord("A") + column - 1)}{row}"><v>{row + column / 1000:.3f}</v></c>'
            for column in range(1, columns + 1)
        )
        rows.append(f'<row r="{row}">{cells}</row>')
    return rows


def _append_indicators(blob: bytes, last: int, owner: str, level1: str, level2: str) -> bytes:
    path = _sheet_path(blob, "指标")
    old = zipfile.ZipFile(BytesIO(blob)).read(path).decode()
    header = re.search(r'<row r="1".*?</row>', old, re.S)
    assert header
    titles = re.findall(r"<t>([^<]*)</t>", header.group(0))
    columns = {title: index for index, title in enumerate(titles, start=1)}
    first = int(re.findall(r'<row r="(\d+)"', old)[-1]) + 1
    rows = []
    for row in range(first, last + 1):
        values = {
            "项目名称": owner,
            "一级指标": level1,
            "二级指标": level2,
            "三级指标": f"新增指标{row:06d}",
            "指标性质": "≥",
            "指标值": "10",
            "计量单位": "次",
            "分值": "1",
        }
        cells = "".join(_cell(columns[title], row, text) for title, text in values.items())
        rows.append(f'<row r="{row}">{cells}</row>')
    sheet = old.replace("</sheetData>", "".join(rows) + "</sheetData>", 1)
    return _rezip(blob, {path: sheet.encode()})


def _shared_strings(blob: bytes) -> bytes:
    archive = zipfile.ZipFile(BytesIO(blob))
    table: dict[str, int] = {}
    inline = re.compile(r'<c r="([A-Z]+\d+)"([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>')

    def share(match: re.Match[str]) -> str:
        index = table.setdefault(match.group(3), len(table))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{index}</v></c>'

    changes: dict[str, bytes] = {}
    for info in archive.infolist():
        if info.filename.startswith("xl/worksheets/"):
            changes[info.filename] = inline.sub(
                share, archive.read(info.filename).decode()
            ).encode()
    items = "".join(f"<si><t>{text}</t></si>" for text in table)
    changes["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN_NS}">{items}</sst>'.encode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    relation = (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdStrings"/>'
    )
    changes["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", relation + "</Relationships>"
    ).encode()
    return _rezip(blob, changes)


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
