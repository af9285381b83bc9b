"""Exports csreport has never seen, each next to the same data in canonical columns.

One seeded month (eight roster agents with 旺旺 sub-accounts, about twenty working days each)
is written five ways, the way back-offices write their daily 客服 reports: a title row above
the header, agents as ``澜庭旗舰店:昵称``, ``11秒`` / ``2分30秒`` durations, ``"97.50%"`` text
rates, ``"1,234"`` text counts, 店铺汇总值 and 全店合计 rows at the bottom, complements
(不服务率, 询单流失率) instead of counts, headers only a mapping file explains (one of them
feeding two fields), and a platform KPI (三分钟回复率) declared under ``fields:`` and scored by
a rules file. Each export has a canonical twin: the same days under csreport's own headers,
keyed by 工号, numbers as numbers and rates as fractions. Scoring either must give the same
汇总 rows.

:func:`build_variant` writes one variant's two input sets (and their mapping files) into a
folder; :func:`rules_yaml` gives the rules both sides are scored with.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter

SEED = 20261012
MONTH = "2026-10"
YEAR, MON = 2026, 10
SHOP = "澜庭旗舰店"
PERIOD = "2026-10-01~2026-10-31"
DECLARED_COLUMN = "三分钟回复率（人维度）"
BOT = "机器人客服"  # a bot account some back-offices list among the agents

ROSTER_HEADER = ["工号", "姓名", "组别", "入职日期", "岗位状态", "级别", "旺旺"]
ATT_HEADER = ["工号", "日期", "考勤状态"]
QA_HEADER = ["工号", "日期", "会话编号", "满意度", "态度得分", "差错类型", "店铺风险"]
CANONICAL_RECEPTION = [
    "工号",
    "日期",
    "接待人数",
    "咨询人数",
    "回复人数",
    "平均响应时长(秒)",
    "首次响应时长(秒)",
    "询单人数",
    "付款订单数",
    "询单付款人数",
    "销售额",
    "客户满意率",
]

# The platform KPI as the mapping file declares it (the canonical twin declares it too:
# csreport has no built-in name for it).
FIELDS_YAML = f"""\
fields:
  三分钟回复率:
    column: {DECLARED_COLUMN}
    unit: "%"
    month: weighted by 咨询人数
"""


@dataclass(frozen=True)
class Agent:
    """One roster entry; ``wangwang`` is what the roster's 旺旺 cell holds."""

    agent_id: str
    name: str
    nickname: str
    group: str
    hire_date: dt.date
    status: str  # 试用期 | 正式
    level: str
    wangwang: str

    @property
    def subaccount(self) -> str:
        """The account every export keys this agent by: ``澜庭旗舰店:昵称``."""
        return f"{SHOP}:{self.nickname}"


@dataclass(frozen=True)
class Profile:
    """How an agent's days are drawn: sessions, rates, response time, conversion."""

    base: int  # sessions received on a typical day
    spread: int  # day-to-day variation of ``base``
    reply: float  # share of customers who asked and were replied to
    response_s: int  # typical average response time
    pre_share: float  # share of customers who asked before buying (询单)
    paid_share: float  # share of 询单 customers who paid
    satisfaction: float
    three_min: float  # 三分钟回复率


# (工号, 姓名, 昵称, 组别, 入职日期, 岗位状态, 级别, 旺旺 as the roster writes it)
# 阿默 and 悦悦 are in the roster by nickname only; 平均分's nickname holds a summary word.
_AGENTS = (
    ("KF101", "林晓", "晓晓", "售前一组", dt.date(2024, 3, 1), "正式", "老员工", "full"),
    ("KF102", "陈默", "阿默", "售前一组", dt.date(2023, 5, 12), "正式", "组长", "nickname"),
    ("KF103", "王一帆", "一帆", "售前一组", dt.date(2026, 8, 25), "试用期", "新员工", "full"),
    ("KF104", "赵敏", "平均分", "售前二组", dt.date(2025, 4, 1), "正式", "新员工", "full"),
    ("KF105", "孙悦", "悦悦", "售前二组", dt.date(2025, 9, 9), "正式", "特殊技能新员工", "nickname"),
    ("KF106", "周航", "大航", "售后组", dt.date(2026, 9, 1), "试用期", "新员工", "full"),
    ("KF107", "吴桐", "桐桐", "售后组", dt.date(2022, 11, 20), "正式", "老员工", "full"),
    ("KF108", "郑可", "可可", "售后组", dt.date(2024, 7, 15), "正式", "老员工", "full"),
)
# KF103 and KF106 are on probation; KF105 replies to under 90% (a veto), KF106 answers in
# over 100 s (a veto), KF108 converts under 40% (a veto); KF107 receives over a thousand
# customers a day, so its counts are written with thousands separators.
_PROFILES = {
    "KF101": Profile(90, 25, 0.992, 28, 0.72, 0.66, 0.981, 0.95),
    "KF102": Profile(75, 20, 0.975, 52, 0.70, 0.58, 0.962, 0.91),
    "KF103": Profile(60, 15, 0.955, 71, 0.68, 0.50, 0.935, 0.86),
    "KF104": Profile(110, 30, 0.985, 40, 0.74, 0.61, 0.972, 0.93),
    "KF105": Profile(85, 20, 0.875, 64, 0.69, 0.55, 0.948, 0.82),
    "KF106": Profile(55, 15, 0.965, 112, 0.66, 0.47, 0.921, 0.74),
    "KF107": Profile(1250, 350, 0.981, 46, 0.71, 0.60, 0.969, 0.90),
    "KF108": Profile(70, 20, 0.970, 58, 0.65, 0.33, 0.944, 0.88),
}
_SATISFACTION = ("非常满意", "满意", "一般", "不满意")
_ERRORS = ("话术错误", "优惠解释错误", "发货时效承诺错误")


@dataclass(frozen=True)
class Day:
    """One agent's day as every export and its twin show it (durations in whole seconds,
    rates in basis points, so their two-decimal percent text is exact)."""

    agent: Agent
    day: dt.date
    received: int
    inquiries: int
    replied: int
    avg_response_s: int
    first_response_s: int
    pre_sales: int
    paid_orders: int
    inquiry_paid: int
    sales: float
    satisfaction_bp: int
    three_min_bp: int


@dataclass(frozen=True)
class AttendanceDay:
    agent_id: str
    day: dt.date
    status: str


@dataclass(frozen=True)
class Chat:
    agent_id: str
    day: dt.date
    chat_id: str
    satisfaction: str
    attitude: int
    error: str
    risk: bool


@dataclass(frozen=True)
class Month:
    """The one seeded month every workbook of this module is written from."""

    agents: tuple[Agent, ...]
    days: tuple[Day, ...]  # by date, then by roster order
    attendance: tuple[AttendanceDay, ...]
    chats: tuple[Chat, ...]

    @property
    def agent_ids(self) -> list[str]:
        return [a.agent_id for a in self.agents]


def month(seed: int = SEED) -> Month:
    """The month drawn from ``seed``: the same seed gives the same workbooks."""
    rng = random.Random(seed)
    agents = tuple(
        Agent(aid, name, nick, group, hired, status, level, f"{SHOP}:{nick}" if how == "full" else nick)
        for aid, name, nick, group, hired, status, level, how in _AGENTS
    )
    worked: dict[str, list[int]] = {
        a.agent_id: sorted(rng.sample(range(1, 32), rng.randint(18, 22))) for a in agents
    }
    days = tuple(
        _day(rng, a, _PROFILES[a.agent_id], dt.date(YEAR, MON, d))
        for d in range(1, 32)
        for a in agents
        if d in worked[a.agent_id]
    )
    attendance: list[AttendanceDay] = []
    for a in agents:
        for d in range(1, 32):
            status = "休息"
            if d in worked[a.agent_id]:
                status = "迟到" if rng.random() < 0.06 else "出勤"
            attendance.append(AttendanceDay(a.agent_id, dt.date(YEAR, MON, d), status))
    chats: list[Chat] = []
    for i, a in enumerate(agents):
        for c, d in enumerate(rng.sample(worked[a.agent_id], 4)):
            error = _ERRORS[i % 3] if rng.random() < 0.25 else ""
            chats.append(
                Chat(
                    a.agent_id,
                    dt.date(YEAR, MON, d),
                    f"DY{20261000 + 10 * i + c}",
                    rng.choice(_SATISFACTION),
                    rng.randint(62, 99),
                    error,
                    bool(error) and rng.random() < 0.2,
                )
            )
    return Month(agents, days, tuple(attendance), tuple(chats))


def _day(rng: random.Random, agent: Agent, p: Profile, day: dt.date) -> Day:
    received = max(20, p.base + rng.randint(-p.spread, p.spread))
    inquiries = received - rng.randint(0, 3)
    unreplied = max(0, round(inquiries * (1 - p.reply) + rng.uniform(-1.5, 1.5)))
    avg = max(6, p.response_s + rng.randint(-14, 14))
    pre_sales = round(inquiries * (p.pre_share + rng.uniform(-0.05, 0.05)))
    inquiry_paid = round(pre_sales * (p.paid_share + rng.uniform(-0.06, 0.06)))
    paid_orders = inquiry_paid + rng.randint(0, 4)
    return Day(
        agent,
        day,
        received,
        inquiries,
        inquiries - unreplied,
        avg,
        max(3, round(avg * rng.uniform(0.35, 0.6))),
        pre_sales,
        paid_orders,
        inquiry_paid,
        round(paid_orders * rng.uniform(80, 260), 2),
        _bp(rng, p.satisfaction),
        _bp(rng, p.three_min),
    )


def _bp(rng: random.Random, rate: float) -> int:
    """A rate in basis points near ``rate``, within 0–100%."""
    return min(10000, max(0, round(rate * 10000) + rng.randint(-300, 300)))


# ---------------------------------------------------------------------------------------------
# How back-offices write values
# ---------------------------------------------------------------------------------------------


def pct(bp: int) -> str:
    """A rate as exports write it: ``97.50%``."""
    return f"{bp / 100:.2f}%"


def pct_of(part: int, whole: int) -> str:
    """``part / whole`` as a two-decimal percent text: ``2.50%``."""
    return f"{part / whole * 100:.2f}%"


def thousands(n: float, decimals: int = 0) -> str:
    """A number as text with thousands separators: ``1,234`` / ``12,345.60``."""
    return f"{n:,.{decimals}f}"


def duration(seconds: int) -> str:
    """A duration as 飞鸽 / 千牛 write it: ``11秒``, ``2分30秒``."""
    m, s = divmod(seconds, 60)
    return f"{m}分{s}秒" if m else f"{s}秒"


def recovers(count: int, whole: int, rate_text: str) -> bool:
    """True when ``whole × (1 − rate)``, with the rate read back from its two-decimal text and
    rounded to a whole person, gives ``count`` again (what a complement column must allow)."""
    rate = float(rate_text.rstrip("%")) / 100
    return int(whole * (1 - rate) + 0.5) == count


def complement(count: int, whole: int) -> str:
    """The complement rate of ``count`` in ``whole`` (不服务率, 询单流失率) as export text."""
    text = pct_of(whole - count, whole)
    assert recovers(count, whole, text), (count, whole, text)
    return text


# ---------------------------------------------------------------------------------------------
# Writers: openpyxl for the files a manager keeps, XlsxWriter for machine exports
# ---------------------------------------------------------------------------------------------


def write_plain(path: Path, sheet: str, rows: Sequence[Sequence[Any]]) -> Path:
    """A manager's sheet in canonical columns (header first); dates as date cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for line in ws.iter_rows():
        for cell in line:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_export(path: Path, sheet: str, titles: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    """A back-office export: title lines merged across the table, then the header and rows.

    Text stays text (``"1,234"``, ``"97.50%"``), numbers stay numbers, dates are date cells.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    title = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    width = len(rows[0])
    for r, text in enumerate(titles):
        ws.merge_range(r, 0, r, width - 1, text, title)
    top = len(titles)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(top + r, c, dt.datetime(value.year, value.month, value.day), date)
            elif isinstance(value, str):
                ws.write_string(top + r, c, value, head if r == 0 else None)
            else:
                ws.write_number(top + r, c, value)
    ws.freeze_panes(top + 1, 0)
    wb.close()
    return path


# ---------------------------------------------------------------------------------------------
# The shared canonical files: roster, attendance, sampled chats
# ---------------------------------------------------------------------------------------------


def roster_rows(m: Month) -> list[list[Any]]:
    return [ROSTER_HEADER] + [
        [a.agent_id, a.name, a.group, a.hire_date, a.status, a.level, a.wangwang] for a in m.agents
    ]


def attendance_rows(m: Month) -> list[list[Any]]:
    return [ATT_HEADER] + [[d.agent_id, d.day, d.status] for d in m.attendance]


def qa_rows(m: Month) -> list[list[Any]]:
    return [QA_HEADER] + [
        [c.agent_id, c.day, c.chat_id, c.satisfaction, c.attitude, c.error or None, "是" if c.risk else "否"]
        for c in m.chats
    ]


@dataclass(frozen=True)
class Shared:
    """The files both sides of every pair read: roster, attendance, sampled chats."""

    roster: Path
    attendance: Path
    qa: Path


def shared_files(folder: Path, m: Month) -> Shared:
    return Shared(
        write_plain(folder / "花名册.xlsx", "花名册", roster_rows(m)),
        write_plain(folder / "十月考勤.xlsx", "考勤", attendance_rows(m)),
        write_plain(folder / "十月质检.xlsx", "质检抽查", qa_rows(m)),
    )


# ---------------------------------------------------------------------------------------------
# The canonical twin
# ---------------------------------------------------------------------------------------------


def canonical_rows(m: Month, *, payers_both: bool = False, declared: bool = False) -> list[list[Any]]:
    """The reception days in canonical columns, keyed by 工号, rates as fractions.

    ``payers_both``: the export has one 支付人数 column feeding both 付款订单数 and
    询单付款人数, so both hold 询单付款人数. ``declared``: the export carries the platform KPI,
    and so does the twin, under the same header (declared in its mapping file).
    """
    header = CANONICAL_RECEPTION + ([DECLARED_COLUMN] if declared else [])
    rows: list[list[Any]] = [header]
    for d in m.days:
        row: list[Any] = [
            d.agent.agent_id,
            d.day,
            d.received,
            d.inquiries,
            d.replied,
            d.avg_response_s,
            d.first_response_s,
            d.pre_sales,
            d.inquiry_paid if payers_both else d.paid_orders,
            d.inquiry_paid,
            d.sales,
            d.satisfaction_bp / 10000,
        ]
        if declared:
            row.append(d.three_min_bp / 10000)
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# The exports
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    """One back-office export: where it goes, what it looks like, and what explains it."""

    file: str
    sheet: str
    titles: tuple[str, ...]
    rows: list[list[Any]]  # header first
    mapping: str | None  # the mapping file's text, when the export needs one
    payers_both: bool = False
    declared: bool = False


def _sums(m: Month) -> dict[str, Any]:
    """Shop totals for the summary rows at the bottom of an export."""
    received = sum(d.received for d in m.days)
    inquiries = sum(d.inquiries for d in m.days)
    return {
        "received": received,
        "inquiries": inquiries,
        "replied": sum(d.replied for d in m.days),
        "avg": round(sum(d.avg_response_s * d.received for d in m.days) / received),
        "first": round(sum(d.first_response_s * d.received for d in m.days) / received),
        "pre_sales": sum(d.pre_sales for d in m.days),
        "paid_orders": sum(d.paid_orders for d in m.days),
        "inquiry_paid": sum(d.inquiry_paid for d in m.days),
        "sales": round(sum(d.sales for d in m.days), 2),
        "satisfaction": round(sum(d.satisfaction_bp * d.received for d in m.days) / received),
        "three_min": round(sum(d.three_min_bp * d.inquiries for d in m.days) / inquiries),
    }


def title_subaccount(m: Month) -> Export:
    """A 千牛-style daily report: title and blank line, ``店铺:昵称`` in 客服, text dates,
    every count as text with separators, durations as ``1分5秒``, rates as ``97.50%``."""
    header = [
        "日期",
        "客服",
        "接待人数",
        "咨询人数",
        "回复人数",
        "平均响应时间",
        "首次响应时间",
        "询单人数",
        "询单付款人数",
        "付款订单数",
        "销售额",
        "客户满意率",
    ]
    rows: list[list[Any]] = [header]
    for d in m.days:
        rows.append(
            [
                d.day.isoformat(),
                d.agent.subaccount,
                thousands(d.received),
                thousands(d.inquiries),
                thousands(d.replied),
                duration(d.avg_response_s),
                duration(d.first_response_s),
                thousands(d.pre_sales),
                thousands(d.inquiry_paid),
                thousands(d.paid_orders),
                thousands(d.sales, 2),
                pct(d.satisfaction_bp),
            ]
        )
    s = _sums(m)
    for label in ("店铺汇总值", "全店合计"):
        rows.append(
            [
                "",
                label,
                thousands(s["received"]),
                thousands(s["inquiries"]),
                thousands(s["replied"]),
                duration(s["avg"]),
                duration(s["first"]),
                thousands(s["pre_sales"]),
                thousands(s["inquiry_paid"]),
                thousands(s["paid_orders"]),
                thousands(s["sales"], 2),
                pct(s["satisfaction"]),
            ]
        )
    return Export(
        "客服绩效明细_2026-10-01至2026-10-31.xlsx", "客服绩效明细", (f"客服绩效明细 {PERIOD}", ""), rows, None
    )


def complement_rates(m: Month) -> Export:
    """A 飞鸽-style report: 不服务率 instead of 回复人数 and 询单流失率 instead of 询单付款人数
    (shipped complements, no mapping), date cells, 客服昵称, an export-time line."""
    header = [
        "日期",
        "客服昵称",
        "接待人数",
        "咨询人数",
        "不服务率",
        "平均响应时长",
        "首次响应时长",
        "询单人数",
        "询单流失率",
        "付款订单数",
        "销售额",
        "满意率",
    ]
    rows: list[list[Any]] = [header]
    for d in m.days:
        rows.append(
            [
                d.day,
                d.agent.subaccount,
                thousands(d.received) if d.received >= 1000 else d.received,
                thousands(d.inquiries) if d.inquiries >= 1000 else d.inquiries,
                complement(d.replied, d.inquiries),
                duration(d.avg_response_s),
                duration(d.first_response_s),
                d.pre_sales,
                complement(d.inquiry_paid, d.pre_sales),
                d.paid_orders,
                d.sales,
                pct(d.satisfaction_bp),
            ]
        )
    s = _sums(m)
    for label in ("店铺汇总值", "全店合计"):
        rows.append(
            [
                None,
                label,
                thousands(s["received"]),
                thousands(s["inquiries"]),
                pct_of(s["inquiries"] - s["replied"], s["inquiries"]),
                duration(s["avg"]),
                duration(s["first"]),
                s["pre_sales"],
                pct_of(s["pre_sales"] - s["inquiry_paid"], s["pre_sales"]),
                s["paid_orders"],
                s["sales"],
                pct(s["satisfaction"]),
            ]
        )
    titles = (f"飞鸽客服数据 · 客服绩效明细 {PERIOD}", "导出时间：2026-11-01 09:30:12")
    return Export("飞鸽_客服绩效_202610.xlsx", "客服绩效", titles, rows, None)


MAPPED_YAML = """\
# 自建报表的表头
columns:
  人工会话量: 接待人数
  进线人数: 咨询人数
  均响时长: 平均响应时长(秒)
  首响时长: 首次响应时长(秒)
  售前咨询量: 询单人数
  支付人数: [付款订单数, 询单付款人数]
  成交金额: 销售额
  好评率: 客户满意率
  转接次数: 忽略
derive:
  回复人数: 咨询人数 - 漏接人数
drop_rows: [机器人客服]
"""


def mapped_headers(m: Month) -> Export:
    """A shop's own report whose headers only a mapping file explains: 人工会话量,
    支付人数 feeding 付款订单数 and 询单付款人数, 回复人数 derived from 漏接人数, and a bot
    account's rows left out by ``drop_rows``. Numbers are numbers, 好评率 a fraction."""
    header = [
        "统计日期",
        "客服账号",
        "人工会话量",
        "进线人数",
        "漏接人数",
        "均响时长",
        "首响时长",
        "售前咨询量",
        "支付人数",
        "成交金额",
        "好评率",
        "转接次数",
    ]
    rows: list[list[Any]] = [header]
    for i, d in enumerate(m.days):
        rows.append(
            [
                d.day,
                d.agent.subaccount,
                d.received,
                d.inquiries,
                d.inquiries - d.replied,
                d.avg_response_s,
                d.first_response_s,
                d.pre_sales,
                d.inquiry_paid,
                d.sales,
                d.satisfaction_bp / 10000,
                i % 5,
            ]
        )
        if i + 1 == len(m.days) or m.days[i + 1].day != d.day:
            rows.append([d.day, BOT, 310, 310, 0, 1, 1, 120, 45, 5400.0, 0.9, 0])
    s = _sums(m)
    rows.append(
        [
            None,
            "店铺汇总值",
            s["received"],
            s["inquiries"],
            s["inquiries"] - s["replied"],
            s["avg"],
            s["first"],
            s["pre_sales"],
            s["inquiry_paid"],
            s["sales"],
            s["satisfaction"] / 10000,
            0,
        ]
    )
    rows.append([None, "全店合计", *rows[-1][2:]])
    return Export(
        "客服工作量报表_2026年10月.xlsx",
        "工作量",
        ("客服工作量报表（2026年10月）",),
        rows,
        MAPPED_YAML,
        payers_both=True,
    )


def platform_kpi(m: Month) -> Export:
    """A 千牛-style report with the platform's 三分钟回复率（人维度）, declared under
    ``fields:`` and scored by the rules; 旺旺昵称, full-width brackets, text rates."""
    header = [
        "日期",
        "旺旺昵称",
        "接待人数",
        "咨询人数",
        "回复人数",
        "平均响应时长（秒）",
        "首次响应时长（秒）",
        "询单人数",
        "询单->最终付款人数",
        "付款订单数",
        "销售额",
        "客户满意率",
        DECLARED_COLUMN,
    ]
    rows: list[list[Any]] = [header]
    for d in m.days:
        rows.append(
            [
                d.day,
                d.agent.subaccount,
                d.received,
                d.inquiries,
                d.replied,
                d.avg_response_s,
                d.first_response_s,
                d.pre_sales,
                d.inquiry_paid,
                d.paid_orders,
                thousands(d.sales, 2),
                pct(d.satisfaction_bp),
                pct(d.three_min_bp),
            ]
        )
    s = _sums(m)
    for label in ("店铺汇总值", "全店合计"):
        rows.append(
            [
                None,
                label,
                s["received"],
                s["inquiries"],
                s["replied"],
                s["avg"],
                s["first"],
                s["pre_sales"],
                s["inquiry_paid"],
                s["paid_orders"],
                thousands(s["sales"], 2),
                pct(s["satisfaction"]),
                pct(s["three_min"]),
            ]
        )
    return Export(
        "咨询接待分析_按天_2026-10.xlsx",
        "数据信息",
        (f"客服绩效 {PERIOD}",),
        rows,
        FIELDS_YAML,
        declared=True,
    )


EVERYTHING_YAML = f"""\
columns:
  人工会话量: 接待人数
  支付人数: [付款订单数, 询单付款人数]
  全天不满意率: 忽略
{FIELDS_YAML}drop_rows: [机器人客服]
"""


def everything(m: Month) -> Export:
    """Every quirk at once: title lines, ``店铺:昵称``, text counts with separators,
    ``2分30秒``, ``97.50%``, 不服务率 instead of 回复人数, 人工会话量 and 支付人数 by mapping,
    the platform KPI, a bot's rows, and summary rows (全店合计 dated with the period)."""
    header = [
        "日期",
        "客服",
        "人工会话量",
        "咨询人数",
        "不服务率",
        "平均响应时长",
        "首次响应时长",
        "询单人数",
        "支付人数",
        "销售额",
        "满意率",
        DECLARED_COLUMN,
        "全天不满意率",
    ]
    rows: list[list[Any]] = [header]
    for i, d in enumerate(m.days):
        rows.append(
            [
                d.day.strftime("%Y/%m/%d"),
                d.agent.subaccount,
                thousands(d.received),
                thousands(d.inquiries),
                complement(d.replied, d.inquiries),
                duration(d.avg_response_s),
                duration(d.first_response_s),
                thousands(d.pre_sales),
                thousands(d.inquiry_paid),
                thousands(d.sales, 2),
                pct(d.satisfaction_bp),
                pct(d.three_min_bp),
                pct(10000 - d.satisfaction_bp),
            ]
        )
        if i % 9 == 4:
            rows.append(
                [
                    d.day.strftime("%Y/%m/%d"),
                    BOT,
                    "1,310",
                    "1,310",
                    "0.00%",
                    "1秒",
                    "1秒",
                    "120",
                    "45",
                    "5,400.00",
                    "90.00%",
                    "100.00%",
                    "10.00%",
                ]
            )
    s = _sums(m)
    for label, when in (("店铺汇总值", ""), ("全店合计", PERIOD)):
        rows.append(
            [
                when,
                label,
                thousands(s["received"]),
                thousands(s["inquiries"]),
                pct_of(s["inquiries"] - s["replied"], s["inquiries"]),
                duration(s["avg"]),
                duration(s["first"]),
                thousands(s["pre_sales"]),
                thousands(s["inquiry_paid"]),
                thousands(s["sales"], 2),
                pct(s["satisfaction"]),
                pct(s["three_min"]),
                pct(10000 - s["satisfaction"]),
            ]
        )
    titles = (f"抖店·飞鸽 客服数据明细 {PERIOD}", "店铺：澜庭旗舰店    导出人：运营")
    return Export(
        "客服数据明细_20261001-20261031.xlsx",
        "客服数据",
        titles,
        rows,
        EVERYTHING_YAML,
        payers_both=True,
        declared=True,
    )


VARIANTS: dict[str, Callable[[Month], Export]] = {
    "title_subaccount": title_subaccount,
    "complement_rates": complement_rates,
    "mapped_headers": mapped_headers,
    "platform_kpi": platform_kpi,
    "everything": everything,
}


@dataclass(frozen=True)
class Variant:
    """One export and its canonical twin, ready to run: inputs, mapping, rules."""

    name: str
    export: list[Path]
    export_mapping: Path | None
    canonical: list[Path]
    canonical_mapping: Path | None
    rules: Path
    export_file: Path


def build_variant(folder: Path, name: str, m: Month | None = None) -> Variant:
    """Write variant ``name`` (an export, its twin, their mapping files and rules) into ``folder``."""
    m = m or month()
    shared = shared_files(folder / "shared", m)
    export = VARIANTS[name](m)
    export_path = write_export(folder / "export" / export.file, export.sheet, export.titles, export.rows)
    twin = write_plain(
        folder / "canonical" / "十月接待.xlsx",
        "接待数据",
        canonical_rows(m, payers_both=export.payers_both, declared=export.declared),
    )
    export_mapping = canonical_mapping = None
    if export.mapping is not None:
        export_mapping = folder / "export" / "表头映射.yaml"
        export_mapping.write_text(export.mapping, encoding="utf-8")
    if export.declared:
        canonical_mapping = folder / "canonical" / "表头映射.yaml"
        canonical_mapping.write_text(FIELDS_YAML, encoding="utf-8")
    rules = folder / "rules.yaml"
    rules.write_text(rules_yaml(platform=export.declared), encoding="utf-8")
    common = [shared.roster, shared.attendance, shared.qa]
    return Variant(
        name,
        [common[0], export_path, *common[1:]],
        export_mapping,
        [common[0], twin, *common[1:]],
        canonical_mapping,
        rules,
        export_path,
    )


# ---------------------------------------------------------------------------------------------
# Rules: the standard preset, plus KPIs on every reception field the exports carry
# ---------------------------------------------------------------------------------------------

_WIDE_KPIS = """\
      - id: satisfaction
        name: 客户满意率
        name_en: Customer satisfaction rate
        weight: 10
        input: satisfaction_rate
        unit: "%"
        bands:
          - {range: "[95%, 100%]", points: 10}
          - {range: "[92%, 95%)", points: 5}
          - {range: "[0%, 92%)", points: 0}
      - id: inquiry_conversion
        name: 询单转化率
        name_en: Inquiry conversion
        weight: 10
        input: inquiry_paid / pre_sales
        unit: "%"
        bands:
          - {range: "[60%, 100%]", points: 10}
          - {range: "[45%, 60%)", points: 5}
          - {range: "[0%, 45%)", points: 0}
      - id: first_response
        name: 首次响应时长
        name_en: First response time
        weight: 5
        input: first_response_s
        unit: s
        bands:
          - {range: "[0, 20]", points: 5}
          - {range: "(20, 40]", points: 3}
          - {range: "(40, inf)", points: 0}
"""
_PLATFORM_KPI = """\
      - id: reply_3min
        name: 三分钟回复率
        name_en: Three-minute reply rate
        weight: 10
        input: 三分钟回复率
        unit: "%"
        bands:
          - {range: "[90%, 100%]", points: 10}
          - {range: "[80%, 90%)", points: 5}
          - {range: "[0%, 80%)", points: 0}
        vetoes:
          - when: "三分钟回复率 < 75%"
            reason: 三分钟回复率低于 75%
            reason_en: Under 75% replied in 3 minutes
"""


def rules_yaml(platform: bool) -> str:
    """The standard preset with 客户满意率, 询单转化率 and 首次响应时长 KPIs added to both
    tables (totals raised to match), and with ``platform`` the declared 三分钟回复率 too."""
    text = (resources.files("csreport.rules") / "presets" / "standard.yaml").read_text("utf-8")
    added = _WIDE_KPIS + (_PLATFORM_KPI if platform else "")
    total = 100 + 25 + (10 if platform else 0)
    # Each table's KPI list ends just before a blank line and the next top-level entry.
    for anchor in ("\n\n  - id: regular\n", "\n\n# Result grades"):
        assert text.count(anchor) == 1, anchor
        text = text.replace(anchor, "\n" + added + anchor[1:])
    assert text.count("    total: 100\n") == 2
    return text.replace("    total: 100\n", f"    total: {total}\n").replace(
        "name: 标准考核\n", "name: 标准考核（含平台指标）\n"
    )
