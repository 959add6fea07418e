"""Test helper: read PDFs back with poppler (pdftotext, pdffonts, pdfinfo)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from unionperf.forms.model import FormFamily
from unionperf.forms.pdf import write_pdf

TOOLS = ("pdftotext", "pdffonts", "pdfinfo")

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS),
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed",
)


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def write(tmp_path: Path, family: FormFamily) -> Path:
    """Write the family's PDF to ``tmp_path`` and return its path."""
    path = tmp_path / f"{family.key}.pdf"
    path.write_bytes(write_pdf(family))
    return path


def text(path: Path, *, first: int = 0, last: int = 0, mode: str = "-layout") -> str:
    """pdftotext output: ``-layout`` (page look) or ``-raw`` (drawing order)."""
    args = ["pdftotext", mode]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return _run(*args, str(path), "-")


def flat(value: str) -> str:
    """Without any white space: a cell's wrapped lines join up again."""
    return re.sub(r"\s+", "", value)


def raw_flat(path: Path) -> str:
    """The text in drawing order, white space removed: each cell's text appears whole."""
    return flat(text(path, mode="-raw"))


def footer(page: int, total: int) -> re.Pattern[str]:
    """The page footer "第 N 页 共 M 页" (pdftotext -layout may drop its spaces)."""
    return re.compile(rf"第\s*{page}\s*页\s*共\s*{total}\s*页")


def pages(path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.MULTILINE)
    assert match
    return int(match.group(1))


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    out = _run("pdfinfo", "-f", "1", "-l", str(pages(path)), str(path))
    return [
        (float(w), float(h))
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out, re.MULTILINE)
    ]


@dataclass(frozen=True)
class FontRow:
    name: str
    embedded: bool


def fonts(path: Path) -> list[FontRow]:
    """The rows of ``pdffonts``: font name and whether it is embedded."""
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    result = []
    for row in rows:
        parts = row.split()
        # name … emb sub uni object ID: "emb" is the fifth field from the right
        result.append(FontRow(parts[0], parts[-5] == "yes"))
    return result
