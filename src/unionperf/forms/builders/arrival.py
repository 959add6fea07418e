"""工会经费收入到位情况表 (seed §二.9): revenue budget against what arrived by a monitoring point.

One form per point, filed with the point's monitoring forms: per revenue category the 批复预算数,
the cumulative amount arrived, the arrival rate against time progress, the category's share of
the revenue budget and of what arrived, the date of the latest arrival and the reason for a lag.
The figures are :func:`~unionperf.domain.arrival_lines.arrival_lines`, as the window shows them.
"""

from __future__ import annotations

from decimal import Decimal

from unionperf.domain.arrival_lines import ArrivalLine, arrival_lines, arrival_total
from unionperf.domain.money import ZERO, format_plain
from unionperf.domain.monitoring import MonitoringPoint, time_progress
from unionperf.domain.year import YearData
from unionperf.forms.builders.common import (
    WAN,
    Row,
    centred,
    label,
    meta,
    rate,
    sheet_name,
    signed,
    signoff_roles,
    text,
    wan,
)
from unionperf.forms.builders.monitoring import period_label
from unionperf.forms.model import Block, Cell, Form, FormFamily, Kind, Light, Orientation

TITLE = "工会经费收入到位情况表"
_COLUMNS = (0.8, 2.3, 1.1, 1.1, 0.9, 0.9, 1.0, 0.9, 0.9, 1.2, 3.0)
"""科目编码, 收入科目, 批复预算数, 累计到位数, 到位率, 时间进度, 偏差, 预算占比, 到位占比,
最近到账日期, 原因说明."""


def arrival_family(data: YearData, point: MonitoringPoint) -> FormFamily:
    """The revenue-arrival form of one monitoring point."""
    months = period_label(point)
    lines = arrival_lines(data, point)
    total = arrival_total(lines)
    header: Row = (
        label("科目编码"),
        label("收入科目"),
        label("批复预算数"),
        label("累计到位数"),
        label("到位率"),
        label("时间进度"),
        label("落后时间进度（百分点）"),
        label("占预算收入比重"),
        label("占已到位收入比重"),
        label("最近到账日期"),
        label("原因说明"),
    )
    rows: list[Row] = [_row(line) for line in lines]
    rows.append(
        (
            label("合计", 2),
            wan(total.budget, bold=True),
            wan(total.amount, bold=True),
            rate(total.rate),
            rate(time_progress(point.cutoff)),
            centred("—"),
            rate(_whole(total.budget)),
            rate(_whole(total.amount) if any(line.entered for line in lines) else None),
            centred("—"),
            text(""),
        )
    )
    lag = format_plain(data.settings.arrival_lag_points)
    notes = (
        f"到位率 = 截至{point.cutoff.isoformat()}累计到位数 ÷ 批复预算数；时间进度 = 已过天数 ÷ "
        "全年天数；落后时间进度 = 时间进度 − 到位率（负数表示快于时间进度）。",
        f"拨缴经费收入和上级补助收入的到位率落后时间进度超过{lag}个百分点的，偏差一栏标红，"
        "应说明原因（总工办发〔2019〕25号 二、（三）9：重视基层工会经费能否足额到位）。",
        "占预算收入比重 = 该科目批复预算数 ÷ 收入预算合计；占已到位收入比重 = 该科目累计到位数 ÷ "
        "累计到位合计，反映收入结构。",
    )
    form = Form(
        key=f"revenue-{point.cutoff.isoformat()}",
        title=TITLE,
        sheet=sheet_name(f"收入到位{point.cutoff:%m%d}"),
        unit_name=data.unit.name,
        year=data.year,
        orientation=Orientation.LANDSCAPE,
        subtitle=f"（{data.year}年{months}，截至{point.cutoff.isoformat()}）",
        meta=meta(data, WAN),
        blocks=(Block(columns=_COLUMNS, header=(header,), rows=tuple(rows)),),
        signoff=signoff_roles(data),
        signed=signed(data, point.stage),
        notes=notes,
    )
    return FormFamily(
        key=f"revenue-{point.cutoff.isoformat()}", title=f"{TITLE}（{months}）", forms=(form,)
    )


def _whole(total: Decimal) -> Decimal | None:
    """The total row's share: 100 % when there is anything to share."""
    return Decimal(1) if total > ZERO else None


def _row(line: ArrivalLine) -> Row:
    arrival = line.arrival
    gap: Cell
    if line.gap is None or not line.entered:
        gap = centred("—" if line.gap is None else "")
    else:
        gap = Cell(
            line.gap,
            Kind.NUMBER,
            bold=line.lags,
            light=Light.RED if line.lags else None,
        )
    return (
        centred(line.category_code),
        text(line.name + ("（重点关注）" if line.watched else "")),
        wan(line.budget),
        wan(arrival.amount if line.entered else None),
        rate(line.rate if line.entered else None),
        rate(line.time_progress),
        gap,
        rate(line.budget_share),
        rate(line.arrived_share if line.entered else None),
        centred(arrival.received_on.isoformat() if arrival.received_on else ""),
        text(arrival.note),
    )
