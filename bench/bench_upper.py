"""Upper-level benchmarks (issue 14, product.md §6): the status board and 汇总 over 3,000 units.

An upper workspace holds 3,000 registered units and a year of stages — the targets, four
monitoring points and the self-evaluation, six packages per unit, some returned and sent again,
some approved, some missing — stored through the store's own intake calls (the rows ``receive``
keeps, without verifying 18,000 signatures first). Then, in the same run:

- ``upper_board_3000``: ``services.upper.status.status_board`` of the self-evaluation against a
  raw ``sqlite3`` read of the same rows with the same SQL (each unit with its newest sequence,
  first and current times of receipt and its own figures; the decisions and the sequences they
  answer; the deadline). Target ≤ 3×; also ``upper_board_open`` < 200 ms (the page's data).
- ``upper_aggregate_3000``: ``services.upper.aggregate.aggregate`` of the self-evaluation against
  raw ``sqlite3`` of the same board rows and the same sums by category, project category and
  attribute. Target ≤ 3×; also ``upper_aggregate_open`` < 200 ms.

``UNIONPERF_BENCH_UNITS`` (default 3000) sets the number of units, for a quick trial run.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from unionperf.demo.data import demo_year
from unionperf.demo.upper import upper_profile
from unionperf.domain.credit_code import check_character
from unionperf.domain.feedback import Decision
from unionperf.domain.stage_facts import stage_facts
from unionperf.domain.year import Stage, YearData
from unionperf.exchange.codec import for_stage
from unionperf.exchange.codec_write import year_to_json
from unionperf.exchange.package import dumps
from unionperf.services.common.workspace import Workspace
from unionperf.services.upper.aggregate import aggregate
from unionperf.services.upper.status import status_board
from unionperf.store.register import Received

YEAR = 2024
STAGE = "self-evaluation"
UNIT_COUNT = int(os.environ.get("UNIONPERF_BENCH_UNITS", "3000"))
SIZES = (Decimal(1), Decimal(2), Decimal("0.5"), Decimal(3), Decimal("1.5"))

Record = Callable[[str, float, "float | None", float, str], None]

RAW_BOARD = (
    "SELECT s.unit_code, s.name, s.contact, s.key_id, sent.newest, sent.first_at,"
    " c.received_at, sc.budget_fen, sc.executed_fen, sc.total, sc.grade FROM subordinate s"
    " LEFT JOIN (SELECT unit_code, max(sequence) AS newest, min(received_at) AS first_at"
    " FROM received_package WHERE year = :year AND stage = :stage GROUP BY unit_code) sent"
    " ON sent.unit_code = s.unit_code LEFT JOIN received_package c ON c.year = :year"
    " AND c.stage = :stage AND c.current IS 1 AND c.unit_code = s.unit_code"
    " LEFT JOIN received_score sc ON sc.package_id = c.id AND sc.owner_uid = 'unit'"
    " ORDER BY s.unit_code",
    "SELECT unit_code, responds_to, decision FROM feedback_sent"
    " WHERE year = :year AND stage = :stage ORDER BY id",
    "SELECT sha256, sequence FROM received_package WHERE year = :year AND stage = :stage",
    "SELECT stage, due FROM stage_deadline WHERE year = :year",
)
RAW_SUMS = (
    "SELECT b.category_code, count(*), sum(b.last_year_actual_fen),"
    " sum(b.budget_fen), sum(b.adjustment_fen), sum(b.executed_fen) FROM received_package p"
    " JOIN received_budget b ON b.package_id = p.id WHERE p.year = :year AND p.stage = :stage"
    " AND p.current = 1 GROUP BY b.category_code",
    "SELECT s.category_code, count(DISTINCT p.unit_code), count(*), sum(s.initial_fen),"
    " sum(s.budget_fen), sum(s.executed_fen) FROM received_package p JOIN received_score s"
    " ON s.package_id = p.id WHERE p.year = :year AND p.stage = :stage AND p.current = 1"
    " AND s.owner_uid != 'unit' GROUP BY s.category_code",
    "SELECT count(DISTINCT p.unit_code) FROM received_package p JOIN received_score s"
    " ON s.package_id = p.id WHERE p.year = :year AND p.stage = :stage AND p.current = 1"
    " AND s.owner_uid != 'unit'",
    "SELECT s.attribute, count(DISTINCT p.unit_code), count(*), sum(s.initial_fen),"
    " sum(s.budget_fen), sum(s.executed_fen) FROM received_package p JOIN received_score s"
    " ON s.package_id = p.id WHERE p.year = :year AND p.stage = :stage AND p.current = 1"
    " AND s.owner_uid != 'unit' GROUP BY s.attribute",
)


def bench_upper(folder: Path, record: Record) -> None:
    """Build the 3,000-unit upper workspace, then time the board and the aggregation.

    Each is timed in turns with its raw baseline (``paired_medians``).
    """
    started = time.perf_counter()
    workspace = Workspace.create(folder / "upper-3000", upper_profile())
    try:
        packages = fill(workspace, UNIT_COUNT)
        print(
            f"upper workspace: {UNIT_COUNT} units, {packages} packages stored in "
            f"{time.perf_counter() - started:.1f} s"
        )
        today = date(2025, 6, 30)
        database = workspace.paths.database
        board, raw_board = paired_medians(
            lambda: status_board(workspace, YEAR, STAGE, today=today),
            raw_reader(database, RAW_BOARD),
            9,
        )
        record(f"upper_board_{UNIT_COUNT}", board, raw_board, 3.0, "s")
        record("upper_board_open", board, None, 0.2, "s")
        summed, raw_sums = paired_medians(
            lambda: aggregate(workspace, YEAR, STAGE, today=today),
            raw_reader(database, RAW_BOARD + RAW_SUMS),
            9,
        )
        record(f"upper_aggregate_{UNIT_COUNT}", summed, raw_sums, 3.0, "s")
        record("upper_aggregate_open", summed, None, 0.2, "s")
    finally:
        workspace.close()


def paired_medians(
    call: Callable[[], Any], baseline: Callable[[], Any], repeat: int
) -> tuple[float, float]:
    """Median times of ``call`` and ``baseline`` run in turns (after one warm-up each), so that
    a change of the machine's load during the run weighs on both alike."""
    call()
    baseline()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for index, job in enumerate((call, baseline)):
            started = time.perf_counter()
            job()
            times[index].append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def raw_reader(database: Path, queries: tuple[str, ...]) -> Callable[[], int]:
    """A plain ``sqlite3`` read of the rows the service reads (every row fetched)."""

    def read() -> int:
        connection = sqlite3.connect(database)
        try:
            rows = 0
            for query in queries:
                rows += len(connection.execute(query, {"year": YEAR, "stage": STAGE}).fetchall())
            return rows
        finally:
            connection.close()

    return read


def _code(number: int) -> str:
    body = f"91310115MA{number:07d}"
    return body + check_character(body)


def fill(workspace: Workspace, count: int) -> int:
    """Register ``count`` units and store their packages of the year; returns how many.

    Unit ``n`` sends every stage; every 10th is missing its self-evaluation, every 7th had a
    stage returned and sent again, every 3rd is approved. The rows are those the intake stores
    for the same data (``domain.stage_facts``); ``data.json`` is stored as it would be.
    """
    base = demo_year(YEAR)
    stages = ["targets", *(point.stage for point in base.points), STAGE]
    templates: dict[tuple[int, str], tuple[Any, str]] = {}
    for index, size in enumerate(SIZES):
        data = _sized(base, size)
        for stage in stages:
            parsed = Stage.parse(stage)
            text = dumps(year_to_json(for_stage(data, parsed)), compact=True).decode("utf-8")
            templates[index, stage] = (stage_facts(data, parsed), text)
    stored = 0
    with workspace.unit_of_work() as uow:
        uow.board.set_deadline(YEAR, STAGE, date(2025, 3, 15))
        for number in range(1, count + 1):
            code = _code(number)
            uow.register.register(code, f"基准测试工会{number:05d}", "", "", contact="")
            for stage in stages:
                if stage == STAGE and number % 10 == 0:
                    continue
                facts, text = templates[number % len(SIZES), stage]
                sends = 2 if number % 7 == 0 else 1
                for sequence in range(1, sends + 1):
                    sha = f"{number:08d}{stage:>24}{sequence:04d}".replace(" ", "0")[:64]
                    at = f"2025-03-{1 + (number + sequence * 9) % 28:02d}T02:00:00+00:00"
                    record = Received(
                        code, YEAR, stage, sequence, sha, True, at, f"received/{code}/{sequence}"
                    )
                    uow.register.add_received(
                        record,
                        package_id=sha[:32],
                        key_id="0" * 16,
                        meta={},
                        data_json=text,
                        facts=facts,
                    )
                    stored += 1
                    if sends == 2 and sequence == 1:
                        _decide(uow, code, stage, 1, decision=Decision.RETURN, sha=sha)
                if number % 3 == 0:
                    _decide(uow, code, stage, sends, decision=Decision.APPROVE, sha=sha)
    return stored


def _decide(
    uow: Any, code: str, stage: str, sequence: int, *, decision: Decision, sha: str
) -> None:
    uow.register.log_feedback(
        unit_code=code,
        year=YEAR,
        stage=stage,
        sequence=sequence if decision is Decision.RETURN else sequence + 1,
        decision=decision,
        sha256="f" * 64,
        file_name="feedback.upkg",
        responds_to=sha,
    )


def _sized(data: YearData, factor: Decimal) -> YearData:
    if factor == 1:
        return data
    return replace(
        data,
        budget=tuple(
            replace(line, budget=line.budget * factor, executed=line.executed * factor)
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
