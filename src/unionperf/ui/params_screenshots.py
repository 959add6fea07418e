"""Screenshots of 参数下发 at the unit (``make screenshots``): the key, the package, the deadlines.

A district union made in a temporary folder sets a library (one indicator added, one changed),
a rule setting and two deadlines of the next year and exports its parameter package; the demo
unit starts that year, imports the district's key (its id typed as off the sheet), sees what the
package changes, applies it, and the window shows the deadlines counted from 3 July of that year.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QWidget

from unionperf.domain.cycle import Step
from unionperf.domain.settings import RuleSettings
from unionperf.domain.unit import UnitLevel, UnitProfile
from unionperf.resources import resource_path
from unionperf.services.common import signing
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle import editing
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.feedback import read_upper_key, trust_upper
from unionperf.services.cycle.params import preview_params
from unionperf.services.inbox.receive import receive
from unionperf.services.upper import params
from unionperf.ui.deadlines import refresh_deadlines
from unionperf.ui.main_window import MainWindow
from unionperf.ui.params_dialog import ParamsDialog
from unionperf.ui.steps.unit.keys_box import UpperKeyDialog

__all__ = ["grab_params"]

Grab = Callable[[QWidget, Path], Path]
YEAR = 2025
PASSPHRASE = "某区总工会的签名口令要够长"
DISTRICT = UnitProfile("某区总工会", "91350100M000100Y43", level=UnitLevel.UPPER)


def _district_package(folder: Path) -> tuple[Path, Path]:
    """The district's parameter package and public key file."""
    with Workspace.create(folder / "district", DISTRICT, PASSPHRASE) as district:
        bundled = json.loads(
            resource_path("indicators", "library.json").read_text(encoding="utf-8")
        )
        entries = list(bundled["entries"])
        entries[9] = {**entries[9], "target": "30"}
        entries.append(
            {
                **entries[0],
                "id": "district-volunteer-hours",
                "name": "区总工会统一考核的志愿服务时长",
                "target": "200",
                "unit": "小时",
            }
        )
        documents = {
            "library.json": {**bundled, "title": "某区总工会指标库", "entries": entries},
            "settings.json": replace(RuleSettings(), lag_points=Decimal(15)).to_json(),
            "deadlines.json": [
                {"year": YEAR, "stage": "targets", "due": f"{YEAR}-01-31"},
                {"year": YEAR, "stage": f"monitoring-{YEAR}-06-30", "due": f"{YEAR}-07-15"},
            ],
        }
        for name, document in documents.items():
            (folder / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        params.set_library(district, folder / "library.json")
        params.set_settings(district, folder / "settings.json")
        params.set_deadlines(district, folder / "deadlines.json")
        made = params.export_params(district, folder / "out", PASSPHRASE, "请按新指标库编制")
        pub = signing.export_public_key(district, folder / "out" / "某区总工会公钥.pub")
    return made.path, pub


def grab_params(out: Path, folder: Path, grab: Grab) -> list[Path]:
    """``unit-params-*.png``: the key dialog, the package dialog, the window with deadlines."""
    folder.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    package, pub = _district_package(folder)
    written: list[Path] = []
    workspace = create_demo(folder / "unit")
    try:
        editing.add_year(workspace, YEAR)
        window = MainWindow(workspace)
        window.today = lambda: date(YEAR, 7, 3)
        window.resize(1366, 768)
        window.show()
        window.refresh_years(YEAR)
        key = read_upper_key(pub)
        dialog = UpperKeyDialog(key, DISTRICT.name, window)
        dialog.typed.setText(" ".join(key.key_id[at : at + 4] for at in range(0, 16, 4)))
        dialog.show()
        written.append(grab(dialog, out / "unit-params-1-upper-key.png"))
        dialog.close()
        trust_upper(workspace, pub, DISTRICT.name, key.key_id)
        shown = ParamsDialog(preview_params(workspace, package), package, window)
        shown.show()
        for tab in range(shown.tabs.count()):
            shown.tabs.setCurrentIndex(tab)
            written.append(grab(shown, out / f"unit-params-2-package-{tab + 1}.png"))
        shown.close()
        receive(workspace, [package])
        window.refresh_years(YEAR)
        refresh_deadlines(window)
        window.open_step(Step.SUBMIT)
        written.append(grab(window, out / "unit-params-3-deadlines.png"))
        window.close()
    finally:
        workspace.close()
    return written
