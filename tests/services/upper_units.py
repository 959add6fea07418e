"""Subordinate units made in memory for the upper level's tests: a key, a year, its packages.

Each unit is the demo year with its own name and credit code (and, when asked, other amounts),
signed with its own Ed25519 key by ``services.cycle.submit.data_package`` — the package format
of an export without forms and evidence, so tests need no unit workspace (whose key takes
seconds to make).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from unionperf.demo.data import demo_year
from unionperf.domain.credit_code import check_character
from unionperf.domain.year import Stage, YearData
from unionperf.exchange import bag, minisign
from unionperf.services.cycle.submit import Submission, data_package

YEAR = 2024


@dataclass
class SubUnit:
    """A subordinate unit: its code, name, key and year, and the packages it sent."""

    number: int
    code: str
    name: str
    key: Ed25519PrivateKey
    data: YearData
    sent: dict[str, Submission] = field(default_factory=dict)

    @property
    def public_key(self) -> minisign.PublicKey:
        """The unit's public key."""
        return minisign.public_key_of(self.key)

    @property
    def key_id(self) -> str:
        """The key id its paper sheet prints."""
        return self.public_key.key_id_hex

    def pub_file(self, folder: Path) -> Path:
        """Its ``.pub`` file, written into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.code}.pub"
        path.write_text(self.public_key.to_file(), encoding="utf-8")
        return path

    def send(self, stage: str, folder: Path) -> Path:
        """Its next package of the stage (the sequence follows the last one sent)."""
        previous = self.sent.get(stage)
        blob, meta = data_package(self.key, self.data, Stage.parse(stage), previous)
        path = folder / f"{self.code}_{YEAR}_{stage}_{meta['sequence']}.upkg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
        self.sent[stage] = Submission(
            YEAR,
            stage,
            int(meta["sequence"]),
            str(meta["package_id"]),
            bag.sha256(blob),
            path.name,
            str(meta["created_at"]),
            self.key_id,
        )
        return path


def unit_code(number: int) -> str:
    """A valid credit code for test unit ``number``."""
    body = f"91350100MA2X{number:05d}"
    return body + check_character(body)


def sub_unit(number: int, scale: Decimal = Decimal(1)) -> SubUnit:
    """Test unit ``number``: the demo year under its own name; amounts times ``scale``."""
    base = demo_year(YEAR)
    code, name = unit_code(number), f"测试单位{number:02d}工会"
    data = replace(base, unit=replace(base.unit, credit_code=code, name=name))
    if scale != 1:
        data = scaled(data, scale)
    seed = hashlib.sha256(f"test-unit-{number}".encode()).digest()
    return SubUnit(number, code, name, Ed25519PrivateKey.from_private_bytes(seed), data)


def scaled(data: YearData, factor: Decimal) -> YearData:
    """Every budget line and funding amount times ``factor`` (monitoring and results kept)."""
    return replace(
        data,
        budget=tuple(
            replace(
                line,
                last_year_actual=line.last_year_actual * factor,
                budget=line.budget * factor,
                adjustment=line.adjustment * factor,
                executed=line.executed * factor,
            )
            for line in data.budget
        ),
        projects=tuple(
            replace(
                project,
                funding=tuple(
                    replace(
                        item,
                        initial=item.initial * factor,
                        adjusted=item.adjusted * factor,
                        executed=item.executed * factor,
                    )
                    for item in project.funding
                ),
            )
            for project in data.projects
        ),
    )
