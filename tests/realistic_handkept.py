"""Realistic workbooks kept by hand: an attendance sheet under a title block, a two-row QA header.

Each builder writes the sheet the way a manager lays it out in Excel (merged title lines,
text dates like ``10月3日``, merged two-row headers) and returns it, with the canonical twin
set it replaces one file of, as a :class:`WorkbookPair`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font

from tests.realistic_month import ITEM_NAMES, MonthData, month_data
from tests.realistic_writers import WorkbookPair, canonical_inputs, md_text

# Hand-kept attendance: two merged title lines above the header.
HANDKEPT_ATT_SHEET = "10月考勤"
HANDKEPT_ATT_TITLE = "2026年10月 客服考勤表"
HANDKEPT_ATT_NOTE = "说明：迟到请注明分钟数；请假须提前一天报备"
HANDKEPT_ATT_HEADER = ["序号", "日期", "工号", "姓名", "班次", "考勤状态", "迟到(分钟)", "备注"]
HANDKEPT_ATT_HEADER_ROW = 3  # Excel row of the real header, under the title block
HANDKEPT_REAL_DATE_DAYS = (1, 15, 31)  # these days are date cells, the rest text like 10月3日

# Hand-kept QA with a two-row header.
TWO_ROW_QA_SHEET = "聊天记录抽查"
TWO_ROW_QA_FIRST_DATA_ROW = 3


# ---------------------------------------------------------------------------------------
# 4. Hand-kept attendance sheet with a merged title block
# ---------------------------------------------------------------------------------------


def handkept_attendance_rows(data: MonthData) -> list[list[Any]]:
    """The data rows (no title, no header) as the manager typed them, day by day.

    Dates are text ``10月3日`` except on ``HANDKEPT_REAL_DATE_DAYS`` (date cells).
    """
    rows: list[list[Any]] = []
    for n, d in enumerate(data.attendance, start=1):
        when: Any = (
            dt.datetime(d.day.year, d.day.month, d.day.day)
            if d.day.day in HANDKEPT_REAL_DATE_DAYS
            else md_text(d.day)
        )
        shift = "早班" if n % 2 else "晚班"
        note = "堵车" if d.status == "迟到" else ("病假" if d.status == "请假" else None)
        rows.append(
            [
                n,
                when,
                d.agent_id,
                d.name,
                None if d.status == "休息" else shift,
                d.status,
                d.late_minutes,
                note,
            ]
        )
    return rows


def handkept_attendance_row_of(data: MonthData, agent_id: str, day: int) -> int:
    """Excel row number of ``agent_id``'s record for ``day`` in the hand-kept sheet."""
    index = next(i for i, d in enumerate(data.attendance) if d.agent_id == agent_id and d.day.day == day)
    return HANDKEPT_ATT_HEADER_ROW + 1 + index


def build_handkept_attendance(tmp: Path, data: MonthData | None = None) -> WorkbookPair:
    """Hand-kept attendance (title block, text dates) vs canonical attendance.

    Rows 1–2 are a title and an instruction line, each merged across all columns; the
    header is on ``HANDKEPT_ATT_HEADER_ROW``.
    """
    data = data or month_data()
    common = canonical_inputs(tmp, data)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = HANDKEPT_ATT_SHEET
    width = len(HANDKEPT_ATT_HEADER)
    ws.append([HANDKEPT_ATT_TITLE])
    ws.append([HANDKEPT_ATT_NOTE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"].font = Font(color="FF0000")
    ws.append(HANDKEPT_ATT_HEADER)
    for cell in ws[HANDKEPT_ATT_HEADER_ROW]:
        cell.font = Font(bold=True)
    for row in handkept_attendance_rows(data):
        ws.append(row)
    for row in ws.iter_rows(min_row=HANDKEPT_ATT_HEADER_ROW + 1):
        if isinstance(row[1].value, dt.datetime):
            row[1].number_format = 'm"月"d"日"'  # looks exactly like the typed text dates
    ws.freeze_panes = f"A{HANDKEPT_ATT_HEADER_ROW + 1}"
    path = tmp / "realistic" / "十月考勤（手工）.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return WorkbookPair(
        [common.roster, common.reception, path, common.qa],
        [common.roster, common.reception, common.attendance, common.qa],
    )


# ---------------------------------------------------------------------------------------
# 5. QA sheet with a two-row header
# ---------------------------------------------------------------------------------------


def build_two_row_qa(tmp: Path, data: MonthData | None = None) -> WorkbookPair:
    """QA with a two-row header vs canonical QA.

    Row 1: 工号, 日期, 会话编号, 满意度 (each merged over rows 1–2), ``态度评分`` merged over
    the ten item columns, ``差错`` merged over two columns. Row 2: the ten item names, then
    ``类型`` and ``店铺风险``. Data from row 3. Item names use the full-width comma a Chinese
    keyboard types (``流程全面，服务规范``).
    """
    data = data or month_data()
    common = canonical_inputs(tmp, data)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = TWO_ROW_QA_SHEET
    lead = ["工号", "日期", "会话编号", "满意度"]
    n_items = len(ITEM_NAMES)
    first_item_col = len(lead) + 1
    err_col = first_item_col + n_items
    row1: list[Any] = [*lead, "态度评分", *([None] * (n_items - 1)), "差错", None]
    row2: list[Any] = [None] * len(lead) + [n.replace(",", "，") for n in ITEM_NAMES] + ["类型", "店铺风险"]
    ws.append(row1)
    ws.append(row2)
    for col in range(1, len(lead) + 1):
        ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
    ws.merge_cells(
        start_row=1, start_column=first_item_col, end_row=1, end_column=first_item_col + n_items - 1
    )
    ws.merge_cells(start_row=1, start_column=err_col, end_row=1, end_column=err_col + 1)
    for r in (1, 2):
        for cell in ws[r]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for c in data.chats:
        ws.append(
            [
                c.agent_id,
                dt.datetime(c.day.year, c.day.month, c.day.day),
                c.chat_id,
                c.satisfaction,
                *c.items,
                c.error_type or None,
                "是" if c.shop_risk else "否",
            ]
        )
    for row in ws.iter_rows(min_row=TWO_ROW_QA_FIRST_DATA_ROW):
        row[1].number_format = "yyyy/m/d"
    ws.freeze_panes = f"E{TWO_ROW_QA_FIRST_DATA_ROW}"
    path = tmp / "realistic" / "十月质检抽查.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return WorkbookPair(
        [common.roster, common.reception, common.attendance, path],
        [common.roster, common.reception, common.attendance, common.qa],
    )
