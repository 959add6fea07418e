"""The schemas the app loads are exactly the documented ones in docs/schemas/."""

from __future__ import annotations

from pathlib import Path

import pytest

DOCS = Path(__file__).parents[2] / "docs" / "schemas"
PACKAGED = Path(__file__).parents[2] / "src" / "unionperf" / "exchange" / "schemas"


@pytest.mark.parametrize(
    "name",
    [
        "package.schema.json",
        "data.schema.json",
        "feedback.schema.json",
        "announcements.schema.json",
        "params.schema.json",
    ],
)
def test_packaged_schema_equals_documented_schema(name):
    assert (PACKAGED / name).read_bytes() == (DOCS / name).read_bytes()
