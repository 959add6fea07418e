"""绩效信息公开 (seed 三、3): what of a year may be published, with no personal data.

The disclosure sheet goes to the members' assembly and the union's notice board. It carries the
unit's name and its 统一社会信用代码 (a public registration code, printed on the union's legal
person certificate and looked up by anyone in the national registry), the budget by category,
each project's goal, score and grade, and what changes next year. It never carries a person:
not the projects' responsible persons, the accountant, the chair or the audit chair, the names
of those who signed, phone numbers or the address. Goals and improvement texts are written by
the unit and may mention people; every name the year knows, every phone number and every
identity-card number found in them is masked before printing (:func:`mask_personal_data`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unionperf.domain.budget import UNIT_OWNER, TargetSet
from unionperf.domain.year import YearData

MASK = "××"
"""What a masked name, phone number or identity number is printed as."""

_PHONE = re.compile(
    r"(?<![0-9])(?:1[3-9][0-9]{9}|0[0-9]{2,3}[-－ ]?[0-9]{7,8}(?:[-－][0-9]{1,5})?)(?![0-9])"
)
"""A mobile number (11 digits, 13x–19x) or a fixed line with its area code (021-58881201)."""
_IDENTITY = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
"""An 18-character resident identity card number."""
_SHORTEST_NAME = 2
"""A one-character "name" would mask ordinary words: names shorter than this are not sought."""


@dataclass(frozen=True, slots=True)
class Masked:
    """A text ready for publication and how many personal details were masked in it."""

    text: str
    count: int


def people_of(data: YearData) -> tuple[str, ...]:
    """Every person's name the year holds: responsible persons, the unit's officers, signers.

    Longest first, so that a full name is masked before a shorter name inside it.
    """
    unit = data.unit
    names = {
        unit.accountant,
        unit.chair,
        unit.audit_chair,
        *(project.responsible for project in data.projects),
        *(signoff.name for signoff in data.signoffs),
    }
    found = {name.strip() for name in names if len(name.strip()) >= _SHORTEST_NAME}
    return tuple(sorted(found, key=lambda name: (-len(name), name)))


def mask_personal_data(text: str, people: tuple[str, ...]) -> Masked:
    """``text`` with each known name, phone number and identity number replaced by ``××``."""
    count = 0
    for pattern in (_IDENTITY, _PHONE):
        text, found = pattern.subn(MASK, text)
        count += found
    for name in people:
        found = text.count(name)
        if found:
            text = text.replace(name, MASK)
            count += found
    return Masked(text, count)


def improvements_of(data: YearData, targets: TargetSet) -> str:
    """What changes next year for a project or the unit, as its self-evaluation says it.

    The 改进措施 written against its indicators, in the targets' order, each once; when none
    was written (every indicator scored its full points), the evaluation's 结果应用 text; else
    an empty text.
    """
    evaluation = data.evaluation_of(targets.owner_uid or UNIT_OWNER)
    order = {indicator.uid: index for index, indicator in enumerate(targets.indicators)}
    results = sorted(evaluation.results, key=lambda item: order.get(item.indicator_uid, len(order)))
    texts = list(dict.fromkeys(item.improvement.strip() for item in results))
    texts = [item for item in texts if item]
    if texts:
        return "；".join(item.rstrip("。；;") for item in texts) + "。"
    return evaluation.result_application.strip()
