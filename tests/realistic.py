"""Workbooks made the way real people make them, each paired with a canonical twin.

Managers do not type csreport's canonical columns: they export reception numbers from the
shop back-office (千牛 咨询接待分析, 赤兔 售前明细), key them by the shop sub-account
(``测试旗舰店:小美``) instead of the 工号, and keep attendance and QA sheets by hand with title
blocks, text dates and two-row headers. Every builder here writes one such realistic
workbook and a canonical-column workbook holding the **same data**, both from one shared
in-memory month (:func:`month_data`), so a test can run both through csreport and demand
identical scores.

Each builder takes a directory and returns a :class:`WorkbookPair`: the full input set for
the realistic run and for the canonical run (roster, reception, attendance and QA each
time; only the workbook under test differs between the two sets).

The builders live in themed modules, re-exported here under their old names so importers keep
working: ``tests/realistic_month.py`` (the shared month), ``tests/realistic_writers.py``
(value formatting, writers, the canonical twin set), ``tests/realistic_exports.py`` (千牛,
赤兔, sub-account exports) and ``tests/realistic_handkept.py`` (hand-kept attendance and QA).
:data:`BUILDERS` names every scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.realistic_exports import (
    CHITU_HEADER,
    CHITU_SHEET,
    CHITU_SUMMARY,
    QIANNIU_HEADER,
    QIANNIU_SHEET,
    QIANNIU_SUMMARY,
    SUBACCOUNT_HEADER,
    SUBACCOUNT_SHEET,
    build_chitu,
    build_qianniu,
    build_subaccount,
    chitu_rows,
    qianniu_row_of,
    qianniu_rows,
    qianniu_summary_rows,
    subaccount_rows,
)
from tests.realistic_handkept import (
    HANDKEPT_ATT_HEADER,
    HANDKEPT_ATT_HEADER_ROW,
    HANDKEPT_ATT_NOTE,
    HANDKEPT_ATT_SHEET,
    HANDKEPT_ATT_TITLE,
    HANDKEPT_REAL_DATE_DAYS,
    TWO_ROW_QA_FIRST_DATA_ROW,
    TWO_ROW_QA_SHEET,
    build_handkept_attendance,
    build_two_row_qa,
    handkept_attendance_row_of,
    handkept_attendance_rows,
)
from tests.realistic_month import (
    DAILY_DAYS,
    ITEM_MAX,
    ITEM_NAMES,
    MON,
    MONTH,
    SHOP,
    STRANGER_SUBACCOUNT,
    YEAR,
    AgentInfo,
    AttendanceDay,
    Chat,
    MonthData,
    Reception,
    month_data,
)
from tests.realistic_writers import (
    ATT_HEADER,
    QA_HEADER,
    REC_HEADER,
    ROSTER_HEADER,
    WorkbookPair,
    canonical_attendance_rows,
    canonical_qa_rows,
    canonical_reception_rows,
    chitu_seconds,
    duration_text,
    md_text,
    pct_text,
    roster_rows,
    write_sheet,
    write_xlsxwriter,
)

BUILDERS: dict[str, Callable[[Path, MonthData | None], WorkbookPair]] = {
    "qianniu": build_qianniu,
    "chitu": build_chitu,
    "subaccount": build_subaccount,
    "handkept_attendance": build_handkept_attendance,
    "two_row_qa": build_two_row_qa,
}

__all__ = [
    "ATT_HEADER",
    "BUILDERS",
    "CHITU_HEADER",
    "CHITU_SHEET",
    "CHITU_SUMMARY",
    "DAILY_DAYS",
    "HANDKEPT_ATT_HEADER",
    "HANDKEPT_ATT_HEADER_ROW",
    "HANDKEPT_ATT_NOTE",
    "HANDKEPT_ATT_SHEET",
    "HANDKEPT_ATT_TITLE",
    "HANDKEPT_REAL_DATE_DAYS",
    "ITEM_MAX",
    "ITEM_NAMES",
    "MON",
    "MONTH",
    "QA_HEADER",
    "QIANNIU_HEADER",
    "QIANNIU_SHEET",
    "QIANNIU_SUMMARY",
    "REC_HEADER",
    "ROSTER_HEADER",
    "SHOP",
    "STRANGER_SUBACCOUNT",
    "SUBACCOUNT_HEADER",
    "SUBACCOUNT_SHEET",
    "TWO_ROW_QA_FIRST_DATA_ROW",
    "TWO_ROW_QA_SHEET",
    "YEAR",
    "AgentInfo",
    "AttendanceDay",
    "Chat",
    "MonthData",
    "Reception",
    "WorkbookPair",
    "build_chitu",
    "build_handkept_attendance",
    "build_qianniu",
    "build_subaccount",
    "build_two_row_qa",
    "canonical_attendance_rows",
    "canonical_qa_rows",
    "canonical_reception_rows",
    "chitu_rows",
    "chitu_seconds",
    "duration_text",
    "handkept_attendance_row_of",
    "handkept_attendance_rows",
    "md_text",
    "month_data",
    "pct_text",
    "qianniu_row_of",
    "qianniu_rows",
    "qianniu_summary_rows",
    "roster_rows",
    "subaccount_rows",
    "write_sheet",
    "write_xlsxwriter",
]
