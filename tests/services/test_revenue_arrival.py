"""Revenue arrival through the SQLite store: bulk write, load, edit, audit, lock, cascade."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from unionperf.demo.data import demo_year
from unionperf.domain.revenue import RevenueArrival
from unionperf.services.common.stages import StageLockedError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing, locks


@pytest.fixture
def workspace(tmp_path):
    data = demo_year(2024)
    opened = Workspace.create(tmp_path / "ws", data.unit)
    editing.replace_year(opened, data)
    yield opened
    opened.close()


def test_the_demo_arrivals_are_stored_and_read_back_in_order(workspace):
    assert workspace.load_year(2024).arrivals == demo_year(2024).arrivals


def test_an_edit_is_saved_audited_and_read_back(workspace):
    # the demo's June point is signed off: an adjustment opens it again
    locks.open_adjustment(workspace, 2024, "monitoring-2024-06-30", "补录上级补助到账")
    late = next(
        item
        for item in workspace.load_year(2024).arrivals
        if (item.point_uid, item.category_code) == ("m2024-06-30", "403")
    )
    changed = replace(late, amount=D("25000.50"), received_on=date(2024, 6, 28), note="")
    editing.save_arrival(workspace, 2024, changed)
    held = workspace.load_year(2024).arrivals
    assert changed in held
    assert late not in held
    assert len(held) == 20
    with workspace.reading() as uow:
        entry = uow.audit.newest(limit=1)[0]
    assert (entry.action, entry.entity, entry.entity_uid) == (
        "save",
        "revenue_arrival",
        "m2024-06-30/403",
    )
    assert entry.changes["amount_fen"] == [1250000, 2500050]
    assert entry.changes["received_on"] == ["2024-03-15", "2024-06-28"]


def test_a_signed_off_point_refuses_a_change(workspace):
    arrival = RevenueArrival("m2024-09-30", "402", D(1))
    with pytest.raises(StageLockedError):
        editing.save_arrival(workspace, 2024, arrival)
    assert arrival not in workspace.load_year(2024).arrivals


def test_deleting_a_point_deletes_its_arrivals(tmp_path):
    data = demo_year(2024)
    data = replace(data, signoffs=())
    opened = Workspace.create(tmp_path / "ws2", data.unit)
    try:
        editing.replace_year(opened, data)
        editing.delete_point(opened, 2024, "m2024-07-31")
        left = {item.point_uid for item in opened.load_year(2024).arrivals}
        assert left == {"m2024-03-31", "m2024-06-30", "m2024-09-30"}
    finally:
        opened.close()


def test_a_first_entry_can_be_taken_back(workspace):
    locks.open_adjustment(workspace, 2024, "monitoring-2024-06-30", "补录")
    editing.save_arrival(workspace, 2024, RevenueArrival("m2024-06-30", "406", D(300)))
    assert RevenueArrival("m2024-06-30", "406", D(300)) in workspace.load_year(2024).arrivals
    editing.delete_arrival(workspace, "m2024-06-30", "406")
    assert len(workspace.load_year(2024).arrivals) == 20
    editing.delete_arrival(workspace, "m2024-06-30", "406")  # nothing held: no change, no error
    with workspace.reading() as uow:
        entry = uow.audit.newest(limit=1)[0]
    assert (entry.action, entry.entity_uid) == ("delete", "m2024-06-30/406")
    assert entry.changes["amount_fen"] == [30000, None]


def test_taking_back_an_entry_of_a_signed_point_is_refused(workspace):
    with pytest.raises(StageLockedError):
        editing.delete_arrival(workspace, "m2024-09-30", "402")
    assert len(workspace.load_year(2024).arrivals) == 20
