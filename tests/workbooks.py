"""Build small real workbooks for tests, the way a manager would type them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

ROSTER_HEADER = ["工号", "姓名", "组别", "入职日期", "岗位状态", "级别", "旺旺"]
ATT_HEADER = ["工号", "姓名", "日期", "考勤状态"]
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
QA_HEADER = ["工号", "日期", "会话编号", "满意度", "态度得分", "差错类型", "店铺风险"]


def write_xlsx(
    path: Path, sheets: dict[str, Sequence[Sequence[Any]]], titles: dict[str, str] | None = None
) -> Path:
    """Write ``sheets`` (name → rows, header first) with openpyxl; optional merged titles."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        if titles and name in titles:
            ws.append([titles[name]])
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
            ws.append([])
        for row in rows:
            ws.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


@dataclass
class Agent:
    """One agent's month, described by the monthly values the scorer should find."""

    agent_id: str
    name: str
    status: str = "正式"
    level: str = "老员工"
    group: str = "一组"
    rt: float = 30.0  # weighted average response time, seconds
    rr: float = 1.0  # reply rate
    conv: float = 0.6  # conversion
    att: float | None = 90.0  # attitude (态度得分 of each chat); None → no chats
    errors: Sequence[str] = ()  # one sampled chat per error type occurrence
    risk: bool = False
    reception: bool = True
    extra_rows: list[list[Any]] = field(default_factory=list)


def month_workbook(path: Path, agents: Sequence[Agent], month: str = "2026-10") -> Path:
    """One workbook holding all four sheets for ``agents``; reception has 1,000 sessions."""
    year, mon = int(month[:4]), int(month[5:])
    day = dt.datetime(year, mon, 3)
    roster = [ROSTER_HEADER] + [
        [a.agent_id, a.name, a.group, dt.datetime(2025, 1, 1), a.status, a.level, f"店:{a.name}"]
        for a in agents
    ]
    att = [ATT_HEADER] + [[a.agent_id, a.name, day, "出勤"] for a in agents]
    rec: list[list[Any]] = [REC_HEADER]
    qa: list[list[Any]] = [QA_HEADER]
    for a in agents:
        if a.reception:
            rec.append(
                [
                    a.agent_id,
                    day,
                    1000,
                    1000,
                    round(a.rr * 1000),
                    a.rt,
                    a.rt / 2,
                    800,
                    round(a.conv * 1000),
                    50000,
                ]
            )
        rec.extend(a.extra_rows)
        if a.att is None:
            continue
        n_chats = max(1, len(a.errors))
        for i in range(n_chats):
            err = a.errors[i] if i < len(a.errors) else ""
            risk = "是" if a.risk and i == 0 else "否"
            qa.append([a.agent_id, day, f"{a.agent_id}-{i}", "满意", a.att, err, risk])
    return write_xlsx(path, {"花名册": roster, "考勤": att, "接待": rec, "质检": qa})
