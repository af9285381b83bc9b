"""Realistic workbooks exported by machines: 千牛, 赤兔 and a sub-account daily report.

Each builder writes the export the way its back-office produces it (XlsxWriter, text rates,
``-`` placeholders, summary rows, sub-account keys instead of 工号) next to a canonical twin
holding the same data, and returns both input sets as a :class:`WorkbookPair`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.realistic_month import MONTH, MonthData, month_data
from tests.realistic_writers import (
    REC_HEADER,
    WorkbookPair,
    canonical_inputs,
    chitu_seconds,
    duration_text,
    pct_text,
    write_sheet,
    write_xlsxwriter,
)

# 千牛 咨询接待分析 (sheet 数据信息); note the mixed full-width/half-width brackets.
QIANNIU_SHEET = "数据信息"
QIANNIU_HEADER = [
    "旺旺昵称",
    "咨询人数",
    "接待人数",
    "未回复人数",
    "有效接待人数",
    "平均响应时长（秒)",
    "3分钟人工响应率",
    "旺旺回复率",
    "首次响应时长（秒)",
    "慢响应人数",
    "答问比",
    "旺旺分组",
]
QIANNIU_SUMMARY = ("汇总值", "平均值")

# 赤兔 售前明细: every duration both as text and as a "(秒)" number.
CHITU_SHEET = "售前明细"
CHITU_HEADER = [
    "客服",
    "接待人数",
    "询单人数",
    "客件数",
    "客单价",
    "客服回复率",
    "平均响应时间",
    "平均响应时间(秒)",
    "首次响应时间",
    "首次响应时间(秒)",
    "平均接待时长",
    "平均接待时长(秒)",
    "销售额",
    "客服答问比",
    "慢响应人数",
    "转出人数",
]
CHITU_SUMMARY = "合计"

# A daily custom report keyed by sub-account (no 工号), dates written as text.
SUBACCOUNT_SHEET = "子账号日报"
SUBACCOUNT_HEADER = [
    "日期",
    "客服昵称",
    "接待人数",
    "咨询人数",
    "回复人数",
    "平均响应时长(秒)",
    "首次响应时长(秒)",
    "询单人数",
    "付款订单数",
    "销售额",
]


# ---------------------------------------------------------------------------------------
# 1. 千牛 咨询接待分析 export
# ---------------------------------------------------------------------------------------


def qianniu_rows(data: MonthData) -> list[list[Any]]:
    """The 数据信息 sheet: header, one row per sub-account, then 汇总值 and 平均值.

    Rates are text (``99.72%``); 首次响应时长 is ``-`` when unknown; 3分钟人工响应率 and
    慢响应人数 have a ``-`` each too, as real exports do.
    """
    rows: list[list[Any]] = [list(QIANNIU_HEADER)]
    for i, r in enumerate(data.monthly):
        unreplied = r.inquiries - r.replied
        effective = r.replied - (7 + 3 * i)
        within_3min = r.replied - (12 + 5 * i)
        slow = 3 + 2 * i
        rows.append(
            [
                r.subaccount,
                r.inquiries,
                r.received,
                unreplied,
                effective,
                r.avg_response_s,
                "-" if r.agent_id == "KF05" else pct_text(within_3min, r.inquiries),
                pct_text(r.replied, r.inquiries),
                "-" if r.first_response_s is None else r.first_response_s,
                "-" if r.agent_id == "KF02" else slow,
                f"{1.2 + 0.05 * i:.2f}",
                data.agent(r.agent_id).group,
            ]
        )
    n = len(data.monthly)
    asked = sum(r.inquiries for r in data.monthly)
    received = sum(r.received for r in data.monthly)
    replied = sum(r.replied for r in data.monthly)
    avg_rt = round(sum(r.avg_response_s for r in data.monthly) / n, 2)
    firsts = [r.first_response_s for r in data.monthly if r.first_response_s is not None]
    avg_first = round(sum(firsts) / len(firsts), 2)
    rows.append(
        [
            "汇总值",
            asked,
            received,
            asked - replied,
            replied - 100,
            avg_rt,
            "97.80%",
            pct_text(replied, asked),
            avg_first,
            40,
            "1.32",
            "",
        ]
    )
    rows.append(
        [
            "平均值",
            round(asked / n, 2),
            round(received / n, 2),
            round((asked - replied) / n, 2),
            round((replied - 100) / n, 2),
            avg_rt,
            "97.80%",
            pct_text(replied, asked),
            avg_first,
            round(40 / n, 2),
            "1.32",
            "",
        ]
    )
    return rows


def qianniu_summary_rows(data: MonthData) -> dict[str, int]:
    """Excel row number of each summary row (汇总值, 平均值) in the 千牛 export."""
    first = 2 + len(data.monthly)
    return {label: first + i for i, label in enumerate(QIANNIU_SUMMARY)}


def qianniu_row_of(data: MonthData, agent_id: str) -> int:
    """Excel row number of ``agent_id``'s line in the 千牛 export."""
    return 2 + [r.agent_id for r in data.monthly].index(agent_id)


def build_qianniu(tmp: Path, data: MonthData | None = None) -> WorkbookPair:
    """千牛 咨询接待分析 export vs canonical monthly reception (回复人数 = 咨询 − 未回复).

    The export has no 付款订单数, so 咨询转化率 is 缺数据 on both sides.
    """
    data = data or month_data()
    common = canonical_inputs(tmp, data)
    export = write_xlsxwriter(
        tmp / "realistic" / "咨询接待分析_2026-10-01至2026-10-31.xlsx", QIANNIU_SHEET, qianniu_rows(data)
    )
    canon: list[list[Any]] = [REC_HEADER[:7]] + [
        [r.agent_id, MONTH, r.received, r.inquiries, r.replied, r.avg_response_s, r.first_response_s]
        for r in data.monthly
    ]
    canonical = write_sheet(tmp / "canonical" / "接待_千牛月度.xlsx", "接待数据", canon)
    return WorkbookPair(
        [common.roster, export, common.attendance, common.qa],
        [common.roster, canonical, common.attendance, common.qa],
    )


# ---------------------------------------------------------------------------------------
# 2. 赤兔 售前明细 export
# ---------------------------------------------------------------------------------------


def chitu_rows(data: MonthData) -> list[list[Any]]:
    """The 赤兔 sheet: durations as text and as ``(秒)`` numbers, 客服回复率 as 0.9972.

    There are no 咨询人数/回复人数 counts: only the rate. The last row is 合计.
    """
    rows: list[list[Any]] = [list(CHITU_HEADER)]
    for i, r in enumerate(data.monthly):
        avg = chitu_seconds(r.avg_response_s)
        first = chitu_seconds(r.first_response_s)
        session = 300 + 37 * i  # 平均接待时长: minutes, never a response time
        buyers = round(r.pre_sales * 0.55)
        rows.append(
            [
                r.subaccount,
                r.received,
                r.pre_sales,
                1.12,
                round(r.sales / buyers, 2),
                r.replied / r.received,
                duration_text(avg or 0),
                avg,
                "-" if first is None else duration_text(first),
                "-" if first is None else first,
                duration_text(session),
                session,
                r.sales,
                round(1.25 + 0.03 * i, 2),
                4 + i,
                2 * i,
            ]
        )
    received = sum(r.received for r in data.monthly)
    replied = sum(r.replied for r in data.monthly)
    rows.append(
        [
            CHITU_SUMMARY,
            received,
            sum(r.pre_sales for r in data.monthly),
            1.12,
            180.0,
            replied / received,
            "1分3秒",
            63,
            "26秒",
            26,
            "6分32秒",
            392,
            round(sum(r.sales for r in data.monthly), 2),
            1.33,
            39,
            30,
        ]
    )
    return rows


def build_chitu(tmp: Path, data: MonthData | None = None) -> WorkbookPair:
    """赤兔 售前明细 export vs canonical monthly reception.

    Canonical: 咨询人数 = 接待人数 and 回复人数 = 客服回复率 × 接待人数 (an integer by
    construction); response times are the whole seconds 赤兔 shows. No 付款订单数 on either
    side, so 咨询转化率 is 缺数据 on both.
    """
    data = data or month_data()
    common = canonical_inputs(tmp, data)
    export = write_xlsxwriter(
        tmp / "realistic" / "赤兔_售前明细_2026-10-01至2026-10-31.xlsx", CHITU_SHEET, chitu_rows(data)
    )
    header = [
        "工号",
        "日期",
        "接待人数",
        "咨询人数",
        "回复人数",
        "平均响应时长(秒)",
        "首次响应时长(秒)",
        "询单人数",
        "销售额",
    ]
    canon: list[list[Any]] = [header]
    for r in data.monthly:
        rate = r.replied / r.received
        replied = round(rate * r.received)
        assert replied == r.replied  # the rate is exact at four decimals
        canon.append(
            [
                r.agent_id,
                MONTH,
                r.received,
                r.received,
                replied,
                chitu_seconds(r.avg_response_s),
                chitu_seconds(r.first_response_s),
                r.pre_sales,
                r.sales,
            ]
        )
    canonical = write_sheet(tmp / "canonical" / "接待_赤兔月度.xlsx", "接待数据", canon)
    return WorkbookPair(
        [common.roster, export, common.attendance, common.qa],
        [common.roster, canonical, common.attendance, common.qa],
    )


# ---------------------------------------------------------------------------------------
# 3. Reception keyed by sub-account; the roster maps 旺旺 → 工号
# ---------------------------------------------------------------------------------------


def subaccount_rows(data: MonthData) -> list[list[Any]]:
    """Daily rows keyed by ``店铺名:昵称`` (no 工号), dates as text ``2026-10-03``.

    The unknown sub-account's days are interleaved with everyone else's.
    """
    rows: list[list[Any]] = [list(SUBACCOUNT_HEADER)]
    everything = sorted(
        (*data.daily, *data.stranger_daily), key=lambda r: (r.day or dt.date.min, r.subaccount)
    )
    for r in everything:
        rows.append(
            [
                r.day.isoformat() if r.day else "",
                r.subaccount,
                r.received,
                r.inquiries,
                r.replied,
                r.avg_response_s,
                r.first_response_s,
                r.pre_sales,
                r.paid_orders,
                r.sales,
            ]
        )
    return rows


def build_subaccount(tmp: Path, data: MonthData | None = None) -> WorkbookPair:
    """Daily reception keyed by sub-account vs the same days keyed by 工号.

    The realistic file also holds ``STRANGER_SUBACCOUNT`` (not in the roster): it must be
    reported. The canonical twin cannot key it by 工号, so it holds only roster agents.
    """
    data = data or month_data()
    common = canonical_inputs(tmp, data)
    export = write_xlsxwriter(
        tmp / "realistic" / "客服日报_按子账号_2026-10.xlsx", SUBACCOUNT_SHEET, subaccount_rows(data)
    )
    return WorkbookPair(
        [common.roster, export, common.attendance, common.qa],
        [common.roster, common.reception, common.attendance, common.qa],
    )
