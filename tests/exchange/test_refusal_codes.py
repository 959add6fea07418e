"""Every refusal code the program can give is documented in docs/package-format.md."""

from __future__ import annotations

import re
from pathlib import Path

from tests.exchange.test_package_json_fuzz import documented_codes

SRC = Path(__file__).resolve().parents[2] / "src" / "unionperf"
RAISED = re.compile(r"(?:PackageError|BagError)\(\s*\"([a-z][a-z0-9-]*)\"")


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        codes.update(RAISED.findall(path.read_text(encoding="utf-8")))
    return codes


def test_codes_are_found_in_the_source():
    assert {"schema", "signature", "not-a-zip", "replay"} <= _codes_in_source()


def test_every_code_in_the_source_is_documented():
    assert _codes_in_source() - documented_codes() == set()


def test_every_new_refusal_of_issue_13_is_documented():
    expected = {"json-depth", "json-size", "limit", "evidence", "member-name", "version"}
    assert expected <= documented_codes()
