"""The guidance built into each step (issue 12; product.md §8, seed §三.5 on training).

Each of the six steps has a short plain-Chinese text in ``resources/guidance/<step>.md``: what
the step is for, what the upper level checks, and the rule it comes from (文号 and article of
总工办发〔2019〕25号). The regulation itself is bundled beside them, so the window can show the
original and a test can check every article cited against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unionperf.resources import resource_path
from unionperf.services.common.errors import ServiceError

__all__ = [
    "REGULATION",
    "STEPS",
    "Article",
    "Guidance",
    "GuidanceError",
    "articles_of",
    "cited_articles",
    "guidance_for",
    "regulation_text",
]

STEPS = ("unit", "budget", "targets", "monitoring", "evaluation", "submit")
"""The steps with guidance, as :class:`unionperf.domain.cycle.Step` spells them."""
REGULATION = "总工办发〔2019〕25号"
"""The 文号 of the regulation every step's guidance cites."""
_REGULATION_FILE = "zgbf-2019-25.txt"

_PART = re.compile(r"^([一二三四五])、(\S+?)$")
_SECTION = re.compile(r"^（([一二三四五])）")
_ITEM = re.compile(r"^(\d+)\. ?(.+?)。")
_CITATION = re.compile(r"([一二三四五])、(?:（([一二三四五])）)?(\d+)?“([^”]+)”")


class GuidanceError(ServiceError):
    """A guidance text is missing or unreadable (a broken installation)."""


@dataclass(frozen=True, slots=True)
class Guidance:
    """One step's guidance: its title, a one-sentence summary and the whole text (Markdown)."""

    step: str
    title: str
    summary: str
    markdown: str


@dataclass(frozen=True, slots=True)
class Article:
    """A place in the regulation: part 二, section （二）, item 5, titled 加强绩效目标管理."""

    part: str
    section: str
    item: str
    title: str


def _read(name: str) -> str:
    path = resource_path("guidance", name)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise GuidanceError(f"找不到说明文件 {path}，请重新安装本软件") from error


def guidance_for(step: str) -> Guidance:
    """The guidance of a step (``unit`` … ``submit``)."""
    if step not in STEPS:
        raise GuidanceError(f"第“{step}”步没有说明")
    text = _read(f"{step}.md")
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), "")
    summary = next((line[2:].strip() for line in text.splitlines() if line.startswith("> ")), "")
    return Guidance(step, title, summary, text)


def regulation_text() -> str:
    """The full text of 总工办发〔2019〕25号 as forwarded by 沪工总财〔2020〕156号."""
    return _read(_REGULATION_FILE)


def articles_of(text: str) -> set[Article]:
    """Every part heading (一、主要目标) and numbered item (5. 加强绩效目标管理) of the text."""
    found: set[Article] = set()
    part = section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if heading := _PART.match(line):
            part, section = heading[1], ""
            found.add(Article(part, "", "", heading[2]))
        elif opened := _SECTION.match(line):
            section = opened[1]
        elif (item := _ITEM.match(line)) and part:
            found.add(Article(part, section, item[1], item[2]))
    return found


def cited_articles(markdown: str) -> list[Article]:
    """The articles a guidance text cites: 二、（二）5“加强绩效目标管理” or 一、“主要目标”."""
    return [
        Article(match[1], match[2] or "", match[3] or "", match[4])
        for match in _CITATION.finditer(markdown)
    ]
