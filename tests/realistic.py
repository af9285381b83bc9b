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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment, Font

from csreport.domain import ATTITUDE_ITEMS

MONTH = "2026-10"
SHOP = "测试旗舰店"
YEAR, MON = 2026, 10

ITEM_NAMES: tuple[str, ...] = tuple(name for name, _ in ATTITUDE_ITEMS)
ITEM_MAX: tuple[int, ...] = tuple(int(mx) for _, mx in ATTITUDE_ITEMS)

# Canonical headers, exactly as csreport documents them.
ROSTER_HEADER = ["工号", "姓名", "组别", "入职日期", "岗位状态", "级别", "旺旺"]
ATT_HEADER = ["工号", "日期", "考勤状态"]
REC_HEADER = ["工号", "日期", "接待人数", "咨询人数", "回复人数", "平均响应时长(秒)",
              "首次响应时长(秒)", "询单人数", "付款订单数", "销售额"]
QA_HEADER = ["工号", "日期", "会话编号", "满意度", *ITEM_NAMES, "差错类型", "店铺风险"]

# 千牛 咨询接待分析 (sheet 数据信息); note the mixed full-width/half-width brackets.
QIANNIU_SHEET = "数据信息"
QIANNIU_HEADER = ["旺旺昵称", "咨询人数", "接待人数", "未回复人数", "有效接待人数", "平均响应时长（秒)",
                  "3分钟人工响应率", "旺旺回复率", "首次响应时长（秒)", "慢响应人数", "答问比", "旺旺分组"]
QIANNIU_SUMMARY = ("汇总值", "平均值")

# 赤兔 售前明细: every duration both as text and as a "(秒)" number.
CHITU_SHEET = "售前明细"
CHITU_HEADER = ["客服", "接待人数", "询单人数", "客件数", "客单价", "客服回复率", "平均响应时间",
                "平均响应时间(秒)", "首次响应时间", "首次响应时间(秒)", "平均接待时长", "平均接待时长(秒)",
                "销售额", "客服答问比", "慢响应人数", "转出人数"]
CHITU_SUMMARY = "合计"

# A daily custom report keyed by sub-account (no 工号), dates written as text.
SUBACCOUNT_SHEET = "子账号日报"
SUBACCOUNT_HEADER = ["日期", "客服昵称", "接待人数", "咨询人数", "回复人数", "平均响应时长(秒)",
                     "首次响应时长(秒)", "询单人数", "付款订单数", "销售额"]

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


class WorkbookPair(NamedTuple):
    """The inputs of one realistic run and of its canonical twin (same data)."""

    realistic: list[Path]
    canonical: list[Path]


@dataclass(frozen=True)
class AgentInfo:
    """One roster entry."""

    agent_id: str
    name: str
    group: str
    hire_date: dt.date
    status: str  # 试用期 | 正式
    level: str

    @property
    def subaccount(self) -> str:
        """The shop sub-account exports key this agent by, e.g. ``测试旗舰店:小美``."""
        return f"{SHOP}:{self.name}"


@dataclass(frozen=True)
class Reception:
    """One reception row: a day (``day`` set) or the whole month (``day`` None)."""

    agent_id: str
    subaccount: str
    day: dt.date | None
    received: int
    inquiries: int
    replied: int
    avg_response_s: float
    first_response_s: float | None  # None: the export shows "-"
    pre_sales: int
    paid_orders: int | None  # None: the source has no paid-order count
    sales: float


@dataclass(frozen=True)
class AttendanceDay:
    """One attendance record."""

    agent_id: str
    name: str
    day: dt.date
    status: str
    late_minutes: int | None = None


@dataclass(frozen=True)
class Chat:
    """One sampled chat with its ten item scores and error marks."""

    agent_id: str
    day: dt.date
    chat_id: str
    satisfaction: str
    items: tuple[int, ...]
    error_type: str = ""
    shop_risk: bool = False


@dataclass(frozen=True)
class MonthData:
    """The one month every workbook pair is written from."""

    agents: tuple[AgentInfo, ...]
    monthly: tuple[Reception, ...]  # one row per agent for the month (back-office exports)
    daily: tuple[Reception, ...]  # one row per agent per day (roster agents only)
    stranger_daily: tuple[Reception, ...]  # a sub-account the roster does not know
    attendance: tuple[AttendanceDay, ...]
    chats: tuple[Chat, ...]

    @property
    def agent_ids(self) -> list[str]:
        """The roster's 工号, in order."""
        return [a.agent_id for a in self.agents]

    def agent(self, agent_id: str) -> AgentInfo:
        """The roster entry for ``agent_id``."""
        return next(a for a in self.agents if a.agent_id == agent_id)


STRANGER_SUBACCOUNT = f"{SHOP}:阿杰"  # in the sub-account export, not in the roster

# (工号, 姓名, 组别, 入职日期, 岗位状态, 级别)
_AGENTS = (
    ("KF01", "小美", "售前一组", dt.date(2024, 3, 1), "正式", "老员工"),
    ("KF02", "小丽", "售前一组", dt.date(2025, 2, 15), "正式", "新员工"),
    ("KF03", "阿强", "售前二组", dt.date(2023, 7, 1), "正式", "组长"),
    ("KF04", "小芳", "售前二组", dt.date(2026, 8, 20), "试用期", "新员工"),
    ("KF05", "大伟", "售后组", dt.date(2025, 6, 1), "正式", "特殊技能新员工"),
    ("KF06", "小雨", "售后组", dt.date(2026, 9, 1), "试用期", "新员工"),
)
# Whole-month figures as a back-office export shows them. 咨询人数 == 接待人数, and every
# 咨询人数 divides 10,000, so 回复率 is exact at two decimals of a percent (e.g. 99.72%).
# (工号, 咨询=接待, 回复, 平均响应, 首次响应 or None, 询单, 销售额)
_MONTHLY = (
    ("KF01", 2500, 2493, 25.37, 12.4, 1800, 182345.5),
    ("KF02", 2000, 1942, 63.85, 30.12, 1500, 120000.0),
    ("KF03", 1250, 1180, 88.92, None, 900, 80500.8),
    ("KF04", 5000, 4986, 41.06, 20.5, 3600, 300210.0),
    ("KF05", 1000, 880, 105.4, 50.2, 700, 50000.0),
    ("KF06", 2500, 2488, 52.6, 26.33, 1900, 150000.0),
)
# Daily profile: (base sessions a day, reply rate, response time, conversion)
_DAILY = {
    "KF01": (80, 0.995, 26.0, 0.60),
    "KF02": (70, 0.970, 62.0, 0.52),
    "KF03": (60, 0.945, 86.0, 0.45),
    "KF04": (90, 0.990, 40.0, 0.58),
    "KF05": (50, 0.880, 104.0, 0.35),
    "KF06": (75, 0.985, 50.0, 0.56),
}
DAILY_DAYS = tuple(range(1, 13))  # 10月1日 … 10月12日
# Attitude deductions from 100, one per sampled chat; errors per chat (type, shop risk).
_CHAT_DEDUCTIONS = {
    "KF01": (5, 8, 10, 6),
    "KF02": (18, 22, 20, 16),
    "KF03": (28, 25, 30, 27),
    "KF04": (10, 12, 14, 11),
    "KF05": (33, 35, 30, 38),
    "KF06": (12, 15, 10, 14),
}
_CHAT_ERRORS: dict[str, dict[int, tuple[str, bool]]] = {
    "KF02": {0: ("话术错误", False), 2: ("话术错误", False)},
    "KF03": {0: ("优惠解释错误", False), 1: ("优惠解释错误", False), 3: ("优惠解释错误", False)},
    "KF05": {1: ("发货时效承诺错误", False)},
    "KF06": {2: ("退换货政策错误", True)},
}
_SATISFACTION = ("非常满意", "满意", "一般", "不满意", "非常不满意")
# Exceptions to 出勤 / weekly 休息: (工号, day) → (status, minutes late)
_ATT_EVENTS: dict[tuple[str, int], tuple[str, int | None]] = {
    ("KF01", 20): ("迟到", 5),
    ("KF02", 5): ("迟到", 12),
    ("KF02", 6): ("早退", None),
    ("KF03", 8): ("早退", None),
    ("KF04", 10): ("请假", None),
    ("KF05", 14): ("旷工", None),
    ("KF05", 15): ("迟到", 30),
    ("KF06", 21): ("请假", None),
}


def month_data() -> MonthData:
    """The shared, deterministic month: six agents with varied bands, vetoes and events."""
    agents = tuple(AgentInfo(*row) for row in _AGENTS)
    subaccount = {a.agent_id: a.subaccount for a in agents}
    monthly = tuple(
        Reception(aid, subaccount[aid], None, asked, asked, replied, rt, first, pre, None, sales)
        for aid, asked, replied, rt, first, pre, sales in _MONTHLY
    )
    daily = tuple(
        _daily_row(aid, subaccount[aid], d, *_DAILY[aid]) for d in DAILY_DAYS for aid in subaccount
    )
    stranger = tuple(
        _daily_row("", STRANGER_SUBACCOUNT, d, 40, 0.95, 70.0, 0.5) for d in (2, 3, 4)
    )
    attendance = tuple(
        _attendance_day(i, a, day) for day in range(1, 32) for i, a in enumerate(agents)
    )
    chats = tuple(_chats(agents))
    return MonthData(agents, monthly, daily, stranger, attendance, chats)


def _daily_row(agent_id: str, sub: str, day: int, base: int, rr: float, rt: float,
               conv: float) -> Reception:
    """A plausible day for one agent; counts integral, times at two decimals."""
    n = base + (day * 7) % 13
    delta = ((day * 5) % 9 - 4) * 0.7
    avg = round(rt + delta, 2)
    return Reception(
        agent_id, sub, dt.date(YEAR, MON, day), n, n, round(n * rr), avg,
        round(avg / 2, 1), round(n * 0.7), round(n * conv), round(n * conv) * 128.5,
    )


def _attendance_day(index: int, agent: AgentInfo, day: int) -> AttendanceDay:
    """出勤 with one rest day a week, except for the listed events."""
    status, late = _ATT_EVENTS.get((agent.agent_id, day), ("出勤", None))
    if (agent.agent_id, day) not in _ATT_EVENTS and (day + index) % 7 == 0:
        status = "休息"
    return AttendanceDay(agent.agent_id, agent.name, dt.date(YEAR, MON, day), status, late)


def _item_scores(deduction: int, offset: int) -> tuple[int, ...]:
    """Ten item scores summing to ``100 - deduction``, each within its maximum."""
    scores = list(ITEM_MAX)
    left = deduction
    for k in range(len(scores)):
        i = (offset + k) % len(scores)
        take = min(left, max(1, ITEM_MAX[i] // 2))
        scores[i] -= take
        left -= take
        if not left:
            break
    assert left == 0 and all(0 <= s <= m for s, m in zip(scores, ITEM_MAX, strict=True))
    return tuple(scores)


def _chats(agents: Sequence[AgentInfo]) -> list[Chat]:
    """Four sampled chats per agent, on different days, with the listed errors."""
    out: list[Chat] = []
    serial = 1000
    for ai, agent in enumerate(agents):
        errors = _CHAT_ERRORS.get(agent.agent_id, {})
        for ci, deduction in enumerate(_CHAT_DEDUCTIONS[agent.agent_id]):
            serial += 1
            etype, risk = errors.get(ci, ("", False))
            out.append(Chat(
                agent.agent_id, dt.date(YEAR, MON, 2 + ci * 7 + ai), f"QA{serial}",
                _SATISFACTION[(ai + ci) % len(_SATISFACTION)], _item_scores(deduction, ai + ci),
                etype, risk,
            ))
    return out


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
        [a.agent_id, a.name, a.group, a.hire_date, a.status, a.level, a.subaccount]
        for a in data.agents
    ]


def canonical_reception_rows(rows: Sequence[Reception], month_label: str | None = None,
                             seconds: bool = False) -> list[list[Any]]:
    """Reception rows in canonical columns, keyed by 工号.

    ``month_label`` replaces the date of monthly rows (e.g. ``2026-10``); ``seconds``
    rounds durations to whole seconds (what 赤兔 shows). A missing count stays blank.
    """
    out: list[list[Any]] = [REC_HEADER]
    for r in rows:
        avg = chitu_seconds(r.avg_response_s) if seconds else r.avg_response_s
        first = chitu_seconds(r.first_response_s) if seconds else r.first_response_s
        out.append([r.agent_id, r.day if r.day else month_label, r.received, r.inquiries,
                    r.replied, avg, first, r.pre_sales, r.paid_orders, r.sales])
    return out


def canonical_attendance_rows(data: MonthData) -> list[list[Any]]:
    """Attendance in canonical columns, one date cell per row."""
    return [ATT_HEADER] + [[d.agent_id, d.day, d.status] for d in data.attendance]


def canonical_qa_rows(data: MonthData) -> list[list[Any]]:
    """Sampled chats in canonical columns: ten items, 差错类型, 店铺风险."""
    return [QA_HEADER] + [
        [c.agent_id, c.day, c.chat_id, c.satisfaction, *c.items, c.error_type or None,
         "是" if c.shop_risk else "否"]
        for c in data.chats
    ]


@dataclass(frozen=True)
class _Common:
    """The canonical files every pair shares (each scenario replaces one of them)."""

    roster: Path
    reception: Path
    attendance: Path
    qa: Path


def _common(tmp: Path, data: MonthData) -> _Common:
    """Write (once per directory) the canonical roster, daily reception, attendance, QA."""
    base = tmp / "canonical"
    roster = base / "花名册.xlsx"
    if roster.exists():
        return _Common(roster, base / "接待.xlsx", base / "考勤.xlsx", base / "质检.xlsx")
    return _Common(
        write_sheet(roster, "花名册", roster_rows(data)),
        write_sheet(base / "接待.xlsx", "接待数据", canonical_reception_rows(data.daily)),
        write_sheet(base / "考勤.xlsx", "考勤", canonical_attendance_rows(data)),
        write_sheet(base / "质检.xlsx", "质检抽查", canonical_qa_rows(data)),
    )


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
        rows.append([
            r.subaccount, r.inquiries, r.received, unreplied, effective, r.avg_response_s,
            "-" if r.agent_id == "KF05" else pct_text(within_3min, r.inquiries),
            pct_text(r.replied, r.inquiries),
            "-" if r.first_response_s is None else r.first_response_s,
            "-" if r.agent_id == "KF02" else slow,
            f"{1.2 + 0.05 * i:.2f}",
            data.agent(r.agent_id).group,
        ])
    n = len(data.monthly)
    asked = sum(r.inquiries for r in data.monthly)
    received = sum(r.received for r in data.monthly)
    replied = sum(r.replied for r in data.monthly)
    avg_rt = round(sum(r.avg_response_s for r in data.monthly) / n, 2)
    firsts = [r.first_response_s for r in data.monthly if r.first_response_s is not None]
    avg_first = round(sum(firsts) / len(firsts), 2)
    rows.append(["汇总值", asked, received, asked - replied, replied - 100, avg_rt, "97.80%",
                 pct_text(replied, asked), avg_first, 40, "1.32", ""])
    rows.append(["平均值", round(asked / n, 2), round(received / n, 2), round((asked - replied) / n, 2),
                 round((replied - 100) / n, 2), avg_rt, "97.80%", pct_text(replied, asked), avg_first,
                 round(40 / n, 2), "1.32", ""])
    return rows


def qianniu_summary_rows(data: MonthData) -> dict[str, int]:
    """Excel row number of each summary row (汇总值, 平均值) in the 千牛 export."""
    first = 2 + len(data.monthly)
    return {label: first + i for i, label in enumerate(QIANNIU_SUMMARY)}


def qianniu_row_of(data: MonthData, agent_id: str) -> int:
    """Excel row number of ``agent_id``'s line in the 千牛 export."""
    return 2 + [r.agent_id for r in data.monthly].index(agent_id)


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


def build_qianniu(tmp: Path, data: MonthData | None = None) -> WorkbookPair:
    """千牛 咨询接待分析 export vs canonical monthly reception (回复人数 = 咨询 − 未回复).

    The export has no 付款订单数, so 咨询转化率 is 缺数据 on both sides.
    """
    data = data or month_data()
    common = _common(tmp, data)
    export = write_xlsxwriter(tmp / "realistic" / "咨询接待分析_2026-10-01至2026-10-31.xlsx",
                              QIANNIU_SHEET, qianniu_rows(data))
    canon: list[list[Any]] = [REC_HEADER[:7]] + [
        [r.agent_id, MONTH, r.received, r.inquiries, r.replied, r.avg_response_s,
         r.first_response_s] for r in data.monthly
    ]
    canonical = write_sheet(tmp / "canonical" / "接待_千牛月度.xlsx", "接待数据", canon)
    return WorkbookPair([common.roster, export, common.attendance, common.qa],
                        [common.roster, canonical, common.attendance, common.qa])


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
        rows.append([
            r.subaccount, r.received, r.pre_sales, 1.12, round(r.sales / buyers, 2),
            r.replied / r.received, duration_text(avg or 0), avg,
            "-" if first is None else duration_text(first), "-" if first is None else first,
            duration_text(session), session, r.sales, round(1.25 + 0.03 * i, 2), 4 + i, 2 * i,
        ])
    received = sum(r.received for r in data.monthly)
    replied = sum(r.replied for r in data.monthly)
    rows.append([CHITU_SUMMARY, received, sum(r.pre_sales for r in data.monthly), 1.12, 180.0,
                 replied / received, "1分3秒", 63, "26秒", 26, "6分32秒", 392,
                 round(sum(r.sales for r in data.monthly), 2), 1.33, 39, 30])
    return rows


def build_chitu(tmp: Path, data: MonthData | None = None) -> WorkbookPair:
    """赤兔 售前明细 export vs canonical monthly reception.

    Canonical: 咨询人数 = 接待人数 and 回复人数 = 客服回复率 × 接待人数 (an integer by
    construction); response times are the whole seconds 赤兔 shows. No 付款订单数 on either
    side, so 咨询转化率 is 缺数据 on both.
    """
    data = data or month_data()
    common = _common(tmp, data)
    export = write_xlsxwriter(tmp / "realistic" / "赤兔_售前明细_2026-10-01至2026-10-31.xlsx",
                              CHITU_SHEET, chitu_rows(data))
    header = ["工号", "日期", "接待人数", "咨询人数", "回复人数", "平均响应时长(秒)", "首次响应时长(秒)",
              "询单人数", "销售额"]
    canon: list[list[Any]] = [header]
    for r in data.monthly:
        rate = r.replied / r.received
        replied = round(rate * r.received)
        assert replied == r.replied  # the rate is exact at four decimals
        canon.append([r.agent_id, MONTH, r.received, r.received, replied,
                      chitu_seconds(r.avg_response_s), chitu_seconds(r.first_response_s),
                      r.pre_sales, r.sales])
    canonical = write_sheet(tmp / "canonical" / "接待_赤兔月度.xlsx", "接待数据", canon)
    return WorkbookPair([common.roster, export, common.attendance, common.qa],
                        [common.roster, canonical, common.attendance, common.qa])


# ---------------------------------------------------------------------------------------
# 3. Reception keyed by sub-account; the roster maps 旺旺 → 工号
# ---------------------------------------------------------------------------------------

def subaccount_rows(data: MonthData) -> list[list[Any]]:
    """Daily rows keyed by ``店铺名:昵称`` (no 工号), dates as text ``2026-10-03``.

    The unknown sub-account's days are interleaved with everyone else's.
    """
    rows: list[list[Any]] = [list(SUBACCOUNT_HEADER)]
    everything = sorted((*data.daily, *data.stranger_daily),
                        key=lambda r: (r.day or dt.date.min, r.subaccount))
    for r in everything:
        rows.append([r.day.isoformat() if r.day else "", r.subaccount, r.received, r.inquiries,
                     r.replied, r.avg_response_s, r.first_response_s, r.pre_sales, r.paid_orders,
                     r.sales])
    return rows


def build_subaccount(tmp: Path, data: MonthData | None = None) -> WorkbookPair:
    """Daily reception keyed by sub-account vs the same days keyed by 工号.

    The realistic file also holds ``STRANGER_SUBACCOUNT`` (not in the roster): it must be
    reported. The canonical twin cannot key it by 工号, so it holds only roster agents.
    """
    data = data or month_data()
    common = _common(tmp, data)
    export = write_xlsxwriter(tmp / "realistic" / "客服日报_按子账号_2026-10.xlsx",
                              SUBACCOUNT_SHEET, subaccount_rows(data))
    return WorkbookPair([common.roster, export, common.attendance, common.qa],
                        [common.roster, common.reception, common.attendance, common.qa])


# ---------------------------------------------------------------------------------------
# 4. Hand-kept attendance sheet with a merged title block
# ---------------------------------------------------------------------------------------

def handkept_attendance_rows(data: MonthData) -> list[list[Any]]:
    """The data rows (no title, no header) as the manager typed them, day by day.

    Dates are text ``10月3日`` except on ``HANDKEPT_REAL_DATE_DAYS`` (date cells).
    """
    rows: list[list[Any]] = []
    for n, d in enumerate(data.attendance, start=1):
        when: Any = (dt.datetime(d.day.year, d.day.month, d.day.day)
                     if d.day.day in HANDKEPT_REAL_DATE_DAYS else md_text(d.day))
        shift = "早班" if n % 2 else "晚班"
        note = "堵车" if d.status == "迟到" else ("病假" if d.status == "请假" else None)
        rows.append([n, when, d.agent_id, d.name, None if d.status == "休息" else shift, d.status,
                     d.late_minutes, note])
    return rows


def handkept_attendance_row_of(data: MonthData, agent_id: str, day: int) -> int:
    """Excel row number of ``agent_id``'s record for ``day`` in the hand-kept sheet."""
    index = next(i for i, d in enumerate(data.attendance)
                 if d.agent_id == agent_id and d.day.day == day)
    return HANDKEPT_ATT_HEADER_ROW + 1 + index


def build_handkept_attendance(tmp: Path, data: MonthData | None = None) -> WorkbookPair:
    """Hand-kept attendance (title block, text dates) vs canonical attendance.

    Rows 1–2 are a title and an instruction line, each merged across all columns; the
    header is on ``HANDKEPT_ATT_HEADER_ROW``.
    """
    data = data or month_data()
    common = _common(tmp, data)
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
    return WorkbookPair([common.roster, common.reception, path, common.qa],
                        [common.roster, common.reception, common.attendance, common.qa])


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
    common = _common(tmp, data)
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
    ws.merge_cells(start_row=1, start_column=first_item_col, end_row=1,
                   end_column=first_item_col + n_items - 1)
    ws.merge_cells(start_row=1, start_column=err_col, end_row=1, end_column=err_col + 1)
    for r in (1, 2):
        for cell in ws[r]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for c in data.chats:
        ws.append([c.agent_id, dt.datetime(c.day.year, c.day.month, c.day.day), c.chat_id,
                   c.satisfaction, *c.items, c.error_type or None, "是" if c.shop_risk else "否"])
    for row in ws.iter_rows(min_row=TWO_ROW_QA_FIRST_DATA_ROW):
        row[1].number_format = "yyyy/m/d"
    ws.freeze_panes = f"E{TWO_ROW_QA_FIRST_DATA_ROW}"
    path = tmp / "realistic" / "十月质检抽查.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return WorkbookPair([common.roster, common.reception, common.attendance, path],
                        [common.roster, common.reception, common.attendance, common.qa])


BUILDERS = {
    "qianniu": build_qianniu,
    "chitu": build_chitu,
    "subaccount": build_subaccount,
    "handkept_attendance": build_handkept_attendance,
    "two_row_qa": build_two_row_qa,
}
