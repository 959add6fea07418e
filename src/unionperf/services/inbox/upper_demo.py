"""The demo upper level (``unionperf demo --upper``): a district union with a season under way.

36 units (``demo.upper``) are registered with their keys (each key id checked as the paper sheet
would be), two more are listed without a key, deadlines are set for three stages of 2024, and
every unit's packages are really built, signed with its own key and received through the same
service as any package — on time or late as the unit's plan says — and the upper level returns or
approves them with signed feedback. The board then shows every status; the self-evaluation
carries scores from 差 to 优.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from unionperf.demo.data import demo_year
from unionperf.demo.upper import (
    DEMO_STAGES,
    DemoSubordinate,
    Plan,
    demo_subordinates,
    upper_profile,
    varied_year,
)
from unionperf.domain.feedback import Decision, Opinion
from unionperf.domain.multi_year import history_for, year_slices
from unionperf.domain.year import Stage, YearData
from unionperf.exchange import bag, minisign
from unionperf.services.common import signing
from unionperf.services.common.workspace import Workspace
from unionperf.services.common.writer_lock import DEFAULT_PROGRAM
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.submit import Submission, data_package
from unionperf.services.inbox.receive import receive
from unionperf.services.upper.deadlines import set_deadline
from unionperf.services.upper.feedback import create_feedback
from unionperf.services.upper.register import list_unit, register

YEAR = 2024
DEADLINES = {
    "targets": date(2024, 1, 31),
    "monitoring-2024-06-30": date(2024, 7, 15),
    "self-evaluation": date(2025, 3, 15),
}
ROSTER_ONLY = (
    ("91310115MA1K90001", "上海浦东新区某社会组织联合工会", "待登记公钥"),
    ("91310115MA1K90002", "上海浦东新区某楼宇联合工会", "待登记公钥"),
)
"""Units listed without a key (their credit codes get their check character)."""
_RETURN_TEXT = "请补充说明执行率偏低的原因，并完善满意度指标的佐证材料。"


@dataclass
class _Season:
    """What the demo builds as it goes: each unit's year, key and last package per stage."""

    workspace: Workspace
    upper_key: Ed25519PrivateKey
    folder: Path
    base: YearData

    def __post_init__(self) -> None:
        self.last: dict[tuple[str, str], Submission] = {}


def create_upper_demo(
    path: Path, passphrase: str = "demo", *, program: str = DEFAULT_PROGRAM
) -> Workspace:
    """Make the demo upper workspace at ``path`` and return it open for writing.

    Raises:
        ServiceError: ``path`` holds a workspace or other files, or cannot be written.
    """
    return create_demo(
        path,
        passphrase=passphrase,
        program=program,
        fill=lambda workspace: fill_upper_demo(workspace, passphrase),
    )


def fill_upper_demo(workspace: Workspace, passphrase: str) -> None:
    """Put the demo season into a new upper-level workspace whose key opens with ``passphrase``."""
    from unionperf.domain.credit_code import check_character  # noqa: PLC0415

    workspace.save_unit(upper_profile())
    for stage, due in DEADLINES.items():
        set_deadline(workspace, YEAR, stage, due)
    units = demo_subordinates()
    with _scratch() as folder:
        base = demo_year(YEAR)  # with its multi-year project's first year, as a unit sends it
        base = replace(base, project_history=history_for(base, year_slices(demo_year(YEAR - 1))))
        season = _Season(workspace, signing.unlock(workspace, passphrase), folder, base)
        for unit in units:
            _register(season, unit)
        for body, name, contact in ROSTER_ONLY:
            list_unit(workspace, body + check_character(body), name, contact)
        years = {unit.number: varied_year(season.base, unit) for unit in units}
        for stage in DEMO_STAGES:
            _play_stage(season, units, years, stage)


@contextmanager
def _scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="unionperf-upper-demo-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _unit_key(unit: DemoSubordinate) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(unit.key_seed).digest())


def _register(season: _Season, unit: DemoSubordinate) -> None:
    public = minisign.public_key_of(_unit_key(unit))
    pub_file = season.folder / f"{unit.profile.credit_code}.pub"
    pub_file.write_text(public.to_file(), encoding="utf-8")
    register(
        season.workspace,
        pub_file,
        unit.profile.credit_code,
        unit.profile.name,
        key_id=public.key_id_hex,
        contact=unit.contact,
    )


def _moment(day: date, hour: int) -> str:
    """``hour`` o'clock Beijing time on ``day``, as a stored UTC time."""
    moment = datetime.combine(day, time(hour)) - timedelta(hours=8)
    return moment.replace(tzinfo=UTC).isoformat(timespec="seconds")


def _play_stage(
    season: _Season, units: list[DemoSubordinate], years: dict[int, YearData], stage: str
) -> None:
    due = DEADLINES[stage]
    first: list[tuple[Path, str]] = []
    for unit in units:
        plan = unit.plans[stage]
        if plan is Plan.MISSING:
            continue
        late = plan in (Plan.LATE, Plan.APPROVED_LATE)
        day = (
            due + timedelta(days=1 + unit.number % 9)
            if late
            else due - timedelta(days=1 + unit.number % 12)
        )
        first.append((_send(season, unit, years[unit.number], stage), _moment(day, 10)))
    _receive(season, first)
    again: list[tuple[Path, str]] = []
    for unit in units:
        plan = unit.plans[stage]
        if plan in (Plan.RETURNED, Plan.RESUBMITTED, Plan.APPROVED_AFTER_RETURN):
            _decide(season, unit, stage, Decision.RETURN)
        if plan in (Plan.RESUBMITTED, Plan.APPROVED_AFTER_RETURN):
            day = due + timedelta(days=3 + unit.number % 5)
            again.append((_send(season, unit, years[unit.number], stage), _moment(day, 15)))
        elif plan in (Plan.APPROVED, Plan.APPROVED_LATE):
            _decide(season, unit, stage, Decision.APPROVE)
    _receive(season, again)
    for unit in units:
        if unit.plans[stage] is Plan.APPROVED_AFTER_RETURN:
            _decide(season, unit, stage, Decision.APPROVE)


def _send(season: _Season, unit: DemoSubordinate, data: YearData, stage: str) -> Path:
    """The unit's next package of the stage, written to the scratch folder."""
    code = unit.profile.credit_code
    previous = season.last.get((code, stage))
    blob, meta = data_package(_unit_key(unit), data, Stage.parse(stage), previous)
    name = f"{code}_{YEAR}_{stage}_{meta['sequence']}.upkg"
    path = season.folder / "outbox" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blob)
    season.last[(code, stage)] = Submission(
        YEAR,
        stage,
        int(meta["sequence"]),
        str(meta["package_id"]),
        bag.sha256(blob),
        name,
        str(meta["created_at"]),
        str(meta["key_id"]),
    )
    return path


def _receive(season: _Season, packages: list[tuple[Path, str]]) -> None:
    if not packages:
        return
    times = iter([moment for _, moment in packages])
    outcomes = receive(season.workspace, [path for path, _ in packages], clock=lambda: next(times))
    refused = [item for item in outcomes if item.refused]
    if refused:  # the demo's own packages: a refusal is a bug, not a demo
        raise RuntimeError(f"demo package refused: {refused[0].path.name}: {refused[0].message}")


def _decide(season: _Season, unit: DemoSubordinate, stage: str, decision: Decision) -> None:
    returning = decision is Decision.RETURN
    create_feedback(
        season.workspace,
        unit_code=unit.profile.credit_code,
        year=YEAR,
        stage=stage,
        decision=decision,
        summary=_RETURN_TEXT if returning else "审核通过。",
        opinions=[Opinion("unit", "", "", "单位整体", _RETURN_TEXT)] if returning else [],
        out_dir=season.folder / "feedback",
        passphrase="",
        unlocked=season.upper_key,
    )
