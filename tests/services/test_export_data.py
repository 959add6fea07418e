"""Export's data part: the package without forms; data.json the codec's bytes.

The export builds the year and data.json with the automatic garbage collector paused (issue 17,
docs/performance.md "Export"); these tests pin that the bytes do not depend on it and that the
collector is left as it was found.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.exchange.packages import PASSPHRASE, YEAR, copy_workspace, demo_unit, members
from unionperf.domain.year import Stage
from unionperf.exchange import bag
from unionperf.exchange.codec import for_stage
from unionperf.exchange.codec_write import year_to_json
from unionperf.exchange.package import DATA_JSON, PACKAGE_JSON, dumps, verify_package
from unionperf.services.common import signing
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.submit import export_package

STAGE = "self-evaluation"


@pytest.fixture
def workspace(tmp_path_factory, tmp_path) -> Iterator[Workspace]:
    """A copy of the session's demo unit, open."""
    unit = demo_unit(tmp_path_factory)
    opened = Workspace.open(copy_workspace(unit.workspace, tmp_path / "unit"))
    try:
        yield opened
    finally:
        opened.close()


def _manifest(files: dict[str, bytes]) -> dict[str, str]:
    lines = files[bag.MANIFEST].decode("utf-8").splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines)}


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Automatic collection on (a window test may have left it off), as it was after."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


def test_data_json_is_the_codecs_bytes_with_the_collector_on(workspace, tmp_path, collector_on):
    data = workspace.load_year(YEAR)
    expected = dumps(year_to_json(for_stage(data, Stage.parse(STAGE))), compact=True)

    exported = export_package(workspace, YEAR, STAGE, tmp_path / "out", PASSPHRASE)

    files = members(exported.path.read_bytes())
    assert files[DATA_JSON] == expected
    assert _manifest(files)[DATA_JSON] == bag.sha256(expected)


def test_without_forms_every_other_member_is_the_same(workspace, tmp_path):
    full = members(
        export_package(workspace, YEAR, STAGE, tmp_path / "full", PASSPHRASE).path.read_bytes()
    )
    result = export_package(workspace, YEAR, STAGE, tmp_path / "data", PASSPHRASE, forms=False)
    blob = result.path.read_bytes()
    data_only = members(blob)

    forms = {name for name in full if name.startswith("data/forms/")}
    assert forms  # the full package has its forms
    assert set(data_only) == set(full) - forms
    # What depends on the submission (its id, time and sequence) differs; the data does not.
    per_submission = {PACKAGE_JSON, "bag-info.txt", bag.MANIFEST, bag.TAGMANIFEST, bag.SIGNATURE}
    for name in set(data_only) - per_submission:
        assert data_only[name] == full[name], name
    manifest = _manifest(data_only)
    full_manifest = _manifest(full)
    assert set(manifest) == set(full_manifest) - forms
    assert manifest[DATA_JSON] == full_manifest[DATA_JSON]
    verified = verify_package(blob, signing.public_key(workspace))
    assert verified.trusted
    assert verified.data == for_stage(workspace.load_year(YEAR), Stage.parse(STAGE))


@pytest.mark.parametrize("enabled", [True, False])
def test_export_leaves_the_collector_as_it_found_it(
    workspace, tmp_path: Path, collector_on, enabled
):
    if not enabled:
        gc.disable()
    export_package(workspace, YEAR, STAGE, tmp_path / "out", PASSPHRASE, forms=False)
    assert gc.isenabled() is enabled
