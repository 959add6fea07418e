"""Evidence attachments travel in the package of their stage, checked against their hash."""

from __future__ import annotations

import zipfile

import pytest

from unionperf.services.common.errors import InputError, ServiceError
from unionperf.services.cycle import evidence
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.submit import export_package


@pytest.fixture
def workspace(tmp_path):
    opened = create_demo(tmp_path / "ws")
    yield opened
    opened.close()


def test_attached_file_is_in_the_stage_package(workspace, tmp_path):
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(b"%PDF-1.4 sign-in sheet")
    item = evidence.attach(
        workspace, 2024, "p2024-01", "self-evaluation", source=scan, description="活动签到表"
    )
    result = export_package(workspace, 2024, "self-evaluation", tmp_path / "out", "demo")
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
        assert f"data/evidence/p2024-01/{item.stored_name}" in names
        assert archive.read(f"data/evidence/p2024-01/{item.stored_name}") == scan.read_bytes()
    targets = export_package(workspace, 2024, "targets", tmp_path / "out", "demo")
    with zipfile.ZipFile(targets.path) as archive:
        assert not any(name.startswith("data/evidence/") for name in archive.namelist())


def test_evidence_changed_after_attaching_blocks_export(workspace, tmp_path):
    scan = tmp_path / "photo.jpg"
    scan.write_bytes(b"\xff\xd8 original")
    item = evidence.attach(workspace, 2024, "unit", "self-evaluation", source=scan)
    (workspace.paths.evidence / item.stored_name).write_bytes(b"\xff\xd8 changed")
    with pytest.raises(ServiceError, match="被改动"):
        export_package(workspace, 2024, "self-evaluation", tmp_path / "out", "demo")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_unknown_project_or_stage_is_refused(workspace, tmp_path):
    scan = tmp_path / "a.txt"
    scan.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="没有项目"):
        evidence.attach(workspace, 2024, "nope", "self-evaluation", source=scan)
    with pytest.raises(InputError, match="监控时点"):
        evidence.attach(workspace, 2024, "unit", "monitoring-2024-05-31", source=scan)
    assert evidence.listing(workspace, 2024) == []
