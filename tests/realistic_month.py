"""The one shared month every realistic fixture workbook is written from.

Six roster agents with varied bands, vetoes and attendance events, their whole-month and
daily reception figures, one sub-account the roster does not know, and four sampled chats
each. :func:`month_data` builds it deterministically; the writers in
``tests/realistic_writers.py`` and the scenario builders in ``tests/realistic_exports.py``
and ``tests/realistic_handkept.py`` all draw from it, so a realistic workbook and its
canonical twin always hold the same data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from csreport.domain import ATTITUDE_ITEMS

MONTH = "2026-10"
SHOP = "测试旗舰店"
YEAR, MON = 2026, 10

ITEM_NAMES: tuple[str, ...] = tuple(name for name, _ in ATTITUDE_ITEMS)
ITEM_MAX: tuple[int, ...] = tuple(int(mx) for _, mx in ATTITUDE_ITEMS)


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
    daily = tuple(_daily_row(aid, subaccount[aid], d, *_DAILY[aid]) for d in DAILY_DAYS for aid in subaccount)
    stranger = tuple(_daily_row("", STRANGER_SUBACCOUNT, d, 40, 0.95, 70.0, 0.5) for d in (2, 3, 4))
    attendance = tuple(_attendance_day(i, a, day) for day in range(1, 32) for i, a in enumerate(agents))
    chats = tuple(_chats(agents))
    return MonthData(agents, monthly, daily, stranger, attendance, chats)


def _daily_row(agent_id: str, sub: str, day: int, base: int, rr: float, rt: float, conv: float) -> Reception:
    """A plausible day for one agent; counts integral, times at two decimals."""
    n = base + (day * 7) % 13
    delta = ((day * 5) % 9 - 4) * 0.7
    avg = round(rt + delta, 2)
    return Reception(
        agent_id,
        sub,
        dt.date(YEAR, MON, day),
        n,
        n,
        round(n * rr),
        avg,
        round(avg / 2, 1),
        round(n * 0.7),
        round(n * conv),
        round(n * conv) * 128.5,
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
            out.append(
                Chat(
                    agent.agent_id,
                    dt.date(YEAR, MON, 2 + ci * 7 + ai),
                    f"QA{serial}",
                    _SATISFACTION[(ai + ci) % len(_SATISFACTION)],
                    _item_scores(deduction, ai + ci),
                    etype,
                    risk,
                )
            )
    return out
