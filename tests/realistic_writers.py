"""How the realistic fixture workbooks are written, and the canonical twin they are compared to.

Value formatting as the source applications do it (千牛 rate text, 赤兔 durations, typed
``10月3日`` dates), the two writers (openpyxl as a manager typing, XlsxWriter as a machine
export), the canonical column layouts csreport documents, and :func:`canonical_inputs`: the
canonical roster, reception, attendance and QA files every :class:`WorkbookPair` starts from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import openpyxl
import xlsxwriter

from tests.realistic_month import ITEM_NAMES, MonthData, Reception

# Canonical headers, exactly as csreport documents them.
ROSTER_HEADER = ["工号", "姓名", "组别", "入职日期", "岗位状态", "级别", "旺旺"]
ATT_HEADER = ["工号", "日期", "考勤状态"]
REC_HEADER = [
    "工号",
    "日期",
    "接待人数",
    "咨询人数",
    "回复人数",
    "平均响应时长(秒)",
    "首次响应时长(秒)",
    "询单人数",
    "付款订单数",
    "销售额",
]
QA_HEADER = ["工号", "日期", "会话编号", "满意度", *ITEM_NAMES, "差错类型", "店铺风险"]


class WorkbookPair(NamedTuple):
    """The inputs of one realistic run and of its canonical twin (same data)."""

    realistic: list[Path]
    canonical: list[Path]


# ---------------------------------------------------------------------------------------
# Formatting helpers: how the source applications write values.
# ---------------------------------------------------------------------------------------


def pct_text(numerator: float, denominator: float) -> str:
    """A rate as 千牛 writes it: text with two decimals and a percent sign (``99.72%``)."""
    return f"{numerator / denominator * 100:.2f}%"


def duration_text(seconds: int) -> str:
    """A duration as 赤兔 writes it: ``25秒``, ``1分5秒``, ``1小时2分3秒``."""
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{h}小时{m}分{s}秒"
    if m:
        return f"{m}分{s}秒"
    return f"{s}秒"


def md_text(day: dt.date) -> str:
    """A date as a manager types it in a hand-kept sheet: ``10月3日``."""
    return f"{day.month}月{day.day}日"


def chitu_seconds(value: float | None) -> int | None:
    """赤兔 shows whole seconds; the canonical twin holds the same whole seconds."""
    return None if value is None else round(value)


# ---------------------------------------------------------------------------------------
# Canonical workbooks (openpyxl, as a manager typing csreport's own columns would).
# ---------------------------------------------------------------------------------------


def write_sheet(path: Path, sheet: str, rows: Sequence[Sequence[Any]]) -> Path:
    """Write one plain sheet (header first) with openpyxl; date cells get a date format."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def roster_rows(data: MonthData) -> list[list[Any]]:
    """The roster (花名册) with 旺旺 sub-accounts, which is how exports map to 工号."""
    return [ROSTER_HEADER] + [
        [a.agent_id, a.name, a.group, a.hire_date, a.status, a.level, a.subaccount] for a in data.agents
    ]


def canonical_reception_rows(
    rows: Sequence[Reception], month_label: str | None = None, seconds: bool = False
) -> list[list[Any]]:
    """Reception rows in canonical columns, keyed by 工号.

    ``month_label`` replaces the date of monthly rows (e.g. ``2026-10``); ``seconds``
    rounds durations to whole seconds (what 赤兔 shows). A missing count stays blank.
    """
    out: list[list[Any]] = [REC_HEADER]
    for r in rows:
        avg = chitu_seconds(r.avg_response_s) if seconds else r.avg_response_s
        first = chitu_seconds(r.first_response_s) if seconds else r.first_response_s
        out.append(
            [
                r.agent_id,
                r.day if r.day else month_label,
                r.received,
                r.inquiries,
                r.replied,
                avg,
                first,
                r.pre_sales,
                r.paid_orders,
                r.sales,
            ]
        )
    return out


def canonical_attendance_rows(data: MonthData) -> list[list[Any]]:
    """Attendance in canonical columns, one date cell per row."""
    return [ATT_HEADER] + [[d.agent_id, d.day, d.status] for d in data.attendance]


def canonical_qa_rows(data: MonthData) -> list[list[Any]]:
    """Sampled chats in canonical columns: ten items, 差错类型, 店铺风险."""
    return [QA_HEADER] + [
        [
            c.agent_id,
            c.day,
            c.chat_id,
            c.satisfaction,
            *c.items,
            c.error_type or None,
            "是" if c.shop_risk else "否",
        ]
        for c in data.chats
    ]


@dataclass(frozen=True)
class CanonicalInputs:
    """The canonical files every pair shares (each scenario replaces one of them)."""

    roster: Path
    reception: Path
    attendance: Path
    qa: Path


def canonical_inputs(tmp: Path, data: MonthData) -> CanonicalInputs:
    """Write (once per directory) the canonical roster, daily reception, attendance, QA."""
    base = tmp / "canonical"
    roster = base / "花名册.xlsx"
    if roster.exists():
        return CanonicalInputs(roster, base / "接待.xlsx", base / "考勤.xlsx", base / "质检.xlsx")
    return CanonicalInputs(
        write_sheet(roster, "花名册", roster_rows(data)),
        write_sheet(base / "接待.xlsx", "接待数据", canonical_reception_rows(data.daily)),
        write_sheet(base / "考勤.xlsx", "考勤", canonical_attendance_rows(data)),
        write_sheet(base / "质检.xlsx", "质检抽查", canonical_qa_rows(data)),
    )


# ---------------------------------------------------------------------------------------
# Machine exports (XlsxWriter, as a back-office export would be written).
# ---------------------------------------------------------------------------------------


def write_xlsxwriter(path: Path, sheet: str, rows: Sequence[Sequence[Any]]) -> Path:
    """Write a machine export with XlsxWriter: text stays text, numbers stay numbers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            fmt = bold if r == 0 else None
            if value is None:
                continue
            if isinstance(value, str):
                ws.write_string(r, c, value, fmt)
            else:
                ws.write_number(r, c, value, fmt)
    ws.freeze_panes(1, 0)
    wb.close()
    return path
