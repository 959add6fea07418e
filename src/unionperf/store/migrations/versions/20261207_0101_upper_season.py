"""The upper level's season: key history, contacts, deadlines, rows for 汇总, compressed data

Revision ID: 20261207_0101
Revises: 20261207_0201
Create Date: 2026-12-07

- ``subordinate_key``: replaced keys with when and why (was ``subordinate.retired_keys``, a text
  of blank-line separated ``.pub`` texts, dropped); ``subordinate.contact``.
- ``stage_deadline``: the deadline of each year's stage.
- ``received_budget`` and new columns of ``received_score`` (``attribute``, ``initial_fen``):
  the rows aggregation sums, filled here from the packages already received; the unit as a
  whole gets a row at every stage, and ``executed_fen`` becomes the execution the stage reports
  (to the cut-off at a monitoring point, 0 at the targets). Scores already stored are kept.
- ``received_package.data_json`` (text) becomes ``data_blob`` (zlib-compressed).
- Covering indexes for the status board and 汇总 on the package, score and budget rows.

The data are read from ``data.json`` directly (the format of that time: money as yuan strings
with two decimals, the national catalogue whose expenditure codes begin with 5), so this script
does not depend on code that may change later.
"""

from __future__ import annotations

import base64
import json
import zlib
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "20261207_0101"
down_revision = "20261207_0201"
branch_labels = None
depends_on = None

UNIT_OWNER = "unit"
PACKAGE_INDEX = ["year", "stage", "current", "unit_code", "sequence", "sha256", "received_at"]
SCORE_INDEX = [
    "package_id",
    "owner_uid",
    "category_code",
    "attribute",
    "initial_fen",
    "budget_fen",
    "executed_fen",
    "total",
    "grade",
]
BUDGET_INDEX = [
    "package_id",
    "category_code",
    "last_year_actual_fen",
    "budget_fen",
    "adjustment_fen",
    "executed_fen",
]
"""Covering indexes: the board's and 汇总's reads never visit the wide package rows."""


def upgrade() -> None:
    _new_tables()
    _key_history()
    with op.batch_alter_table("received_score", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attribute", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("initial_fen", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index("ix_received_score_package_id", SCORE_INDEX)
    with op.batch_alter_table("feedback_sent", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_sent_year_stage", ["year", "stage"])
    with op.batch_alter_table("received_package", schema=None) as batch_op:
        batch_op.add_column(sa.Column("data_blob", sa.LargeBinary(), nullable=True))
        batch_op.create_index("ix_received_year_stage", PACKAGE_INDEX)
    _fill_from_packages()
    with op.batch_alter_table("received_package", schema=None) as batch_op:
        batch_op.drop_column("data_json")
        batch_op.alter_column("data_blob", existing_type=sa.LargeBinary(), nullable=False)


def _new_tables() -> None:
    op.create_table(
        "subordinate_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=18), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("registered_at", sa.String(length=40), nullable=False),
        sa.Column("retired_at", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_code"],
            ["subordinate.unit_code"],
            name=op.f("fk_subordinate_key_unit_code_subordinate"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subordinate_key")),
    )
    with op.batch_alter_table("subordinate_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subordinate_key_unit_code"), ["unit_code"])
        batch_op.create_index(batch_op.f("ix_subordinate_key_key_id"), ["key_id"])
    op.create_table(
        "received_budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("category_code", sa.String(length=20), nullable=False),
        sa.Column("last_year_actual_fen", sa.Integer(), nullable=False),
        sa.Column("budget_fen", sa.Integer(), nullable=False),
        sa.Column("adjustment_fen", sa.Integer(), nullable=False),
        sa.Column("executed_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["received_package.id"],
            name=op.f("fk_received_budget_package_id_received_package"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_budget")),
    )
    with op.batch_alter_table("received_budget", schema=None) as batch_op:
        batch_op.create_index("ix_received_budget_package_id", BUDGET_INDEX)
    op.create_table(
        "stage_deadline",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("set_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("year", "stage", name=op.f("pk_stage_deadline")),
    )


def _key_history() -> None:
    connection = op.get_bind()
    held = connection.execute(
        sa.text("SELECT unit_code, retired_keys, registered_at FROM subordinate")
    ).all()
    for unit_code, retired, registered_at in held:
        for text in (item.strip() for item in (retired or "").split("\n\n")):
            if not text:
                continue
            connection.execute(
                sa.text(
                    "INSERT INTO subordinate_key (unit_code, key_id, public_key, registered_at,"
                    " retired_at, reason) VALUES (:code, :key_id, :key, :at, :at, :reason)"
                ),
                {
                    "code": unit_code,
                    "key_id": _key_id(text),
                    "key": text + "\n",
                    "at": registered_at,
                    "reason": "升级前已更换（更换时间与原因未记录）",
                },
            )
    with op.batch_alter_table("subordinate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("contact", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.drop_column("retired_keys")


def _key_id(pub_text: str) -> str:
    """The minisign key id of a ``.pub`` text: bytes 2–10 of its base64 line, little-endian hex."""
    lines = [line.strip() for line in pub_text.splitlines() if line.strip()]
    try:
        blob = base64.b64decode(lines[-1])
    except (IndexError, ValueError):
        return ""
    return f"{int.from_bytes(blob[2:10], 'little'):016X}"


def _fen(text: Any) -> int:
    return int(Decimal(str(text or "0")) * 100)


def _fill_from_packages() -> None:
    connection = op.get_bind()
    packages = connection.execute(
        sa.text("SELECT id, stage, data_json FROM received_package ORDER BY id")
    ).all()
    for package_id, stage, data_json in packages:
        connection.execute(
            sa.text("UPDATE received_package SET data_blob = :blob WHERE id = :id"),
            {"blob": zlib.compress(data_json.encode("utf-8")), "id": package_id},
        )
        try:
            document = json.loads(data_json)
        except ValueError:
            continue
        _fill_package(connection, package_id, stage, document)


def _fill_package(connection: Any, package_id: int, stage: str, data: dict[str, Any]) -> None:
    evaluating = stage == "self-evaluation"
    expenditure = {"budget": 0, "approved": 0, "executed": 0}
    for line in data.get("budget", []):
        values = {
            "package": package_id,
            "code": line["category_code"],
            "last": _fen(line.get("last_year_actual")),
            "budget": _fen(line.get("budget")),
            "adjustment": _fen(line.get("adjustment")),
            "executed": _fen(line.get("executed")) if evaluating else 0,
        }
        connection.execute(
            sa.text(
                "INSERT INTO received_budget (package_id, category_code, last_year_actual_fen,"
                " budget_fen, adjustment_fen, executed_fen)"
                " VALUES (:package, :code, :last, :budget, :adjustment, :executed)"
            ),
            values,
        )
        if str(line["category_code"]).startswith("5"):
            expenditure["budget"] += values["budget"]
            expenditure["approved"] += values["budget"] + values["adjustment"]
            expenditure["executed"] += values["executed"]
    executed = _executed(data, stage, expenditure["executed"])
    for project in data.get("projects", []):
        funding = project.get("funding", [])
        connection.execute(
            sa.text(
                "UPDATE received_score SET attribute = :attribute, initial_fen = :initial,"
                " executed_fen = :executed WHERE package_id = :package AND owner_uid = :uid"
            ),
            {
                "attribute": project.get("attribute", ""),
                "initial": sum(_fen(item.get("initial")) for item in funding),
                "executed": executed.get(project["uid"], 0),
                "package": package_id,
                "uid": project["uid"],
            },
        )
    unit = {
        "package": package_id,
        "initial": expenditure["budget"],
        "budget": expenditure["approved"],
        "executed": executed.get(UNIT_OWNER, 0),
    }
    updated = connection.execute(
        sa.text(
            "UPDATE received_score SET initial_fen = :initial, budget_fen = :budget,"
            " executed_fen = :executed WHERE package_id = :package AND owner_uid = 'unit'"
        ),
        unit,
    )
    if not updated.rowcount:
        connection.execute(
            sa.text(
                "INSERT INTO received_score (package_id, owner_uid, name, category_code,"
                " attribute, initial_fen, budget_fen, executed_fen, total, grade) VALUES"
                " (:package, 'unit', :name, '', '', :initial, :budget, :executed, NULL, '')"
            ),
            {**unit, "name": str(data.get("unit", {}).get("name", ""))},
        )


def _executed(data: dict[str, Any], stage: str, expenditure_executed: int) -> dict[str, int]:
    """Executed amounts by owner as the stage reports them (see ``domain.stage_facts``)."""
    projects = data.get("projects", [])
    if stage == "self-evaluation":
        amounts = {
            item["uid"]: sum(_fen(line.get("executed")) for line in item.get("funding", []))
            for item in projects
        }
        amounts[UNIT_OWNER] = expenditure_executed
        return amounts
    if not stage.startswith("monitoring-"):
        return {}
    cutoff = stage.removeprefix("monitoring-")
    point = next((item["uid"] for item in data.get("points", []) if item["cutoff"] == cutoff), None)
    amounts = {
        entry["owner_uid"]: _fen(entry.get("executed"))
        for entry in data.get("monitoring", [])
        if entry["point_uid"] == point
    }
    if UNIT_OWNER not in amounts:
        amounts[UNIT_OWNER] = sum(amounts.get(item["uid"], 0) for item in projects)
    return amounts


def downgrade() -> None:
    with op.batch_alter_table("received_package", schema=None) as batch_op:
        batch_op.add_column(sa.Column("data_json", sa.Text(), nullable=True))
    connection = op.get_bind()
    for package_id, blob in connection.execute(
        sa.text("SELECT id, data_blob FROM received_package")
    ).all():
        connection.execute(
            sa.text("UPDATE received_package SET data_json = :text WHERE id = :id"),
            {"text": zlib.decompress(blob).decode("utf-8"), "id": package_id},
        )
    with op.batch_alter_table("received_package", schema=None) as batch_op:
        batch_op.drop_index("ix_received_year_stage")
        batch_op.drop_column("data_blob")
        batch_op.alter_column("data_json", existing_type=sa.Text(), nullable=False)
    with op.batch_alter_table("feedback_sent", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_sent_year_stage")
    op.execute("DELETE FROM received_score WHERE owner_uid = 'unit' AND total IS NULL")
    with op.batch_alter_table("received_score", schema=None) as batch_op:
        batch_op.drop_index("ix_received_score_package_id")
        batch_op.drop_column("initial_fen")
        batch_op.drop_column("attribute")
    with op.batch_alter_table("subordinate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired_keys", sa.Text(), nullable=False, server_default=""))
        batch_op.drop_column("contact")
    op.execute(
        "UPDATE subordinate SET retired_keys = COALESCE((SELECT group_concat(public_key, char(10))"
        " FROM subordinate_key WHERE subordinate_key.unit_code = subordinate.unit_code), '')"
    )
    op.drop_table("stage_deadline")
    op.drop_table("received_budget")
    op.drop_table("subordinate_key")
